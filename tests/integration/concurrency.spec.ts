import { Factory, TestSchool, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import { CREATE_TREATMENT, TREATMENT, UPDATE_TREATMENT } from '../helpers/operations/treatments';
import { RECORD_VIOLATION } from '../helpers/operations/violations';

/**
 * A crowded rentrée morning: many clients edit the same few treatments with optimistic versions
 * (re-reading and retrying on CONFLICT), while others record violations and create treatments in two
 * schools at once. Afterwards nothing is lost, nothing is duplicated, and the audit chain holds.
 */
const CLIENTS = 24;
/** updates per editor, entries per recorder */
const EDITS_PER_CLIENT = 6;
const RECORDS_PER_CLIENT = 8;
const MAX_RETRIES = 40;

interface TreatmentRow {
  id: string;
  version: number;
  name: string;
  retentionMonths: number | null;
}

/** What one accepted update wrote, and the version the API gave back for it. */
interface AcceptedWrite {
  treatmentId: string;
  name: string;
  retentionMonths: number;
  version: number;
}

/** Small seeded PRNG: each client's choices are reproducible (the interleaving is not). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const treatmentInput = (schoolId: string, name: string) => ({
  schoolId,
  name,
  purposes: ['Gestion de la vie scolaire'],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS'],
  dataCategories: ['IDENTITY', 'SCHOOLING'],
  retention: 'Un an après le départ de l’élève',
  retentionMonths: 12,
});

const violationInput = (schoolId: string, title: string) => ({
  schoolId,
  title,
  description: 'Un classeur de notes oublié en salle des professeurs.',
  incidentType: 'DATA_DISCLOSURE',
  natures: ['CONFIDENTIALITY'],
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  risk: 'RISK',
});

describe('concurrency: many clients on the same treatments, violations recorded at once', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Factory['world']>>;
  /** the few treatments everybody edits: two per school, created through the API */
  const shared: { id: string; school: TestSchool; initialName: string }[] = [];
  const accepted: AcceptedWrite[] = [];
  const created: { kind: 'T' | 'V'; schoolId: string; id: string; reference: string }[] = [];
  const failures: string[] = [];
  let conflicts = 0;
  let elapsed = 0;

  const headOf = (school: TestSchool) => (school.id === w.schoolA.id ? w.headA : w.headB);

  /** Reads, writes with the version read, and on CONFLICT reads again and retries. */
  async function editLoop(client: number, user: TestUser, school: TestSchool, next: () => number) {
    const mine = shared.filter((s) => s.school.id === school.id);
    for (let op = 0; op < EDITS_PER_CLIENT; op++) {
      const target = mine[Math.floor(next() * mine.length)];
      const name = `Traitement partagé — client ${client}, écriture ${op}`;
      const retentionMonths = 1 + Math.floor(next() * 1200);
      let done = false;
      for (let attempt = 0; attempt < MAX_RETRIES && !done; attempt++) {
        const read = ok(await t.gql<{ treatment: TreatmentRow }>(TREATMENT, { id: target.id }, user.token));
        const res = await t.gql<{ updateTreatment: TreatmentRow }>(
          UPDATE_TREATMENT,
          { id: target.id, version: read.treatment.version, input: { name, retentionMonths } },
          user.token,
        );
        if (errorCode(res) === 'CONFLICT') {
          conflicts++;
          continue;
        }
        if (res.errors) {
          failures.push(`client ${client} update: ${JSON.stringify(res.errors)}`);
          return;
        }
        const row = res.data.updateTreatment;
        expect(row.version).toBe(read.treatment.version + 1);
        accepted.push({
          treatmentId: target.id,
          name: row.name,
          retentionMonths: row.retentionMonths!,
          version: row.version,
        });
        done = true;
      }
      if (!done) failures.push(`client ${client}: no write accepted in ${MAX_RETRIES} tries`);
    }
  }

  /** Records violations (and, for a head, creates treatments) in its school, one after another. */
  async function recordLoop(client: number, user: TestUser, school: TestSchool, createsTreatments: boolean) {
    for (let op = 0; op < RECORDS_PER_CLIENT; op++) {
      const asTreatment = createsTreatments && op % 2 === 1;
      const res: GqlResult<Record<string, { id: string; reference: string }>> = asTreatment
        ? await t.gql(
            CREATE_TREATMENT,
            { input: treatmentInput(school.id, `Nouveau ${client}-${op}`) },
            user.token,
          )
        : await t.gql(
            RECORD_VIOLATION,
            { input: violationInput(school.id, `Incident ${client}-${op}`) },
            user.token,
          );
      if (res.errors) {
        failures.push(
          `client ${client} ${asTreatment ? 'createTreatment' : 'recordViolation'}: ${JSON.stringify(res.errors)}`,
        );
        return;
      }
      const { id, reference } = asTreatment ? res.data.createTreatment : res.data.recordViolation;
      created.push({ kind: asTreatment ? 'T' : 'V', schoolId: school.id, id, reference });
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
    for (const school of [w.schoolA, w.schoolB]) {
      for (const i of [1, 2]) {
        const initialName = `Traitement partagé ${i}`;
        const { createTreatment } = ok(
          await t.gql<{ createTreatment: { id: string; reference: string } }>(
            CREATE_TREATMENT,
            { input: treatmentInput(school.id, initialName) },
            headOf(school).token,
          ),
        );
        shared.push({ id: createTreatment.id, school, initialName });
        created.push({
          kind: 'T',
          schoolId: school.id,
          id: createTreatment.id,
          reference: createTreatment.reference,
        });
      }
    }

    // 24 clients at once: in each school, 8 editors (the head's sessions) and 4 recorders
    const started = Date.now();
    const loops: Promise<void>[] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const school = client % 2 === 0 ? w.schoolA : w.schoolB;
      const slot = Math.floor(client / 2);
      if (slot < 8) {
        loops.push(editLoop(client, headOf(school), school, random(1000 + client)));
      } else {
        const teacher = school.id === w.schoolA.id ? w.teacherA : w.teacherB;
        const head = slot % 2 === 0;
        loops.push(recordLoop(client, head ? headOf(school) : teacher, school, head));
      }
    }
    await Promise.all(loops);
    elapsed = Date.now() - started;
  }, 120_000);
  afterAll(() => t.close());

  it('ran every client to the end, with real contention', () => {
    expect(failures).toEqual([]);
    expect(accepted).toHaveLength(8 * 2 * EDITS_PER_CLIENT);
    // the editors did collide: optimistic versions were really exercised
    expect(conflicts).toBeGreaterThan(0);
    console.log(
      `${CLIENTS} clients: ${accepted.length} updates accepted, ${conflicts} CONFLICT retries, ` +
        `${created.length} entries created, in ${elapsed} ms`,
    );
  });

  it('lost no update: each treatment holds its last accepted write, versions without gaps', async () => {
    for (const treatment of shared) {
      const writes = accepted
        .filter((a) => a.treatmentId === treatment.id)
        .sort((a, b) => a.version - b.version);
      expect(writes.length).toBeGreaterThan(0);
      // each accepted write got its own version: 2, 3, … (1 is the creation)
      expect(writes.map((a) => a.version)).toEqual(writes.map((_, i) => i + 2));
      const row = ok(
        await t.gql<{ treatment: TreatmentRow }>(
          TREATMENT,
          { id: treatment.id },
          headOf(treatment.school).token,
        ),
      ).treatment;
      const last = writes[writes.length - 1];
      // the shared document selects the whole treatment: the fields the editors wrote hold the last write
      expect(row).toMatchObject({
        id: treatment.id,
        version: last.version,
        name: last.name,
        retentionMonths: last.retentionMonths,
      });
    }
  });

  it('has every accepted update in the audit trail, as one continuous chain of before/after', async () => {
    for (const treatment of shared) {
      const writes = accepted
        .filter((a) => a.treatmentId === treatment.id)
        .sort((a, b) => a.version - b.version);
      const events: { action: string; changes: string }[] = await t.dataSource.query(
        `SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
        [treatment.id],
      );
      expect(events.map((e) => e.action)).toEqual(['CREATE', ...writes.map(() => 'UPDATE')]);
      let name = treatment.initialName;
      let retentionMonths: number | null = 12;
      const updates = events.slice(1).map((e) => JSON.parse(e.changes) as Record<string, [unknown, unknown]>);
      updates.forEach((changes, i) => {
        // each event starts where the previous one ended, and ends with the write accepted at that version
        expect(changes.name).toEqual([name, writes[i].name]);
        name = writes[i].name;
        if (changes.retentionMonths) {
          expect(changes.retentionMonths[0]).toBe(retentionMonths);
          retentionMonths = changes.retentionMonths[1] as number;
        }
        expect(retentionMonths).toBe(writes[i].retentionMonths);
      });
    }
  });

  it('gave every new entry its own reference: T- and V- numbers contiguous per school, no duplicate', async () => {
    for (const school of [w.schoolA, w.schoolB]) {
      for (const kind of ['T', 'V'] as const) {
        const mine = created.filter((c) => c.kind === kind && c.schoolId === school.id);
        const references = mine.map((c) => c.reference).sort();
        expect(references).toEqual(mine.map((_, i) => `${kind}-${String(i + 1).padStart(3, '0')}`));
        const table = kind === 'T' ? 'treatment' : 'violation';
        const rows: { reference: string; number: number }[] = await t.dataSource.query(
          `SELECT reference, number FROM ${table} WHERE school_id = $1 ORDER BY number`,
          [school.id],
        );
        expect(rows.map((r) => r.reference)).toEqual(references);
        expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
        // one CREATE event per entry, no more, no less
        const [{ count }] = await t.dataSource.query(
          `SELECT count(*)::int AS count FROM audit_event WHERE school_id = $1 AND action = 'CREATE' AND entity_type = $2`,
          [school.id, kind === 'T' ? 'Treatment' : 'Violation'],
        );
        expect(count).toBe(mine.length);
      }
    }
    expect(created.filter((c) => c.kind === 'V').length).toBeGreaterThan(0);
  });

  it("keeps the academy's audit trail valid", async () => {
    // the DPD verifies its academy's chains (an ADMIN's check would cover other suites' academies too,
    // which another suite tampers with for a moment when the suites run in parallel)
    for (const user of [w.dpd]) {
      const { verifyAuditTrail } = ok(
        await t.gql<{
          verifyAuditTrail: { valid: boolean; checkedEvents: number; firstBrokenEventId: string | null };
        }>(`{ verifyAuditTrail { valid checkedEvents firstBrokenEventId } }`, {}, user.token),
      );
      expect(verifyAuditTrail).toEqual({
        valid: true,
        checkedEvents: expect.any(Number),
        firstBrokenEventId: null,
      });
      expect(verifyAuditTrail.checkedEvents).toBeGreaterThanOrEqual(accepted.length + created.length);
    }
  });
});
