import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { schoolBars } from './chart-data';
import { SchoolGroupsChart } from './SchoolGroupsChart';
import { SchoolsChart } from './SchoolsChart';

const DashboardQuery = graphql(`
  query AcademyDashboard {
    academyDashboard {
      academy {
        id
        name
      }
      schools
      schoolsWithoutTreatments
      pendingDeclarations
      highRiskDeclarations
      treatmentsAwaitingReview
      openViolations
      overdueCnilNotifications
      openRightsRequests
      overdueRightsRequests
      pendingCatalogTools
      catalogCandidates
    }
  }
`);

/** The académie's counters, each a link to the filtered list behind it, and the schools' chart. */
export function DashboardPage() {
  const [{ data, fetching, error }] = useQuery({ query: DashboardQuery, requestPolicy: 'cache-and-network' });
  const d = data?.academyDashboard;
  if (error && !d) return <Alert severity="error" small description={toFailure(error)?.message ?? ''} />;
  if (fetching && !d) return <p aria-live="polite">Chargement…</p>;
  if (!d) return null;
  const counters = [
    {
      label: 'Établissements sans traitement',
      value: d.schoolsWithoutTreatments,
      to: '/dpd/etablissements?traitements=aucun',
      alarm: d.schoolsWithoutTreatments > 0,
    },
    {
      label: 'Déclarations soumises',
      value: d.pendingDeclarations,
      to: '/dpd/declarations?etat=SUBMITTED',
    },
    {
      label: 'Déclarations à risque élevé',
      value: d.highRiskDeclarations,
      to: '/dpd/declarations?etat=SUBMITTED&risque=HIGH',
      alarm: d.highRiskDeclarations > 0,
    },
    {
      label: 'Traitements à examiner',
      value: d.treatmentsAwaitingReview,
      to: '/dpd/traitements?revue=NOT_REVIEWED',
    },
    { label: 'Violations ouvertes', value: d.openViolations, to: '/dpd/violations?etat=OPEN' },
    {
      label: 'Notifications CNIL en retard',
      value: d.overdueCnilNotifications,
      to: '/dpd/violations?retard=oui',
      alarm: d.overdueCnilNotifications > 0,
    },
    { label: 'Demandes de droits en cours', value: d.openRightsRequests, to: '/dpd/demandes' },
    {
      label: 'Demandes de droits en retard',
      value: d.overdueRightsRequests,
      to: '/dpd/demandes?retard=oui',
      alarm: d.overdueRightsRequests > 0,
    },
    {
      label: 'Outils du catalogue en attente d’avis',
      value: d.pendingCatalogTools,
      to: '/dpd/catalogue?avis=PENDING',
    },
    {
      label: 'Outils à examiner (déclarés dans plusieurs établissements)',
      value: d.catalogCandidates,
      to: '/dpd/catalogue?vue=a-examiner',
    },
  ];
  return (
    <section aria-labelledby="titre-tableau-de-bord">
      <h2 id="titre-tableau-de-bord">Tableau de bord — {d.academy.name}</h2>
      <p>{d.schools} établissements dans l’académie.</p>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w" data-testid="dashboard-counters">
        {counters.map((c) => (
          <li key={c.label} className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h3 className="fr-tile__title">
                    <Link to={c.to}>
                      <span
                        className={`fr-display--xs fr-mb-0 ${c.alarm ? 'fr-text-default--error' : ''}`}
                        style={{ display: 'block' }}
                      >
                        {c.value}
                      </span>
                      {c.label}
                    </Link>
                  </h3>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <h2>Registres des établissements</h2>
      <SchoolsChart bars={schoolBars(d)} />
      <SchoolGroupsChart />
    </section>
  );
}
