import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { useState } from 'react';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { SchoolGrouping } from '../../api/gql/graphql';
import { groupBars } from './chart-data';

const SchoolGroupsQuery = graphql(`
  query SchoolGroups($by: SchoolGrouping!) {
    academyDashboard {
      academy {
        id
      }
      schoolGroups(by: $by) {
        key
        label
        schools
        schoolsWithoutTreatments
        schoolsWithOpenViolations
        highRiskDeclarations
        treatmentsAwaitingReview
      }
    }
  }
`);

// DSFR's success and error "425" tones, as in SchoolsChart: contrast ≥ 3:1 on white
const WITH = '#18753c';
const WITHOUT = '#ce0500';

const GROUPINGS: { value: SchoolGrouping; label: string; heading: string }[] = [
  { value: 'DEPARTEMENT', label: 'Par département', heading: 'Département' },
  { value: 'KIND', label: 'Par type d’établissement', heading: 'Type d’établissement' },
];

function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: '0.75rem',
        height: '0.75rem',
        marginRight: '0.5rem',
        background: color,
      }}
    />
  );
}

/**
 * The académie's schools by département or by kind: one bar per group, its length the group's size,
 * split in schools with and without treatments (an SVG screen readers skip), then the same numbers,
 * with what awaits the DPD in each group, in a table that is the chart's text alternative.
 */
export function SchoolGroupsChart() {
  const [by, setBy] = useState<SchoolGrouping>('DEPARTEMENT');
  const [{ data, fetching, error }] = useQuery({ query: SchoolGroupsQuery, variables: { by } });
  const grouping = GROUPINGS.find((g) => g.value === by) ?? GROUPINGS[0];
  const groups = data?.academyDashboard.schoolGroups ?? [];
  const bars = groupBars(groups);
  const details = new Map(groups.map((g) => [g.key, g]));
  const segment = (g: (typeof GROUPINGS)[number]) => ({
    label: g.label,
    nativeInputProps: { checked: by === g.value, onChange: () => setBy(g.value) },
  });
  const width = 400;
  const labelWidth = 150;
  const rowHeight = 32;
  return (
    <section aria-labelledby="titre-repartition" className="fr-mt-4w">
      <h2 id="titre-repartition">Établissements {by === 'DEPARTEMENT' ? 'par département' : 'par type'}</h2>
      <SegmentedControl
        small
        legend="Regrouper les établissements"
        segments={[segment(GROUPINGS[0]), segment(GROUPINGS[1])]}
      />
      {error && !data ? <Alert severity="error" small description={toFailure(error)?.message ?? ''} /> : null}
      {fetching && !data ? <p aria-live="polite">Chargement…</p> : null}
      {bars.length > 0 ? (
        <figure className="fr-m-0 fr-mt-2w">
          <svg
            aria-hidden="true"
            focusable="false"
            viewBox={`0 0 ${labelWidth + width} ${bars.length * rowHeight}`}
            width="100%"
            style={{ maxWidth: 640 }}
            data-testid="school-groups-chart"
          >
            {bars.map((bar, i) => {
              const length = (width * bar.scale) / 100;
              const withLength = bar.schools === 0 ? 0 : (length * bar.withTreatments) / bar.schools;
              return (
                <g key={bar.key} transform={`translate(0 ${i * rowHeight})`}>
                  <text x={labelWidth - 8} y={20} textAnchor="end" fontSize="12" fill="#161616">
                    {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
                  </text>
                  <rect x={labelWidth} y={6} width={withLength} height={20} fill={WITH} />
                  <rect
                    x={labelWidth + withLength}
                    y={6}
                    width={length - withLength}
                    height={20}
                    fill={WITHOUT}
                  />
                </g>
              );
            })}
          </svg>
          <figcaption className="fr-text--sm">
            <Swatch color={WITH} />
            avec au moins un traitement <Swatch color={WITHOUT} />
            sans aucun traitement ; détail dans le tableau ci-dessous
          </figcaption>
          <div className="fr-table fr-table--sm">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>Établissements de l’académie {grouping.label.toLowerCase()}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{grouping.heading}</th>
                        <th scope="col">Établissements</th>
                        <th scope="col">Sans traitement</th>
                        <th scope="col">Avec une violation ouverte</th>
                        <th scope="col">Déclarations à risque élevé</th>
                        <th scope="col">Traitements à examiner</th>
                      </tr>
                    </thead>
                    <tbody>
                      {bars.map((bar) => {
                        const g = details.get(bar.key);
                        return (
                          <tr key={bar.key}>
                            <th scope="row">{bar.label}</th>
                            <td>{bar.schools}</td>
                            <td>
                              {bar.withoutTreatments} ({bar.percentWithout} %)
                            </td>
                            <td>{g?.schoolsWithOpenViolations ?? 0}</td>
                            <td>{g?.highRiskDeclarations ?? 0}</td>
                            <td>{g?.treatmentsAwaitingReview ?? 0}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        </figure>
      ) : null}
    </section>
  );
}
