import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import {
  BREACH_NATURE_LABELS,
  BREACH_RISK_LABELS,
  DATA_CATEGORY_LABELS,
  INCIDENT_TYPE_LABELS,
  SUBJECT_CATEGORY_LABELS,
  VIOLATION_STATUS_LABELS,
} from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { AuditHistory } from '../../components/AuditHistory';
import { Countdown } from '../../components/Countdown';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { ReviewForm } from '../../components/ReviewForm';
import { Reviews } from '../../components/Reviews';
import { awaitsNotification } from '../head/to-do';
import { deadlineLabel } from '../head/violation-state';

const ViolationQuery = graphql(`
  query DpdViolation($id: ID!) {
    violation(id: $id) {
      id
      reference
      title
      description
      incidentType
      natures
      risk
      status
      occurredAt
      discoveredAt
      cnilDeadline
      cnilNotificationRequired
      cnilNotifiedAt
      cnilReference
      cnilOverdue
      lateNotificationReason
      noNotificationJustification
      subjectsInformedAt
      rssiInformedAt
      hierarchyInformedAt
      consequences
      measuresTaken
      dataCategories
      subjectCategories
      approxSubjectCount
      approxRecordCount
      closedAt
      reportedBy {
        displayName
      }
      school {
        id
        name
      }
      treatments {
        id
        reference
        name
      }
      reviews {
        id
        verdict
        comment
        createdAt
        reviewer {
          displayName
        }
      }
    }
  }
`);

const date = (value: string | null | undefined) => (value ? formatDateTime(value) : null);

/** A breach seen by the DPD: the register's entry (read-only), its reviews, "Donner un avis", history. */
export function DpdViolationPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, reload] = useQuery({ query: ViolationQuery, variables: { id } });
  const v = data?.violation;
  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!v)
    return (
      <>
        <h1>Violation introuvable</h1>
        <Alert
          severity="warning"
          small
          description="Elle n’existe pas ou n’est pas d’un établissement de votre académie."
        />
      </>
    );
  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/dpd/violations" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Violations de l’académie
        </Link>
      </p>
      <h1>
        {v.reference} — {v.title}
      </h1>
      <p>
        Établissement : <Link to={`/dpd/etablissements/${v.school.id}`}>{v.school.name}</Link> —{' '}
        {VIOLATION_STATUS_LABELS[v.status]}
      </p>
      {v.status === 'OPEN' && awaitsNotification(v) && (
        <Countdown deadline={v.cnilDeadline} label="Échéance CNIL" overdueLabel="Échéance CNIL dépassée" />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="titre-fiche">
          <h2 id="titre-fiche">Fiche du registre des violations</h2>
          <Fields
            testId="violation-fields"
            rows={[
              ['Signalée par', v.reportedBy.displayName],
              ['Type d’incident', INCIDENT_TYPE_LABELS[v.incidentType]],
              ['Nature de la violation', v.natures.map((n) => BREACH_NATURE_LABELS[n]).join(' ; ')],
              ['Description', v.description],
              ['Survenue le', date(v.occurredAt)],
              ['Découverte le', date(v.discoveredAt)],
              ['Risque pour les personnes', BREACH_RISK_LABELS[v.risk]],
              ['Délai de 72 heures', deadlineLabel(v)],
              ['Notifiée à la CNIL le', date(v.cnilNotifiedAt)],
              ['Référence de la notification CNIL', v.cnilReference],
              ['Raison du retard de notification', v.lateNotificationReason],
              ['Justification de l’absence de notification', v.noNotificationJustification],
              ['Personnes concernées informées le', date(v.subjectsInformedAt)],
              ['RSSI informé le', date(v.rssiInformedAt)],
              ['Hiérarchie informée le', date(v.hierarchyInformedAt)],
              ['Catégories de données', v.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(' ; ')],
              [
                'Personnes concernées',
                v.subjectCategories.map((c) => SUBJECT_CATEGORY_LABELS[c]).join(' ; '),
              ],
              ['Nombre approximatif de personnes', v.approxSubjectCount?.toString()],
              ['Nombre approximatif d’enregistrements', v.approxRecordCount?.toString()],
              ['Conséquences', v.consequences],
              ['Mesures prises', v.measuresTaken],
              [
                'Traitements concernés',
                v.treatments.length === 0
                  ? null
                  : v.treatments.map((t, i) => (
                      <span key={t.id}>
                        {i > 0 && ', '}
                        <Link to={`/dpd/traitements/${t.id}`}>
                          {t.reference} — {t.name}
                        </Link>
                      </span>
                    )),
              ],
              ['Clôturée le', date(v.closedAt)],
            ]}
          />
        </section>
        <div className="fr-col-12 fr-col-md-4">
          <Reviews reviews={v.reviews} headingId="titre-avis" level="h3" />
        </div>
      </div>
      <ReviewForm
        targetType="VIOLATION"
        targetId={v.id}
        onDone={() => reload({ requestPolicy: 'network-only' })}
      />
      <AuditHistory entityType="Violation" entityId={v.id} />
    </>
  );
}
