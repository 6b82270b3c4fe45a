/** `{ field: [before, after] }` for the fields that differ (dates and arrays compared by value). */
export type Changes = Record<string, [unknown, unknown]>;

const normalise = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
};

const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

export function diff<T extends object>(before: T, after: T, fields: (keyof T)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const a = normalise(before[field]);
    const b = normalise(after[field]);
    if (!same(a, b)) changes[field as string] = [a, b];
  }
  return changes;
}

/** The changes of a creation: every field from null to its value. */
export function created<T extends object>(entity: T, fields: (keyof T)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const value = normalise(entity[field]);
    if (value !== null && !(Array.isArray(value) && value.length === 0))
      changes[field as string] = [null, value];
  }
  return changes;
}
