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

/** One row of the chart by département or kind: its schools with and without treatments. */
export interface GroupBar {
  key: string;
  label: string;
  schools: number;
  withTreatments: number;
  withoutTreatments: number;
  /** share of the group's schools without treatments, 0–100, rounded */
  percentWithout: number;
  /** the bar's length: the group's schools as a share of the largest group's, 0–100 */
  scale: number;
}

/** The groups as bars, longest group first, each split in its schools with and without treatments. */
export function groupBars(
  groups: readonly { key: string; label: string; schools: number; schoolsWithoutTreatments: number }[],
): GroupBar[] {
  const largest = Math.max(1, ...groups.map((g) => g.schools));
  return [...groups]
    .sort((a, b) => b.schools - a.schools || a.label.localeCompare(b.label, 'fr'))
    .map((g) => {
      const schools = Math.max(g.schools, 0);
      const without = Math.min(Math.max(g.schoolsWithoutTreatments, 0), schools);
      return {
        key: g.key,
        label: g.label,
        schools,
        withTreatments: schools - without,
        withoutTreatments: without,
        percentWithout: schools === 0 ? 0 : Math.round((without / schools) * 100),
        scale: Math.round((schools / largest) * 100),
      };
    });
}
