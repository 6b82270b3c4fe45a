/** One bar of the schools' chart: how many schools are in a state, and their share of the académie. */
export interface SchoolBar {
  key: 'withTreatments' | 'withoutTreatments';
  label: string;
  value: number;
  /** share of all schools, 0–100, rounded */
  percent: number;
}

/** The académie's schools split by whether their register holds at least one treatment. */
export function schoolBars(counts: { schools: number; schoolsWithoutTreatments: number }): SchoolBar[] {
  const total = Math.max(counts.schools, 0);
  const without = Math.min(Math.max(counts.schoolsWithoutTreatments, 0), total);
  const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 100));
  return [
    {
      key: 'withTreatments',
      label: 'Avec au moins un traitement',
      value: total - without,
      percent: share(total - without),
    },
    { key: 'withoutTreatments', label: 'Sans aucun traitement', value: without, percent: share(without) },
  ];
}
