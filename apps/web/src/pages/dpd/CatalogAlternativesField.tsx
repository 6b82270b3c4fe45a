import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import type { Failure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { fieldState } from '../../components/ServerForm';
import { type CatalogAlternative, withAlternative } from './catalog-form';

// the académie's catalogue, searched as the DPD types
const CatalogAlternativeSearchQuery = graphql(`
  query CatalogAlternativeSearch($search: String!) {
    catalogTools(filter: { search: $search }, first: 8) {
      nodes {
        id
        name
        vendor
      }
    }
  }
`);

/**
 * "Outils à utiliser à la place": other entries of the catalogue, found by a search, added or
 * removed; saved with the rest of the form (alternativeIds). The entry itself is never offered.
 */
export function CatalogAlternativesField({
  chosen,
  onChange,
  failure,
}: {
  chosen: CatalogAlternative[];
  onChange: (next: CatalogAlternative[]) => void;
  failure: Failure | null;
}) {
  const { id: selfId = '' } = useParams();
  const [search, setSearch] = useState('');
  const term = search.trim();
  const [{ data, fetching }] = useQuery({
    query: CatalogAlternativeSearchQuery,
    variables: { search: term },
    pause: term.length < 2,
  });
  const found = term.length < 2 ? [] : (data?.catalogTools.nodes ?? []);
  const offered = found.filter((t) => t.id !== selfId && !chosen.some((a) => a.id === t.id));
  const state = fieldState(failure, 'alternativeIds');
  return (
    <div className="fr-mb-3w" role="group" aria-labelledby="titre-alternatives">
      <p id="titre-alternatives" className="fr-text--bold fr-mb-1w">
        Outils à utiliser à la place
      </p>
      {chosen.length ? (
        <ul className="fr-mb-2w" aria-label="Outils choisis">
          {chosen.map((a) => (
            <li key={a.id}>
              {a.name}{' '}
              <Button
                type="button"
                size="small"
                priority="tertiary no outline"
                iconId="fr-icon-close-line"
                onClick={() => onChange(chosen.filter((c) => c.id !== a.id))}
              >
                Retirer<span className="fr-sr-only"> « {a.name} »</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="fr-hint-text fr-mb-2w">Aucun outil choisi.</p>
      )}
      <Input
        label="Chercher un outil du catalogue"
        hintText="Au moins deux lettres du nom, d’un alias ou de l’éditeur."
        nativeInputProps={{
          value: search,
          type: 'search',
          onChange: (e) => setSearch(e.target.value),
          // inside the entry's form: Enter searches, it does not save the form
          onKeyDown: (e) => {
            if (e.key === 'Enter') e.preventDefault();
          },
        }}
        {...state}
      />
      {term.length >= 2 && !fetching && (
        <ul aria-label="Outils trouvés" aria-live="polite">
          {offered.length ? (
            offered.map((t) => (
              <li key={t.id}>
                {t.name}
                {t.vendor ? ` (${t.vendor})` : ''}{' '}
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  onClick={() => onChange(withAlternative(chosen, t, selfId))}
                >
                  Ajouter<span className="fr-sr-only"> « {t.name} »</span>
                </Button>
              </li>
            ))
          ) : (
            <li>Aucun autre outil du catalogue ne correspond.</li>
          )}
        </ul>
      )}
    </div>
  );
}
