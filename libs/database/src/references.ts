import { EntityManager } from 'typeorm';

/**
 * The next register number of a school ("T" treatments, "V" violations, "D" rights requests), inside the caller's
 * transaction. The counter row is locked until commit, so concurrent creations queue up, and a
 * rolled-back creation gives its number back: no gap, no duplicate.
 */
export async function nextReference(
  em: EntityManager,
  schoolId: string,
  prefix: 'T' | 'V' | 'D',
): Promise<{ number: number; reference: string }> {
  return (await nextReferences(em, schoolId, prefix, 1))[0];
}

/** `count` consecutive references at once (an import), in one statement on the counter row. */
export async function nextReferences(
  em: EntityManager,
  schoolId: string,
  prefix: 'T' | 'V' | 'D',
  count: number,
): Promise<{ number: number; reference: string }[]> {
  const rows: { last_number: number }[] = await em.query(
    `INSERT INTO reference_counter (school_id, prefix, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (school_id, prefix) DO UPDATE SET last_number = reference_counter.last_number + $3
     RETURNING last_number`,
    [schoolId, prefix, count],
  );
  const first = rows[0].last_number - count + 1;
  return Array.from({ length: count }, (_, i) => ({
    number: first + i,
    reference: `${prefix}-${String(first + i).padStart(3, '0')}`,
  }));
}
