import { randomUUID } from 'node:crypto';
import { counts, Factory, TestAcademy, TestSchool, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import { REVIEWS, REVIEW_ENTRY } from '../helpers/operations/reviews';

type TargetType = 'TREATMENT' | 'TOOL_DECLARATION' | 'VIOLATION';
type Verdict = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENT';

interface ReviewNode {
  id: string;
  targetType: TargetType;
  targetId: string;
  verdict: Verdict;
  comment: string | null;
  createdAt: string;
  school: { id: string; name: string };
  reviewer: { id: string; displayName: string };
}

interface Reviews {
  reviews: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ReviewNode[];
  };
}

describe('reviews (reviewEntry, reviews)', () => {
  let t: TestApp;
  let f: Factory;
  let fx: RegisterFixtures;
  let w: Awaited<ReturnType<Factory['world']>>;
  let otherAcademy: TestAcademy;
  let schoolC: TestSchool;
  let dpdC: TestUser;

  const review = (
    token: string,
    input: { targetType: TargetType; targetId: string; verdict: Verdict; comment?: string | null },
  ): Promise<GqlResult<{ reviewEntry: ReviewNode }>> =>
    t.gql<{ reviewEntry: ReviewNode }>(REVIEW_ENTRY, { input }, token);

  const treatmentRow = async (id: string): Promise<{ review_state: string; version: number }> =>
    (await t.dataSource.query(`SELECT review_state, version FROM treatment WHERE id = $1`, [id]))[0];

  const eventsOf = (
    entityId: string,
  ): Promise<
    {
      action: string;
      entity_type: string;
      school_id: string;
      academy_id: string;
      actor_id: string;
      changes: string;
    }[]
  > =>
    t.dataSource.query(
      `SELECT action, entity_type, school_id, academy_id, actor_id, changes FROM audit_event
        WHERE entity_id = $1 ORDER BY seq`,
      [entityId],
    );

  /** Rows of review and treatment, and audit events: a refused review must change none of them. */
  const snapshot = async () => ({
    review: await counts(t.dataSource, 'review'),
    treatment: (await t.dataSource.query(`SELECT sum(version)::int AS v FROM treatment`))[0].v,
  });

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    fx = new RegisterFixtures(t.dataSource);
    w = await f.world();
    otherAcademy = await f.academy();
    schoolC = await f.school(otherAcademy);
    dpdC = await f.user(otherAcademy, [{ role: 'DPD' }]);
  });
  afterAll(() => t.close());

  it('lets a DPD review entries of two schools of its academy, each audited with its school', async () => {
    const treatmentA = await fx.treatment(w.schoolA);
    const declarationA = await fx.declaration(w.schoolA, w.teacherA);
    const violationB = await fx.violation(w.schoolB, w.teacherB);

    const approved = ok(
      await review(w.dpd.token, {
        targetType: 'TREATMENT',
        targetId: treatmentA.id,
        verdict: 'APPROVED',
        comment: '  Conforme au modèle académique.  ',
      }),
    ).reviewEntry;
    expect(approved).toMatchObject({
      targetType: 'TREATMENT',
      targetId: treatmentA.id,
      verdict: 'APPROVED',
      comment: 'Conforme au modèle académique.',
      school: { id: w.schoolA.id, name: w.schoolA.name },
      reviewer: { id: w.dpd.id },
    });
    const onDeclaration = ok(
      await review(w.dpd.token, {
        targetType: 'TOOL_DECLARATION',
        targetId: declarationA.id,
        verdict: 'CHANGES_REQUESTED',
        comment: "Précisez l'hébergement.",
      }),
    ).reviewEntry;
    expect(onDeclaration).toMatchObject({ verdict: 'CHANGES_REQUESTED', school: { id: w.schoolA.id } });
    const onViolation = ok(
      await review(w.dpd.token, {
        targetType: 'VIOLATION',
        targetId: violationB.id,
        verdict: 'COMMENT',
        comment: 'Notifiez la CNIL sans attendre.',
      }),
    ).reviewEntry;
    expect(onViolation).toMatchObject({
      targetType: 'VIOLATION',
      targetId: violationB.id,
      verdict: 'COMMENT',
      comment: 'Notifiez la CNIL sans attendre.',
      school: { id: w.schoolB.id, name: w.schoolB.name },
    });

    const stored = await t.dataSource.query(
      `SELECT id, target_type, target_id, school_id, academy_id, reviewer_id, verdict, comment FROM review
        WHERE id = ANY($1) ORDER BY created_at`,
      [[approved.id, onDeclaration.id, onViolation.id]],
    );
    expect(stored).toEqual([
      {
        id: approved.id,
        target_type: 'TREATMENT',
        target_id: treatmentA.id,
        school_id: w.schoolA.id,
        academy_id: w.academy.id,
        reviewer_id: w.dpd.id,
        verdict: 'APPROVED',
        comment: 'Conforme au modèle académique.',
      },
      expect.objectContaining({
        id: onDeclaration.id,
        school_id: w.schoolA.id,
        verdict: 'CHANGES_REQUESTED',
      }),
      expect.objectContaining({ id: onViolation.id, school_id: w.schoolB.id, verdict: 'COMMENT' }),
    ]);

    // the review itself: a REVIEW event in its school's chain
    const [reviewEvent] = await eventsOf(approved.id);
    expect(reviewEvent).toMatchObject({
      action: 'REVIEW',
      entity_type: 'Review',
      school_id: w.schoolA.id,
      academy_id: w.academy.id,
      actor_id: w.dpd.id,
    });
    expect(JSON.parse(reviewEvent.changes)).toMatchObject({
      targetType: [null, 'TREATMENT'],
      targetId: [null, treatmentA.id],
      verdict: [null, 'APPROVED'],
      comment: [null, 'Conforme au modèle académique.'],
    });
    expect((await eventsOf(onViolation.id))[0]).toMatchObject({ action: 'REVIEW', school_id: w.schoolB.id });
    // the treatment's new reviewState: an UPDATE of the treatment, a new version
    const treatmentEvents = await eventsOf(treatmentA.id);
    expect(treatmentEvents).toHaveLength(1);
    expect(treatmentEvents[0]).toMatchObject({
      action: 'UPDATE',
      entity_type: 'Treatment',
      school_id: w.schoolA.id,
    });
    expect(JSON.parse(treatmentEvents[0].changes)).toEqual({ reviewState: ['NOT_REVIEWED', 'APPROVED'] });
    expect(await treatmentRow(treatmentA.id)).toEqual({ review_state: 'APPROVED', version: 2 });
  });

  it('answers NOT_FOUND, writing nothing, for an entry of another academy or an unknown one', async () => {
    const treatmentC = await fx.treatment(schoolC);
    const declarationC = await fx.declaration(schoolC, dpdC);
    const violationC = await fx.violation(schoolC, dpdC);
    const treatmentA = await fx.treatment(w.schoolA);
    const before = await snapshot();
    for (const input of [
      { targetType: 'TREATMENT' as const, targetId: treatmentC.id },
      { targetType: 'TOOL_DECLARATION' as const, targetId: declarationC.id },
      { targetType: 'VIOLATION' as const, targetId: violationC.id },
      { targetType: 'TREATMENT' as const, targetId: randomUUID() },
      // an entry of the academy named with the wrong register
      { targetType: 'VIOLATION' as const, targetId: treatmentA.id },
    ]) {
      expect(errorCode(await review(w.dpd.token, { ...input, verdict: 'APPROVED' }))).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
    expect(await treatmentRow(treatmentC.id)).toEqual({ review_state: 'NOT_REVIEWED', version: 1 });
    // the other academy's DPD may
    ok(await review(dpdC.token, { targetType: 'TREATMENT', targetId: treatmentC.id, verdict: 'APPROVED' }));
  });

  it('refuses every other role: FORBIDDEN on an entry it reads, NOT_FOUND on one it does not', async () => {
    const treatmentA = await fx.treatment(w.schoolA);
    const archivedA = await fx.treatment(w.schoolA, { status: 'ARCHIVED' });
    const ownDeclaration = await fx.declaration(w.schoolA, w.teacherA);
    const ownViolation = await fx.violation(w.schoolA, w.teacherA);
    const headsViolation = await fx.violation(w.schoolA, w.headA);
    const treatmentB = await fx.treatment(w.schoolB);
    const cases: [string, TestUser, TargetType, string, string][] = [
      ['head on its school', w.headA, 'TREATMENT', treatmentA.id, 'FORBIDDEN'],
      ['head on its school', w.headA, 'TOOL_DECLARATION', ownDeclaration.id, 'FORBIDDEN'],
      ['head on its school', w.headA, 'VIOLATION', headsViolation.id, 'FORBIDDEN'],
      ['head on another school', w.headA, 'TREATMENT', treatmentB.id, 'NOT_FOUND'],
      ['teacher on an active treatment', w.teacherA, 'TREATMENT', treatmentA.id, 'FORBIDDEN'],
      ['teacher on its declaration', w.teacherA, 'TOOL_DECLARATION', ownDeclaration.id, 'FORBIDDEN'],
      ['teacher on its violation', w.teacherA, 'VIOLATION', ownViolation.id, 'FORBIDDEN'],
      ['teacher on an archived treatment', w.teacherA, 'TREATMENT', archivedA.id, 'NOT_FOUND'],
      ["teacher on its head's violation", w.teacherA, 'VIOLATION', headsViolation.id, 'NOT_FOUND'],
      ['teacher on another school', w.teacherB, 'TREATMENT', treatmentA.id, 'NOT_FOUND'],
      ['admin', w.admin, 'TREATMENT', treatmentA.id, 'FORBIDDEN'],
      ['admin', w.admin, 'VIOLATION', ownViolation.id, 'FORBIDDEN'],
      ['DPD of another academy', dpdC, 'TREATMENT', treatmentA.id, 'NOT_FOUND'],
    ];
    const before = await snapshot();
    for (const [label, caller, targetType, targetId, expected] of cases) {
      const result = await review(caller.token, {
        targetType,
        targetId,
        verdict: 'COMMENT',
        comment: 'Avis',
      });
      expect({ label, code: errorCode(result) }).toEqual({ label, code: expected });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('needs a comment for CHANGES_REQUESTED and COMMENT, trimmed and at most 5,000 characters', async () => {
    const treatment = await fx.treatment(w.schoolA);
    const before = await snapshot();
    for (const [verdict, comment] of [
      ['CHANGES_REQUESTED', undefined],
      ['CHANGES_REQUESTED', null],
      ['COMMENT', '   '],
      ['COMMENT', ''],
      ['APPROVED', 'x'.repeat(5001)],
    ] as [Verdict, string | null | undefined][]) {
      const result = await review(w.dpd.token, {
        targetType: 'TREATMENT',
        targetId: treatment.id,
        verdict,
        ...(comment === undefined ? {} : { comment }),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(Object.keys(result.errors?.[0].extensions?.fields ?? {})).toEqual(['comment']);
    }
    const badId = await review(w.dpd.token, {
      targetType: 'TREATMENT',
      targetId: 'T-001',
      verdict: 'APPROVED',
    });
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0].extensions?.fields).toHaveProperty('targetId');
    expect(await snapshot()).toEqual(before);

    const long = ok(
      await review(w.dpd.token, {
        targetType: 'TREATMENT',
        targetId: treatment.id,
        verdict: 'COMMENT',
        comment: ` ${'é'.repeat(5000)} `,
      }),
    ).reviewEntry;
    expect(long.comment).toBe('é'.repeat(5000));
    const bare = ok(
      await review(w.dpd.token, { targetType: 'TREATMENT', targetId: treatment.id, verdict: 'APPROVED' }),
    ).reviewEntry;
    expect(bare.comment).toBeNull();
  });

  it('sets reviewState with APPROVED and CHANGES_REQUESTED, leaves it with COMMENT', async () => {
    const treatment = await fx.treatment(w.schoolB);
    const verdictThen = async (verdict: Verdict) => {
      ok(
        await review(w.dpd.token, {
          targetType: 'TREATMENT',
          targetId: treatment.id,
          verdict,
          comment: 'Vu',
        }),
      );
      return treatmentRow(treatment.id);
    };
    expect(await verdictThen('COMMENT')).toEqual({ review_state: 'NOT_REVIEWED', version: 1 });
    expect(await verdictThen('CHANGES_REQUESTED')).toEqual({ review_state: 'CHANGES_REQUESTED', version: 2 });
    expect(await verdictThen('COMMENT')).toEqual({ review_state: 'CHANGES_REQUESTED', version: 2 });
    expect(await verdictThen('APPROVED')).toEqual({ review_state: 'APPROVED', version: 3 });
    // the same verdict again is a new review, not a change of the treatment
    expect(await verdictThen('APPROVED')).toEqual({ review_state: 'APPROVED', version: 3 });

    const updates = (await eventsOf(treatment.id)).map((e) => JSON.parse(e.changes));
    expect(updates).toEqual([
      { reviewState: ['NOT_REVIEWED', 'CHANGES_REQUESTED'] },
      { reviewState: ['CHANGES_REQUESTED', 'APPROVED'] },
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM review WHERE target_id = $1 AND target_type = 'TREATMENT'`,
      [treatment.id],
    );
    expect(n).toBe(5);
    // a review of a declaration or a violation changes no treatment
    const declaration = await fx.declaration(w.schoolB, w.teacherB);
    ok(
      await review(w.dpd.token, {
        targetType: 'TOOL_DECLARATION',
        targetId: declaration.id,
        verdict: 'APPROVED',
      }),
    );
    expect((await eventsOf(declaration.id)).length).toBe(0);
  });

  it('refuses to approve an archived treatment (CONFLICT) but takes a comment on it', async () => {
    const archived = await fx.treatment(w.schoolA, { status: 'ARCHIVED' });
    const before = await snapshot();
    for (const verdict of ['APPROVED', 'CHANGES_REQUESTED'] as Verdict[]) {
      const result = await review(w.dpd.token, {
        targetType: 'TREATMENT',
        targetId: archived.id,
        verdict,
        comment: 'Avis',
      });
      expect(errorCode(result)).toBe('CONFLICT');
    }
    expect(await snapshot()).toEqual(before);
    ok(
      await review(w.dpd.token, {
        targetType: 'TREATMENT',
        targetId: archived.id,
        verdict: 'COMMENT',
        comment: 'Vu',
      }),
    );
    expect(await treatmentRow(archived.id)).toEqual({ review_state: 'NOT_REVIEWED', version: 1 });
  });

  it('is reset to NOT_REVIEWED by a later updateTreatment: the DPD reviewed another text', async () => {
    const treatment = await fx.treatment(w.schoolA);
    ok(await review(w.dpd.token, { targetType: 'TREATMENT', targetId: treatment.id, verdict: 'APPROVED' }));
    expect(await treatmentRow(treatment.id)).toEqual({ review_state: 'APPROVED', version: 2 });
    const updated = ok(
      await t.gql<{ updateTreatment: { reviewState: string; version: number; name: string } }>(
        `mutation ($id: ID!, $version: Int!, $input: TreatmentPatch!) {
           updateTreatment(id: $id, version: $version, input: $input) { name reviewState version }
         }`,
        { id: treatment.id, version: 2, input: { name: 'Vie scolaire (révisé)' } },
        w.headA.token,
      ),
    ).updateTreatment;
    expect(updated).toEqual({ name: 'Vie scolaire (révisé)', reviewState: 'NOT_REVIEWED', version: 3 });
    expect(await treatmentRow(treatment.id)).toEqual({ review_state: 'NOT_REVIEWED', version: 3 });
  });

  describe('who reads which reviews', () => {
    let v: Awaited<ReturnType<Factory['world']>>;
    let otherTeacherA: TestUser;
    let headC: TestUser;
    const ids: Record<'treatmentA' | 'ownDeclaration' | 'otherDeclaration' | 'violationB', string> = {
      treatmentA: '',
      ownDeclaration: '',
      otherDeclaration: '',
      violationB: '',
    };
    /** review ids, in the order they were made */
    const made: Record<string, string> = {};
    let otherAcademyReview: string;

    const reviewsAs = async (user: TestUser, vars: Record<string, unknown> = {}) =>
      ok(await t.gql<Reviews>(REVIEWS, { first: 100, ...vars }, user.token)).reviews;

    beforeAll(async () => {
      v = await f.world();
      otherTeacherA = await f.user(v.academy, [{ role: 'TEACHER', school: v.schoolA }]);
      headC = await f.user(otherAcademy, [{ role: 'HEAD', school: schoolC }]);
      ids.treatmentA = (await fx.treatment(v.schoolA)).id;
      ids.ownDeclaration = (await fx.declaration(v.schoolA, v.teacherA)).id;
      ids.otherDeclaration = (await fx.declaration(v.schoolA, otherTeacherA)).id;
      ids.violationB = (await fx.violation(v.schoolB, v.teacherB)).id;
      const targets: [keyof typeof ids, TargetType][] = [
        ['treatmentA', 'TREATMENT'],
        ['ownDeclaration', 'TOOL_DECLARATION'],
        ['otherDeclaration', 'TOOL_DECLARATION'],
        ['violationB', 'VIOLATION'],
      ];
      for (const [name, targetType] of targets) {
        made[name] = ok(
          await review(v.dpd.token, {
            targetType,
            targetId: ids[name],
            verdict: 'COMMENT',
            comment: `Avis sur ${name}`,
          }),
        ).reviewEntry.id;
        await new Promise((resolve) => setTimeout(resolve, 5)); // distinct createdAt
      }
      const treatmentC = await fx.treatment(schoolC);
      otherAcademyReview = (await fx.review({ type: 'TREATMENT', id: treatmentC.id }, schoolC, dpdC)).id;
    });

    it('gives the DPD its academy, newest first, with school and reviewer', async () => {
      const page = await reviewsAs(v.dpd);
      expect(page.totalCount).toBe(4);
      expect(page.nodes.map((n) => n.id)).toEqual([
        made.violationB,
        made.otherDeclaration,
        made.ownDeclaration,
        made.treatmentA,
      ]);
      expect(page.nodes[0]).toMatchObject({
        targetType: 'VIOLATION',
        targetId: ids.violationB,
        verdict: 'COMMENT',
        comment: 'Avis sur violationB',
        school: { id: v.schoolB.id, name: v.schoolB.name },
        reviewer: { id: v.dpd.id },
      });
      expect(page.nodes[0].reviewer.displayName).toBeTruthy();
      expect(page.nodes[3].school.id).toBe(v.schoolA.id);
    });

    it("gives a head its schools' entries, a teacher its own declarations only", async () => {
      const idsOf = async (user: TestUser) => (await reviewsAs(user)).nodes.map((n) => n.id).sort();
      expect(await idsOf(v.headA)).toEqual(
        [made.treatmentA, made.ownDeclaration, made.otherDeclaration].sort(),
      );
      expect(await idsOf(v.headB)).toEqual([made.violationB]);
      expect(await idsOf(v.teacherA)).toEqual([made.ownDeclaration]);
      expect(await idsOf(otherTeacherA)).toEqual([made.otherDeclaration]);
      // the teacher who reported the violation does not read the DPD's review of it
      expect(await idsOf(v.teacherB)).toEqual([]);
      // another academy's head and DPD see none of them, only their own academy's
      for (const user of [headC, dpdC]) {
        const seen = await idsOf(user);
        expect(seen).toContain(otherAcademyReview);
        expect(seen.filter((id) => Object.values(made).includes(id))).toEqual([]);
      }
      expect(await idsOf(v.dpd)).not.toContain(otherAcademyReview);
      // even when they name the entry
      expect((await reviewsAs(headC, { targetId: ids.treatmentA })).totalCount).toBe(0);
      expect((await reviewsAs(v.teacherA, { targetId: ids.otherDeclaration })).totalCount).toBe(0);
    });

    it('gives an admin every academy', async () => {
      expect((await reviewsAs(v.admin, { targetId: ids.treatmentA })).nodes.map((n) => n.id)).toEqual([
        made.treatmentA,
      ]);
      expect((await reviewsAs(v.admin, { targetId: ids.violationB })).nodes.map((n) => n.id)).toEqual([
        made.violationB,
      ]);
      const all = await reviewsAs(v.admin);
      expect(all.totalCount).toBeGreaterThanOrEqual(5);
    });

    it('filters by target type and entry, and pages with a cursor', async () => {
      const declarations = await reviewsAs(v.dpd, { targetType: 'TOOL_DECLARATION' });
      expect(declarations.nodes.map((n) => n.id)).toEqual([made.otherDeclaration, made.ownDeclaration]);
      const one = await reviewsAs(v.dpd, { targetType: 'TOOL_DECLARATION', targetId: ids.ownDeclaration });
      expect(one.nodes.map((n) => n.id)).toEqual([made.ownDeclaration]);
      expect(
        (await reviewsAs(v.dpd, { targetType: 'TREATMENT', targetId: ids.ownDeclaration })).totalCount,
      ).toBe(0);

      const first = await reviewsAs(v.dpd, { first: 3 });
      expect(first.totalCount).toBe(4);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await reviewsAs(v.dpd, { first: 3, after: first.pageInfo.endCursor });
      expect(second.totalCount).toBe(4);
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual([
        made.violationB,
        made.otherDeclaration,
        made.ownDeclaration,
        made.treatmentA,
      ]);

      const badId = await t.gql(REVIEWS, { targetId: 'nope' }, v.dpd.token);
      expect(errorCode(badId)).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(REVIEWS, { first: 101 }, v.dpd.token))).toBe('BAD_USER_INPUT');
    });

    it("resolves each entry's reviews, newest first, for those who may read them", async () => {
      const second = ok(
        await review(v.dpd.token, { targetType: 'TREATMENT', targetId: ids.treatmentA, verdict: 'APPROVED' }),
      ).reviewEntry.id;
      const entries = async (user: TestUser) =>
        ok(
          await t.gql<{
            treatment: { reviews: { id: string; verdict: string; reviewer: { id: string } }[] } | null;
            toolDeclaration: { reviews: { id: string }[] } | null;
            violation: { reviews: { id: string }[] } | null;
          }>(
            `query ($t: ID!, $d: ID!, $v: ID!) {
               treatment(id: $t) { reviews { id verdict reviewer { id } } }
               toolDeclaration(id: $d) { reviews { id } }
               violation(id: $v) { reviews { id } }
             }`,
            { t: ids.treatmentA, d: ids.ownDeclaration, v: ids.violationB },
            user.token,
          ),
        );
      const dpd = await entries(v.dpd);
      expect(dpd.treatment?.reviews).toEqual([
        { id: second, verdict: 'APPROVED', reviewer: { id: v.dpd.id } },
        { id: made.treatmentA, verdict: 'COMMENT', reviewer: { id: v.dpd.id } },
      ]);
      expect(dpd.toolDeclaration?.reviews).toEqual([{ id: made.ownDeclaration }]);
      expect(dpd.violation?.reviews).toEqual([{ id: made.violationB }]);
      const headA = await entries(v.headA);
      expect(headA.treatment?.reviews.map((r) => r.id)).toEqual([second, made.treatmentA]);
      expect(headA.toolDeclaration?.reviews).toEqual([{ id: made.ownDeclaration }]);
      expect(headA.violation).toBeNull();
      const teacherA = await entries(v.teacherA);
      expect(teacherA.treatment?.reviews).toEqual([]); // it reads the ACTIVE treatment, not its reviews
      expect(teacherA.toolDeclaration?.reviews).toEqual([{ id: made.ownDeclaration }]);
      const teacherB = await entries(v.teacherB);
      expect(teacherB.violation?.reviews).toEqual([]); // its incident report, not the DPD's review
    });
  });
});
