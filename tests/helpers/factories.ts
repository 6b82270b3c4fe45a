import * as argon2 from 'argon2';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { uaiFor } from '@app/core';
import { TEST_JWT_SECRET } from './test-app';

/**
 * Builds people and places straight in the database (fast, no audit events), for tests that are
 * about something else. What the API itself writes is tested through the API.
 */
export const TEST_PASSWORD = 'mot-de-passe-de-test-123';
let passwordHash: Promise<string> | undefined;
const hashOnce = () =>
  (passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 1024 }));

let sequence = Math.floor(Math.random() * 4_000_000);
// every spec file shares the test database: a per-file tag keeps generated addresses apart even where
// two files' random sequences overlap
const FILE_TAG = Math.random().toString(36).slice(2, 8);
const next = () => ++sequence;

export type RoleName = 'TEACHER' | 'HEAD' | 'DPD' | 'ADMIN';

export interface TestAcademy {
  id: string;
  code: string;
}
export interface TestSchool {
  id: string;
  uai: string;
  academyId: string;
  name: string;
}
export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export function tokenFor(userId: string, options: jwt.SignOptions = {}): string {
  return jwt.sign({ sub: userId }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600, ...options });
}

export class Factory {
  constructor(private readonly ds: DataSource) {}

  async academy(name = `Académie test ${next()}`): Promise<TestAcademy> {
    const code = `T${next()}`;
    const [row] = await this.ds.query(
      `INSERT INTO academy (code, name, dpo_name, dpo_email) VALUES ($1, $2, 'Délégué Données', 'dpd@ac-test.fr') RETURNING id`,
      [code, name],
    );
    return { id: row.id, code };
  }

  async school(
    academy: TestAcademy,
    fields: { name?: string; city?: string; kind?: string; uai?: string } = {},
  ): Promise<TestSchool> {
    const uai = fields.uai ?? uaiFor(next() % 10_000_000);
    const name = fields.name ?? `Collège ${next()}`;
    const [row] = await this.ds.query(
      `INSERT INTO school (academy_id, uai, name, kind, city) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [academy.id, uai, name, fields.kind ?? 'COLLEGE', fields.city ?? 'Toulouse'],
    );
    return { id: row.id, uai, academyId: academy.id, name };
  }

  async user(
    academy: TestAcademy,
    grants: { role: RoleName; school?: TestSchool }[],
    fields: { displayName?: string; email?: string; active?: boolean } = {},
  ): Promise<TestUser> {
    const email = fields.email ?? `user${next()}-${FILE_TAG}@ac-test.fr`;
    const [row] = await this.ds.query(
      `INSERT INTO app_user (academy_id, email, display_name, password_hash, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        academy.id,
        email,
        fields.displayName ?? `Utilisateur ${next()}`,
        await hashOnce(),
        fields.active ?? true,
      ],
    );
    for (const grant of grants) {
      await this.ds.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, $2, $3)`, [
        row.id,
        grant.role,
        grant.school?.id ?? null,
      ]);
    }
    return { id: row.id, email, token: tokenFor(row.id) };
  }

  /** An academy with two schools, a head and a teacher in each, a DPD and an admin. */
  async world() {
    const academy = await this.academy();
    const schoolA = await this.school(academy);
    const schoolB = await this.school(academy);
    return {
      academy,
      schoolA,
      schoolB,
      headA: await this.user(academy, [{ role: 'HEAD', school: schoolA }]),
      headB: await this.user(academy, [{ role: 'HEAD', school: schoolB }]),
      teacherA: await this.user(academy, [{ role: 'TEACHER', school: schoolA }]),
      teacherB: await this.user(academy, [{ role: 'TEACHER', school: schoolB }]),
      dpd: await this.user(academy, [{ role: 'DPD' }]),
      admin: await this.user(academy, [{ role: 'ADMIN' }]),
    };
  }
}

/** Rows of a table and audit events, to check that a failed mutation wrote nothing. */
export async function counts(ds: DataSource, table: string): Promise<{ rows: number; events: number }> {
  const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM ${table}`);
  const [{ events }] = await ds.query(`SELECT count(*)::int AS events FROM audit_event`);
  return { rows, events };
}
