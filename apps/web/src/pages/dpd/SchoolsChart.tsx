import type { SchoolBar } from './chart-data';

const COLORS: Record<SchoolBar['key'], string> = {
  // DSFR's success and error "425" tones: contrast ≥ 3:1 on white for graphical objects
  withTreatments: '#18753c',
  withoutTreatments: '#ce0500',
};

/**
 * The schools' state as horizontal bars (an SVG the screen readers skip: `aria-hidden`), followed by
 * the same numbers in a table, which is the chart's text alternative.
 */
export function SchoolsChart({ bars }: { bars: SchoolBar[] }) {
  const width = 400;
  const rowHeight = 36;
  const labelWidth = 0;
  return (
    <figure className="fr-m-0">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox={`0 0 ${width} ${bars.length * rowHeight}`}
        width="100%"
        style={{ maxWidth: 480 }}
        data-testid="schools-chart"
      >
        {bars.map((bar, i) => (
          <g key={bar.key} transform={`translate(0 ${i * rowHeight})`}>
            <rect x={labelWidth} y={4} width={width} height={24} fill="#eeeeee" />
            <rect
              x={labelWidth}
              y={4}
              width={(width * bar.percent) / 100}
              height={24}
              fill={COLORS[bar.key]}
            />
          </g>
        ))}
      </svg>
      <figcaption className="fr-sr-only">
        Répartition des établissements, détaillée dans le tableau
      </figcaption>
      <div className="fr-table fr-table--sm">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Établissements de l’académie selon leur registre des traitements</caption>
                <thead>
                  <tr>
                    <th scope="col">État du registre</th>
                    <th scope="col">Établissements</th>
                    <th scope="col">Part</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((bar) => (
                    <tr key={bar.key}>
                      <th scope="row">
                        <span
                          aria-hidden="true"
                          style={{
                            display: 'inline-block',
                            width: '0.75rem',
                            height: '0.75rem',
                            marginRight: '0.5rem',
                            background: COLORS[bar.key],
                          }}
                        />
                        {bar.label}
                      </th>
                      <td>{bar.value}</td>
                      <td>{bar.percent} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </figure>
  );
}
