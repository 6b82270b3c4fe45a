import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { DECLARATION_STATUS_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { fieldState } from '../../components/ServerForm';
import { linkable, linkedNotice } from './catalog-link';

// the académie's uncatalogued names, most used first: the spellings the DPD may want to link
const CatalogLinkCandidatesQuery = graphql(`
  query CatalogLinkCandidates {
    catalogCandidates(first: 10) {
      nodes {
        toolName
        declarationCount
      }
    }
  }
`);

// the académie's declarations of a name (tool name or vendor), with their school
const CatalogLinkSearchQuery = graphql(`
  query CatalogLinkSearch($search: String!) {
    toolDeclarations(filter: { search: $search }, first: 50) {
      nodes {
        id
        toolName
        vendor
        status
        school {
          id
          name
        }
        catalogTool {
          id
        }
      }
    }
  }
`);

const LinkDeclarationsMutation = graphql(`
  mutation LinkDeclarationsToCatalog($catalogToolId: ID!, $declarationIds: [ID!]!) {
    linkDeclarationsToCatalog(catalogToolId: $catalogToolId, declarationIds: $declarationIds) {
      id
      declarationCount
      schoolCount
      riskLevel
    }
  }
`);

/**
 * "Rattacher des déclarations": the académie's uncatalogued declarations of a name the DPD searches
 * (the entry's own name at first, or one of the uncatalogued names), chosen by checkboxes and linked
 * to the entry; the entry's use then refreshes (the mutation answers with the entry).
 */
export function CatalogLinkDeclarations({ toolId, toolName }: { toolId: string; toolName: string }) {
  const [search, setSearch] = useState(toolName);
  const [chosen, setChosen] = useState<string[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const term = search.trim();
  const [{ data: candidates }] = useQuery({ query: CatalogLinkCandidatesQuery });
  const [{ data, fetching }, refetch] = useQuery({
    query: CatalogLinkSearchQuery,
    variables: { search: term },
    pause: term.length < 2,
  });
  const [{ fetching: linking }, link] = useMutation(LinkDeclarationsMutation);
  const found = term.length < 2 ? [] : linkable(data?.toolDeclarations.nodes ?? []);
  const names = candidates?.catalogCandidates.nodes ?? [];

  const submit = async () => {
    setNotice(null);
    const result = await link({ catalogToolId: toolId, declarationIds: chosen });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) {
      setNotice(linkedNotice(chosen.length));
      setChosen([]);
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section className="fr-mt-5w" aria-labelledby="titre-rattacher">
      <h2 id="titre-rattacher" className="fr-h4">
        Rattacher des déclarations
      </h2>
      <p>
        Les déclarations d’un nom que les alias n’ont pas reconnu (une autre orthographe) : une fois
        rattachées, elles suivent la fiche.
      </p>
      {names.length > 0 && (
        <p className="fr-text--sm">
          Noms encore hors catalogue :{' '}
          {names.map((c) => (
            <Button
              key={c.toolName}
              type="button"
              size="small"
              priority="tertiary"
              className="fr-mr-1w fr-mb-1w"
              onClick={() => {
                setSearch(c.toolName);
                setChosen([]);
              }}
            >
              {`${c.toolName} (${c.declarationCount})`}
            </Button>
          ))}
        </p>
      )}
      <Input
        label="Nom déclaré"
        hintText="Le nom de l’outil ou de l’éditeur tel que les enseignants l’ont écrit."
        nativeInputProps={{
          type: 'search',
          value: search,
          onChange: (e) => {
            setSearch(e.target.value);
            setChosen([]);
          },
        }}
      />
      {notice && <Alert severity="success" small description={notice} className="fr-mb-2w" />}
      {failure && failure.kind !== 'fields' && (
        <Alert severity="error" small description={failure.message} className="fr-mb-2w" />
      )}
      {term.length >= 2 && !fetching && found.length === 0 && (
        <p aria-live="polite">Aucune déclaration hors catalogue ne porte ce nom.</p>
      )}
      {found.length > 0 && (
        <>
          <Checkbox
            legend="Déclarations hors catalogue"
            options={found.map((d) => ({
              label: `${d.toolName}${d.vendor ? ` (${d.vendor})` : ''} — ${d.school.name}`,
              hintText: DECLARATION_STATUS_LABELS[d.status],
              nativeInputProps: {
                name: 'declarationIds',
                value: d.id,
                checked: chosen.includes(d.id),
                onChange: (e) =>
                  setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((c) => c !== d.id)),
              },
            }))}
            {...fieldState(failure, 'declarationIds')}
          />
          <Button
            type="button"
            iconId="fr-icon-links-line"
            disabled={linking || chosen.length === 0}
            onClick={() => void submit()}
          >
            Rattacher les déclarations choisies
          </Button>
        </>
      )}
    </section>
  );
}
