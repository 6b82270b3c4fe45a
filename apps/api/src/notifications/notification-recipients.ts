import { EntityManager } from 'typeorm';

/** Someone to tell: a user of the application, or an address that is not one (the RSSI, the hierarchy). */
export interface Recipient {
  userId: string | null;
  email: string;
}

/**
 * The links of the alert chain, read with plain SQL in the caller's transaction (a TEACHER recording
 * a breach tells its heads without being able to read their accounts through the API).
 */
export class NotificationRecipients {
  constructor(private readonly em: EntityManager) {}

  /** The school's active heads. */
  async heads(schoolId: string): Promise<Recipient[]> {
    return (await this.headsOf([schoolId])).get(schoolId) ?? [];
  }

  /** The active heads of each of these schools, in one statement (a school without any: absent). */
  async headsOf(schoolIds: readonly string[]): Promise<Map<string, Recipient[]>> {
    const rows: { school_id: string; id: string; email: string }[] = await this.em.query(
      `SELECT DISTINCT g.school_id, u.id, u.email FROM app_user u JOIN role_grant g ON g.user_id = u.id
        WHERE g.role = 'HEAD' AND g.school_id = ANY($1::uuid[]) AND u.active`,
      [[...schoolIds]],
    );
    const bySchool = new Map<string, Recipient[]>();
    for (const row of rows) {
      bySchool.set(row.school_id, [
        ...(bySchool.get(row.school_id) ?? []),
        { userId: row.id, email: row.email },
      ]);
    }
    return bySchool;
  }

  /** Every active DPD user of the académie, and its `dpoEmail` when set. */
  async dpd(academyId: string): Promise<Recipient[]> {
    const users = await this.users(
      `SELECT DISTINCT u.id, u.email FROM app_user u JOIN role_grant g ON g.user_id = u.id
        WHERE g.role = 'DPD' AND u.academy_id = $1 AND u.active`,
      [academyId],
    );
    const { dpo_email } = await this.academy(academyId);
    return dpo_email ? [...users, { userId: null, email: dpo_email }] : users;
  }

  /** The académie's RSSI and hierarchy addresses, those that are set. */
  async rssiAndHierarchy(academyId: string): Promise<Recipient[]> {
    const { rssi_email, hierarchy_email } = await this.academy(academyId);
    return [rssi_email, hierarchy_email]
      .filter((email): email is string => !!email)
      .map((email) => ({ userId: null, email }));
  }

  /** An active user, by id. */
  async user(userId: string): Promise<Recipient[]> {
    return this.users(`SELECT id, email FROM app_user WHERE id = $1 AND active`, [userId]);
  }

  private async users(sql: string, params: unknown[]): Promise<Recipient[]> {
    const rows: { id: string; email: string }[] = await this.em.query(sql, params);
    return rows.map((row) => ({ userId: row.id, email: row.email }));
  }

  private async academy(
    academyId: string,
  ): Promise<{ dpo_email: string | null; rssi_email: string | null; hierarchy_email: string | null }> {
    const [row] = await this.em.query(
      `SELECT dpo_email, rssi_email, hierarchy_email FROM academy WHERE id = $1`,
      [academyId],
    );
    return row ?? { dpo_email: null, rssi_email: null, hierarchy_email: null };
  }
}

/** One notification per address: a user wins over the same address given as a contact. */
export function uniqueRecipients(recipients: Recipient[]): Recipient[] {
  const byEmail = new Map<string, Recipient>();
  for (const recipient of recipients) {
    const key = recipient.email.trim().toLowerCase();
    const known = byEmail.get(key);
    if (!known || (!known.userId && recipient.userId)) byEmail.set(key, { ...recipient, email: key });
  }
  return [...byEmail.values()];
}
