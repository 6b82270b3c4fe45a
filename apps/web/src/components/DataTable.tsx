import type { ReactNode } from 'react';

/** A DSFR table: a caption (read by screen readers, shown or not), column headers, then the rows. */
export function DataTable({
  caption,
  columns,
  children,
  testId,
  hideCaption = false,
}: {
  caption: string;
  columns: readonly string[];
  children: ReactNode;
  testId?: string;
  hideCaption?: boolean;
}) {
  return (
    <div className={`fr-table${hideCaption ? ' fr-table--no-caption' : ''}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table data-testid={testId}>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
