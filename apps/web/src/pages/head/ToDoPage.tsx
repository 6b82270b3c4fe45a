import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { Countdown } from '../../components/Countdown';
import { formatDateTime } from '../../components/format';
import { RiskBadge } from '../../components/RiskBadge';
import { byDeadline, byRisk } from './to-do';

const ToDoQuery = graphql(`
  query HeadToDo {
    violations(first: 50, filter: { status: OPEN }) {
      totalCount
      nodes {
        id
        reference
        title
        cnilDeadline
        cnilNotifiedAt
        school {
          name
        }
      }
    }
    toolDeclarations(first: 50, filter: { status: SUBMITTED }) {
      totalCount
      nodes {
        id
        toolName
        vendor
        riskLevel
        submittedAt
        declaredBy {
          displayName
        }
      }
    }
  }
`);

/** "À traiter": what needs the head now, most urgent first. Each item opens its entry. */
export function ToDoPage() {
  const [{ data, fetching, error }] = useQuery({ query: ToDoQuery });
  const failure = toFailure(error);
  const breaches = data ? byDeadline(data.violations.nodes.filter((v) => !v.cnilNotifiedAt)) : [];
  const declarations = data ? byRisk(data.toolDeclarations.nodes) : [];
  return (
    <>
      <h1>À traiter</h1>
      {failure && <Alert severity="error" small description={failure.message} className="fr-mb-2w" />}
      {fetching && !data && <p aria-live="polite">Chargement…</p>}
      {data && (
        <>
          <section aria-labelledby="titre-violations" className="fr-mb-6w">
            <h2 id="titre-violations">Violations de données : le délai de 72 heures</h2>
            {breaches.length === 0 ? (
              <p>Aucune violation en attente de notification.</p>
            ) : (
              <ul className="fr-raw-list" data-testid="todo-breaches">
                {breaches.map((v) => (
                  <li key={v.id} className="fr-mb-2w">
                    <Link to={`/violations/${v.id}`} className="fr-link">
                      {v.reference} — {v.title}
                    </Link>
                    <Countdown
                      deadline={v.cnilDeadline}
                      label="Échéance CNIL"
                      overdueLabel="Échéance CNIL dépassée"
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="titre-declarations">
            <h2 id="titre-declarations">Déclarations à décider</h2>
            {declarations.length === 0 ? (
              <p>Aucune déclaration en attente de décision.</p>
            ) : (
              <ul className="fr-raw-list" data-testid="todo-declarations">
                {declarations.map((d) => (
                  <li key={d.id} className="fr-mb-2w">
                    <Link to={`/decisions/${d.id}`} className="fr-link">
                      {d.toolName}
                      {d.vendor ? ` (${d.vendor})` : ''}
                    </Link>{' '}
                    <RiskBadge level={d.riskLevel} small />
                    <p className="fr-text--sm fr-mb-0">
                      Déclaré par {d.declaredBy.displayName}
                      {d.submittedAt && `, soumis le ${formatDateTime(d.submittedAt)}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
