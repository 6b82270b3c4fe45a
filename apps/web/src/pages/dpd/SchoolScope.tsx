import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../api/gql';

const SchoolNameQuery = graphql(`
  query SchoolName($id: ID!) {
    school(id: $id) {
      id
      name
    }
  }
`);

/** A queue narrowed to one school (`?etablissement=`): which one, and the way back to all of them. */
export function SchoolScope({ schoolId, clear }: { schoolId: string; clear: () => void }) {
  const [{ data }] = useQuery({ query: SchoolNameQuery, variables: { id: schoolId }, pause: !schoolId });
  if (!schoolId) return null;
  return (
    <p className="fr-mb-2w">
      Établissement :{' '}
      {data?.school ? <Link to={`/dpd/etablissements/${schoolId}`}>{data.school.name}</Link> : '…'}{' '}
      <Button type="button" priority="tertiary no outline" size="small" onClick={clear}>
        Tous les établissements
      </Button>
    </p>
  );
}
