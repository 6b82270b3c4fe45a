import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import {
  BREACH_RISK_LABELS,
  REVIEW_STATE_LABELS,
  RIGHTS_REQUEST_STATUS_LABELS,
  SCHOOL_KIND_LABELS,
  TREATMENT_STATUS_LABELS,
  VIOLATION_STATUS_LABELS,
} from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { DataTable } from '../../components/DataTable';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { RiskBadge } from '../../components/RiskBadge';
import { STATUS_LABELS } from '../declarations/labels';
import { SchoolExports } from '../head/ExportsPage';

const SHOWN = 10;

const SchoolQuery = graphql(`
  query DpdSchool($id: ID!, $first: Int!) {
    school(id: $id) {
      id
      uai
      name
      city
      kind
      academy {
        name
      }
      heads {
        id
        displayName
        email
      }
      stats {
        activeTreatments
        pendingDeclarations
        openViolations
        overdueCnilNotifications
        openRightsRequests
        overdueRightsRequests
      }
    }
    treatments(first: $first, filter: { schoolId: $id }) {
      totalCount
      nodes {
        id
        reference
        name
        status
        reviewState
      }
    }
    toolDeclarations(first: $first, filter: { schoolId: $id }) {
      totalCount
      nodes {
        id
        toolName
        status
        riskLevel
      }
    }
    violations(first: $first, filter: { schoolId: $id }) {
      totalCount
      nodes {
        id
        reference
        title
        risk
        status
        cnilOverdue
      }
    }
    rightsRequests(first: $first, filter: { schoolId: $id }) {
      totalCount
      nodes {
        id
        reference
        status
        dueAt
        overdue
      }
    }
  }
`);

function More({ total, to, noun }: { total: number; to: string; noun: string }) {
  if (total <= SHOWN) return null;
  return (
    <p className="fr-text--sm">
      <Link to={to}>
        Voir les {total} {noun}
      </Link>
    </p>
  );
}

/** A school seen by the DPD: its counters, its registers (read-only), and its exports. */
export function SchoolPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: SchoolQuery, variables: { id, first: SHOWN } });
  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  const s = data?.school;
  if (!data || !s)
    return (
      <>
        <h1>Établissement introuvable</h1>
        <Alert severity="warning" small description="Il n’existe pas ou n’est pas de votre académie." />
      </>
    );
  const { treatments, toolDeclarations, violations, rightsRequests } = data;
  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/dpd/etablissements" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Établissements
        </Link>
      </p>
      <h1>{s.name}</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="titre-identite">
          <h2 id="titre-identite" className="fr-h4">
            L’établissement
          </h2>
          <Fields
            rows={[
              ['UAI', s.uai],
              ['Type', SCHOOL_KIND_LABELS[s.kind]],
              ['Commune', s.city],
              ['Académie', s.academy.name],
              [
                'Chefs d’établissement',
                s.heads.length === 0
                  ? 'Aucun compte'
                  : s.heads.map((h) => `${h.displayName} (${h.email})`).join(', '),
              ],
            ]}
          />
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="titre-chiffres">
          <h2 id="titre-chiffres" className="fr-h4">
            En chiffres
          </h2>
          <Fields
            testId="school-stats"
            rows={[
              ['Traitements actifs', String(s.stats.activeTreatments)],
              ['Déclarations à décider', String(s.stats.pendingDeclarations)],
              [
                'Violations ouvertes',
                `${s.stats.openViolations} (dont ${s.stats.overdueCnilNotifications} en retard de notification)`,
              ],
              [
                'Demandes de droits ouvertes',
                `${s.stats.openRightsRequests} (dont ${s.stats.overdueRightsRequests} en retard)`,
              ],
            ]}
          />
        </section>
      </div>

      <section aria-labelledby="titre-traitements" className="fr-mt-4w">
        <h2 id="titre-traitements">Registre des traitements</h2>
        {treatments.totalCount === 0 ? (
          <p>Aucun traitement au registre.</p>
        ) : (
          <DataTable
            caption="Traitements, le plus récent en premier"
            columns={['Traitement', 'Statut', 'Avis du DPD']}
            hideCaption
          >
            {treatments.nodes.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/dpd/traitements/${t.id}`}>
                    {t.reference} — {t.name}
                  </Link>
                </td>
                <td>{TREATMENT_STATUS_LABELS[t.status]}</td>
                <td>{REVIEW_STATE_LABELS[t.reviewState]}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <More
          total={treatments.totalCount}
          to={`/dpd/traitements?etablissement=${s.id}`}
          noun="traitements"
        />
      </section>

      <section aria-labelledby="titre-declarations" className="fr-mt-4w">
        <h2 id="titre-declarations">Déclarations d’outils</h2>
        {toolDeclarations.totalCount === 0 ? (
          <p>Aucune déclaration.</p>
        ) : (
          <DataTable
            caption="Déclarations, la plus récente en premier"
            columns={['Outil', 'État', 'Risque']}
            hideCaption
          >
            {toolDeclarations.nodes.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/dpd/declarations/${d.id}`}>{d.toolName}</Link>
                </td>
                <td>{STATUS_LABELS[d.status]}</td>
                <td>
                  <RiskBadge level={d.riskLevel} small />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <More
          total={toolDeclarations.totalCount}
          to={`/dpd/declarations?etablissement=${s.id}`}
          noun="déclarations"
        />
      </section>

      <section aria-labelledby="titre-violations" className="fr-mt-4w">
        <h2 id="titre-violations">Registre des violations</h2>
        {violations.totalCount === 0 ? (
          <p>Aucune violation au registre.</p>
        ) : (
          <DataTable
            caption="Violations, la plus récente en premier"
            columns={['Violation', 'Risque', 'État']}
            hideCaption
          >
            {violations.nodes.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/dpd/violations/${v.id}`}>
                    {v.reference} — {v.title}
                  </Link>
                  {v.cnilOverdue && (
                    <div className="fr-text--xs fr-text-default--error fr-mb-0">
                      Notification CNIL en retard
                    </div>
                  )}
                </td>
                <td>{BREACH_RISK_LABELS[v.risk]}</td>
                <td>{VIOLATION_STATUS_LABELS[v.status]}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <More total={violations.totalCount} to={`/dpd/violations?etablissement=${s.id}`} noun="violations" />
      </section>

      <section aria-labelledby="titre-demandes" className="fr-mt-4w">
        <h2 id="titre-demandes">Registre des demandes de droits</h2>
        {rightsRequests.totalCount === 0 ? (
          <p>Aucune demande au registre.</p>
        ) : (
          <DataTable
            caption="Demandes, la plus récente en premier"
            columns={['Demande', 'État', 'Échéance']}
            hideCaption
          >
            {rightsRequests.nodes.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/dpd/demandes/${r.id}`}>{r.reference}</Link>
                </td>
                <td>{RIGHTS_REQUEST_STATUS_LABELS[r.status]}</td>
                <td className={r.overdue ? 'fr-text-default--error' : undefined}>
                  {formatDateTime(r.dueAt)}
                  {r.overdue && ' — en retard'}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <More total={rightsRequests.totalCount} to={`/dpd/demandes?etablissement=${s.id}`} noun="demandes" />
      </section>

      <section aria-labelledby="titre-documents" className="fr-mt-6w">
        <h2 id="titre-documents">Exports</h2>
        <p>Le DPD peut générer le dossier CNIL et les registres de tout établissement de l’académie.</p>
        <SchoolExports schoolId={s.id} level="h3" />
      </section>
    </>
  );
}
