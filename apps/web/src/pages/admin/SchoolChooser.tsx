import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../api/gql';

const ChooseSchoolsQuery = graphql(`
  query ChooseSchools($filter: SchoolFilter) {
    schools(first: 20, filter: $filter) {
      totalCount
      nodes {
        id
        uai
        name
      }
    }
  }
`);

/** Choosing one school among thousands: a search (name, city or UAI), then a list of the matches. */
export function SchoolChooser({
  academyId,
  value,
  onChange,
  state,
  idPrefix,
}: {
  academyId?: string;
  value: string;
  onChange: (schoolId: string) => void;
  state?: { state?: 'error'; stateRelatedMessage?: string };
  idPrefix: string;
}) {
  const [search, setSearch] = useState('');
  const [{ data }] = useQuery({
    query: ChooseSchoolsQuery,
    variables: { filter: { academyId: academyId || undefined, search: search.trim() || undefined } },
  });
  const nodes = data?.schools.nodes ?? [];
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <Input
          label="Rechercher l’établissement"
          hintText="Nom, commune ou UAI"
          nativeInputProps={{
            id: `${idPrefix}-recherche`,
            type: 'search',
            value: search,
            onChange: (e) => setSearch(e.target.value),
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Select
          label="Établissement"
          hint={
            data
              ? `${data.schools.totalCount} correspondent${data.schools.totalCount > 20 ? ' (les 20 premiers)' : ''}`
              : undefined
          }
          nativeSelectProps={{
            id: `${idPrefix}-etablissement`,
            value,
            onChange: (e) => onChange(e.target.value),
          }}
          {...state}
        >
          <option value="">Choisir un établissement</option>
          {nodes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.uai})
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
