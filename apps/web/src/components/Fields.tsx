import type { ReactNode } from 'react';

/** An entry's fields as a description list: French label, then its value ("—" when empty). */
export function Fields({ rows, testId }: { rows: readonly [string, ReactNode][]; testId?: string }) {
  return (
    <dl data-testid={testId} className="fr-mb-0">
      {rows.map(([label, value]) => (
        <div key={label} className="fr-mb-2w">
          <dt className="fr-text--bold">{label}</dt>
          <dd className="fr-ml-0">{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
