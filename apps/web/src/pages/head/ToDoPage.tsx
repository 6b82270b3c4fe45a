import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { Countdown } from '../../components/Countdown';
import { formatDateTime } from '../../components/format';
import { RiskBadge } from '../../components/RiskBadge';
import { useSession } from '../../session/session';
import { RIGHT_TYPE_LABELS, RIGHTS_REQUEST_STATUS_LABELS } from '@app/pdf/labels';
import { entryPage, notificationTitle } from '../notifications/entry-page';
import { DueCell } from '../rights/RightsRequestsPage';
import { awaitsNotification, byRisk, byUrgency, runningRequests } from './to-do';
import { deadlineLabel, missingForClosing } from './violation-state';

const ToDoQuery = graphql(`
  query HeadToDo {
    violations(first: 50, filter: { status: OPEN }) {
      totalCount
      nodes {
        id
        reference
        title
        risk
        discoveredAt
        cnilDeadline
        cnilNotificationRequired
        cnilNotifiedAt
        consequences
        measuresTaken
        noNotificationJustification
        lateNotificationReason
        subjectsInformedAt
        school {
          name
        }
      }
    }
    rightsRequests(first: 50) {
      totalCount
      nodes {
        id
        reference
        status
        requesterName
        rightTypes
        dueAt
        overdue
        school {
          name
        }
      }
    }
    myNotifications(first: 5, filter: { unreadOnly: true }) {
      totalCount
      nodes {
        id
        subject
        entityType
        entityId
        school {
          id
        }
        createdAt
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
        school {
          name
        }
      }
    }
  }
`);

/** "À traiter": what needs the head now, most urgent first. Each item opens its entry. */
export function ToDoPage() {
  const [{ data, fetching, error }] = useQuery({ query: ToDoQuery, requestPolicy: 'cache-and-network' });
  const { user } = useSession();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const severalSchools = (user?.grants ?? []).filter((g) => g.role === 'HEAD').length > 1;
  const failure = toFailure(error);
  const breaches = data ? byUrgency(data.violations.nodes) : [];
  const declarations = data ? byRisk(data.toolDeclarations.nodes) : [];
  const requests = data ? runningRequests(data.rightsRequests.nodes) : [];
  return (
    <>
      <h1>À traiter</h1>
      {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      {failure && <Alert severity="error" small description={failure.message} className="fr-mb-2w" />}
      {fetching && !data && <p aria-live="polite">Chargement…</p>}
      {data && (
        <>
          <section aria-labelledby="titre-violations" className="fr-mb-6w">
            <h2 id="titre-violations">Violations de données en cours</h2>
            <p className="fr-text--sm">
              La CNIL doit être notifiée dans les 72 heures suivant la découverte, sauf si la violation
              présente un risque improbable pour les personnes.
            </p>
            {breaches.length === 0 ? (
              <p>Aucune violation ouverte.</p>
            ) : (
              <ul className="fr-raw-list" data-testid="todo-breaches">
                {breaches.map((v) => {
                  const missing = Object.keys(missingForClosing(v)).length;
                  return (
                    <li key={v.id} className="fr-mb-3w">
                      <Link to={`/violations/${v.id}`} className="fr-link">
                        {v.reference} — {v.title}
                      </Link>
                      {severalSchools && <span className="fr-text--sm"> ({v.school.name})</span>}
                      {awaitsNotification(v) ? (
                        <Countdown
                          deadline={v.cnilDeadline}
                          label="Échéance CNIL"
                          overdueLabel="Échéance CNIL dépassée"
                        />
                      ) : (
                        <p className="fr-mb-0">{deadlineLabel(v)}</p>
                      )}
                      <p className="fr-text--sm fr-mb-0">
                        Découverte le {formatDateTime(v.discoveredAt)}
                        {missing > 0
                          ? ` — ${missing} ${missing > 1 ? 'éléments manquent' : 'élément manque'} pour la clôturer`
                          : ' — prête à être clôturée'}
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
            {data.violations.totalCount > breaches.length && (
              <p>
                <Link to="/violations?etat=OPEN" className="fr-link">
                  Voir les {data.violations.totalCount} violations ouvertes
                </Link>
              </p>
            )}
          </section>
          <section aria-labelledby="titre-demandes" className="fr-mb-6w">
            <h2 id="titre-demandes">Demandes de droits en cours</h2>
            <p className="fr-text--sm">
              Un mois pour répondre à compter de la réception (deux de plus si le demandeur en est informé
              dans le premier mois).
            </p>
            {requests.length === 0 ? (
              <p>Aucune demande en cours.</p>
            ) : (
              <ul className="fr-raw-list" data-testid="todo-requests">
                {requests.map((r) => (
                  <li key={r.id} className="fr-mb-3w">
                    <Link to={`/demandes/${r.id}`} className="fr-link">
                      {r.reference} — {r.requesterName}
                    </Link>
                    {severalSchools && <span className="fr-text--sm"> ({r.school.name})</span>}
                    <DueCell r={r} />
                    <p className="fr-text--sm fr-mb-0">
                      {RIGHTS_REQUEST_STATUS_LABELS[r.status]} —{' '}
                      {r.rightTypes.map((t) => RIGHT_TYPE_LABELS[t]).join(', ')}
                    </p>
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
                  <li key={d.id} className="fr-mb-3w">
                    <Link to={`/decisions/${d.id}`} className="fr-link">
                      {d.toolName}
                      {d.vendor ? ` (${d.vendor})` : ''}
                    </Link>{' '}
                    <RiskBadge level={d.riskLevel} small />
                    <p className="fr-text--sm fr-mb-0">
                      Déclaré par {d.declaredBy.displayName}
                      {severalSchools && ` (${d.school.name})`}
                      {d.submittedAt && `, soumis le ${formatDateTime(d.submittedAt)}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {data.toolDeclarations.totalCount > declarations.length && (
              <p className="fr-text--sm">
                Les {declarations.length} déclarations les plus urgentes sont affichées sur{' '}
                {data.toolDeclarations.totalCount}.
              </p>
            )}
          </section>
          <section aria-labelledby="titre-notifications" className="fr-mt-6w">
            <h2 id="titre-notifications">Notifications non lues</h2>
            {data.myNotifications.totalCount === 0 ? (
              <p>Aucune notification non lue.</p>
            ) : (
              <ul className="fr-raw-list" data-testid="todo-notifications">
                {data.myNotifications.nodes.map((n) => {
                  const page = entryPage(user, n.entityType, n.entityId, n.school?.id);
                  const subject = notificationTitle(n.subject);
                  return (
                    <li key={n.id} className="fr-mb-2w">
                      {page ? (
                        <Link to={page} className="fr-link">
                          {subject}
                        </Link>
                      ) : (
                        subject
                      )}
                      <p className="fr-text--sm fr-mb-0">{formatDateTime(n.createdAt)}</p>
                    </li>
                  );
                })}
              </ul>
            )}
            <p>
              <Link to="/notifications" className="fr-link">
                {data.myNotifications.totalCount > data.myNotifications.nodes.length
                  ? `Voir les ${data.myNotifications.totalCount} notifications non lues`
                  : 'Voir mes notifications'}
              </Link>
            </p>
          </section>
        </>
      )}
    </>
  );
}
