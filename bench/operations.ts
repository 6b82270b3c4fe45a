import { Pool } from 'pg';
import { Cursor, decodeCursor, encodeCursor } from '@app/core';

/**
 * What the bench measures: the GraphQL operations, the people who run them, and the raw-SQL floor of
 * each read (the same rows and the same related data, in one statement through `pg`).
 */

export const PAGE_SIZE_REGISTER = 50;
export const PAGE_SIZE_DPD = 20;
export const TARGET_PAGE = 200;

// ---------------------------------------------------------------- GraphQL documents

const TREATMENT_FIELDS = `id reference name purposes legalBasis subjectCategories dataCategories sensitiveData
  recipients processors transfers { country recipient safeguard } retention retentionMonths securityMeasures
  dpiaRequired status archivedReason reviewState version createdAt updatedAt`;

/** A head's register: the whole entries of one school, with their school and the DPD's reviews. */
export const HEAD_REGISTER = `query HeadRegister($schoolId: ID!) {
  treatments(filter: { schoolId: $schoolId }, first: ${PAGE_SIZE_REGISTER}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${TREATMENT_FIELDS} school { id name uai } reviews { verdict comment createdAt } }
  }
}`;

/** The DPD's cross-school list: entries awaiting review that match a search term. */
export const DPD_PAGE = `query DpdPage($search: String!, $after: String) {
  treatments(filter: { reviewState: NOT_REVIEWED, search: $search }, first: ${PAGE_SIZE_DPD}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id reference name purposes status reviewState sensitiveData dpiaRequired createdAt updatedAt
            school { id name uai city } }
  }
}`;

/** The DPD's queue of tool declarations: SUBMITTED and HIGH risk, across the academy's schools. */
export const DPD_DECLARATIONS = `query DpdDeclarations {
  toolDeclarations(filter: { status: SUBMITTED, riskLevel: HIGH }, first: ${PAGE_SIZE_DPD}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id toolName vendor status riskLevel riskFlags dataCategories submittedAt createdAt
            school { id name uai } declaredBy { id displayName } }
  }
}`;

/** A read's document without its `totalCount` (the count is then neither asked nor computed). */
export function withoutTotalCount(document: string): string {
  const without = document.replace(/^\s*totalCount\n/m, '');
  if (without === document) throw new Error('withoutTotalCount: the document has no totalCount line');
  return without;
}

export const DASHBOARD = `query Dashboard {
  academyDashboard {
    academy { id code name }
    schools schoolsWithoutTreatments pendingDeclarations highRiskDeclarations
    treatmentsAwaitingReview openViolations overdueCnilNotifications
  }
}`;

export const CREATE_DECLARATION = `mutation CreateDeclaration($input: ToolDeclarationInput!) {
  createToolDeclaration(input: $input) {
    id status riskLevel riskFlags version createdAt school { id name }
  }
}`;

export const EXPORT_REGISTER = `mutation Export($schoolId: ID!) {
  exportRegister(schoolId: $schoolId, kind: CNIL_DOSSIER) { id sha256 byteSize pageCount createdAt }
}`;

export const VERIFY_AUDIT = `query { verifyAuditTrail { valid checkedEvents firstBrokenEventId } }`;

/** What a teacher declares during the write test (a classroom wall hosted outside the EU). */
export function declarationInput(schoolId: string): Record<string, unknown> {
  return {
    schoolId,
    toolName: 'Padlet',
    vendor: 'Wallwisher Inc.',
    url: 'https://padlet.com',
    purpose: 'Mur collaboratif pour un projet de classe',
    classes: ['4e B'],
    approxStudentCount: 28,
    dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
    pseudonymsUsed: false,
    hosting: 'NON_EU',
    hostingCountry: 'États-Unis',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'UNKNOWN',
    familiesInformed: true,
    retentionMonths: 12,
    securityMeasures: null,
  };
}

// ---------------------------------------------------------------- who and where

export interface SchoolFixture {
  id: string;
  name: string;
  uai: string;
  treatments: number;
  violations: number;
  declarations: number;
}

export interface Fixtures {
  academyId: string;
  academyName: string;
  registerSchool: SchoolFixture;
  registerHeadEmail: string;
  /** the school with the most treatments (its register has more than one page at scale 1) */
  largestSchool: SchoolFixture;
  largestHeadEmail: string;
  exportSchool: SchoolFixture;
  exportHeadEmail: string;
  dpdEmail: string;
  /** teachers of distinct schools, one per write connection */
  writers: { userId: string; email: string; schoolId: string; schoolName: string }[];
  search: string;
  /** NOT_REVIEWED entries of the academy matching `search` */
  dpdMatches: number;
  /** the deep page measured: TARGET_PAGE, or the last page when there are fewer */
  deepPage: number;
  /** `after` of the deep page (null when it is page 1) */
  deepCursor: string | null;
}

const SEARCH_CONDITION = `t.search_text LIKE '%' || search_fold($2) || '%'`;

/** The people and schools of the measured académie (the one with the most schools), found in SQL. */
export async function discoverFixtures(pool: Pool, search: string, writers: number): Promise<Fixtures> {
  const one = async <T>(sql: string, params: unknown[], what: string): Promise<T> => {
    const { rows } = await pool.query(sql, params);
    if (!rows.length) throw new Error(`bench: no ${what} in the database (run npm run seed:scale)`);
    return rows[0] as T;
  };
  const academy = await one<{ id: string; name: string }>(
    `SELECT a.id, a.name FROM academy a JOIN school s ON s.academy_id = a.id
      GROUP BY a.id ORDER BY count(*) DESC, a.created_at LIMIT 1`,
    [],
    'academy with schools',
  );
  const school = (target: { treatments: number; violations: number | null }, what: string) =>
    one<SchoolFixture>(
      `WITH t AS (SELECT school_id, count(*)::int AS n FROM treatment WHERE academy_id = $1 GROUP BY 1),
            v AS (SELECT school_id, count(*)::int AS n FROM violation WHERE academy_id = $1 GROUP BY 1),
            d AS (SELECT school_id, count(*)::int AS n FROM tool_declaration WHERE academy_id = $1 GROUP BY 1)
       SELECT s.id, s.name, s.uai, coalesce(t.n, 0) AS treatments, coalesce(v.n, 0) AS violations,
              coalesce(d.n, 0) AS declarations
         FROM school s LEFT JOIN t ON t.school_id = s.id LEFT JOIN v ON v.school_id = s.id
              LEFT JOIN d ON d.school_id = s.id
        WHERE s.academy_id = $1
          AND EXISTS (SELECT 1 FROM role_grant g JOIN app_user u ON u.id = g.user_id
                       WHERE g.school_id = s.id AND g.role = 'HEAD' AND u.active)
        ORDER BY abs(coalesce(t.n, 0) - $2) + 5 * abs(coalesce(v.n, 0) - coalesce($3, coalesce(v.n, 0))), s.created_at, s.id
        LIMIT 1`,
      [academy.id, target.treatments, target.violations],
      what,
    );
  const headOf = async (schoolId: string) =>
    (
      await one<{ email: string }>(
        `SELECT u.email FROM role_grant g JOIN app_user u ON u.id = g.user_id
          WHERE g.school_id = $1 AND g.role = 'HEAD' AND u.active ORDER BY u.created_at, u.id LIMIT 1`,
        [schoolId],
        'head',
      )
    ).email;
  const registerSchool = await school({ treatments: PAGE_SIZE_REGISTER, violations: null }, 'school');
  // "the nearest to a million treatments": the largest register that has a head
  const largestSchool = await school({ treatments: 1_000_000, violations: null }, 'school');
  const exportSchool = await school({ treatments: 100, violations: 20 }, 'school');
  const dpd = await one<{ email: string }>(
    `SELECT u.email FROM role_grant g JOIN app_user u ON u.id = g.user_id
      WHERE g.role = 'DPD' AND u.academy_id = $1 AND u.active ORDER BY u.created_at, u.id LIMIT 1`,
    [academy.id],
    'DPD',
  );
  const { rows: writerRows } = await pool.query<{
    id: string;
    email: string;
    school_id: string;
    school_name: string;
  }>(
    `SELECT DISTINCT ON (s.created_at, s.id) u.id, u.email, s.id AS school_id, s.name AS school_name
       FROM role_grant g JOIN app_user u ON u.id = g.user_id JOIN school s ON s.id = g.school_id
      WHERE g.role = 'TEACHER' AND u.academy_id = $1 AND u.active AND s.id <> $3
      ORDER BY s.created_at, s.id, u.created_at, u.id
      LIMIT $2`,
    // not in the exported school: its dossier lists the open declarations, it must not grow run after run
    [academy.id, writers, exportSchool.id],
  );
  if (writerRows.length === 0) throw new Error('bench: no teacher to declare tools');
  const [{ n: dpdMatches }] = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM treatment t
        WHERE t.academy_id = $1 AND t.review_state = 'NOT_REVIEWED' AND ${SEARCH_CONDITION}`,
      [academy.id, search],
    )
  ).rows;
  const pages = Math.max(1, Math.ceil(dpdMatches / PAGE_SIZE_DPD));
  const deepPage = Math.min(TARGET_PAGE, pages);
  let deepCursor: string | null = null;
  if (deepPage > 1) {
    // the last row of the page before, encoded as libs/core/src/pagination.ts does
    const { rows } = await pool.query<{ created_at: Date; id: string }>(
      `SELECT t.created_at, t.id FROM treatment t
        WHERE t.academy_id = $1 AND t.review_state = 'NOT_REVIEWED' AND ${SEARCH_CONDITION}
        ORDER BY t.created_at DESC, t.id DESC OFFSET $3 LIMIT 1`,
      [academy.id, search, (deepPage - 1) * PAGE_SIZE_DPD - 1],
    );
    deepCursor = encodeCursor({ createdAt: rows[0].created_at, id: rows[0].id });
  }
  return {
    academyId: academy.id,
    academyName: academy.name,
    registerSchool,
    registerHeadEmail: await headOf(registerSchool.id),
    largestSchool,
    largestHeadEmail: await headOf(largestSchool.id),
    exportSchool,
    exportHeadEmail: await headOf(exportSchool.id),
    dpdEmail: dpd.email,
    writers: writerRows.map((r) => ({
      userId: r.id,
      email: r.email,
      schoolId: r.school_id,
      schoolName: r.school_name,
    })),
    search,
    dpdMatches,
    deepPage,
    deepCursor,
  };
}

// ---------------------------------------------------------------- the floor: one statement per read

/** A statement and its parameters, so the report can EXPLAIN it. */
export interface FloorStatement {
  sql: string;
  params: unknown[];
}

export interface PageResult<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
}

function toPage<N extends { id: string; createdAt: Date }>(
  nodes: N[],
  limit: number,
  total: number,
): PageResult<N> {
  const hasNextPage = nodes.length > limit;
  const kept = hasNextPage ? nodes.slice(0, limit) : nodes;
  const last = kept[kept.length - 1];
  return {
    totalCount: total,
    pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last) : null },
    nodes: kept,
  };
}

export function headRegisterStatement(schoolId: string): FloorStatement {
  return {
    sql: `SELECT p.id, p.reference, p.name, p.purposes, p.legal_basis, p.subject_categories, p.data_categories,
            p.sensitive_data, p.recipients, p.processors, p.transfers, p.retention, p.retention_months,
            p.security_measures, p.dpia_required, p.status, p.archived_reason, p.review_state, p.version,
            p.created_at, p.updated_at, s.id AS school_id, s.name AS school_name, s.uai,
            coalesce(r.reviews, '[]'::json) AS reviews, c.total
       FROM (SELECT * FROM treatment WHERE school_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) p
       JOIN school s ON s.id = p.school_id
       CROSS JOIN (SELECT count(*)::int AS total FROM treatment WHERE school_id = $1) c
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('verdict', v.verdict, 'comment', v.comment, 'createdAt', v.created_at)
                         ORDER BY v.created_at DESC, v.id DESC) AS reviews
           FROM review v WHERE v.target_type = 'TREATMENT' AND v.target_id = p.id) r ON true
      ORDER BY p.created_at DESC, p.id DESC`,
    params: [schoolId, PAGE_SIZE_REGISTER + 1],
  };
}

export async function headRegisterFloor(pool: Pool, statement: FloorStatement) {
  const { rows } = await pool.query(statement.sql, statement.params);
  const nodes = rows.map((r) => ({
    id: r.id as string,
    reference: r.reference,
    name: r.name,
    purposes: r.purposes,
    legalBasis: r.legal_basis,
    subjectCategories: r.subject_categories,
    dataCategories: r.data_categories,
    sensitiveData: r.sensitive_data,
    recipients: r.recipients,
    processors: r.processors,
    transfers: r.transfers,
    retention: r.retention,
    retentionMonths: r.retention_months,
    securityMeasures: r.security_measures,
    dpiaRequired: r.dpia_required,
    status: r.status,
    archivedReason: r.archived_reason,
    reviewState: r.review_state,
    version: r.version,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at,
    school: { id: r.school_id, name: r.school_name, uai: r.uai },
    reviews: r.reviews,
  }));
  return toPage(nodes, PAGE_SIZE_REGISTER, rows[0]?.total ?? 0);
}

export function dpdPageStatement(academyId: string, search: string, after: string | null): FloorStatement {
  const cursor: Cursor | null = after ? decodeCursor(after) : null;
  const filter = `t.academy_id = $1 AND t.review_state = 'NOT_REVIEWED' AND ${SEARCH_CONDITION}`;
  return {
    sql: `SELECT p.id, p.reference, p.name, p.purposes, p.status, p.review_state, p.sensitive_data,
            p.dpia_required, p.created_at, p.updated_at, s.id AS school_id, s.name AS school_name, s.uai,
            s.city, c.total
       FROM (SELECT t.id, t.school_id, t.reference, t.name, t.purposes, t.status, t.review_state,
                    t.sensitive_data, t.dpia_required, t.created_at, t.updated_at
               FROM treatment t
              WHERE ${filter} ${cursor ? 'AND (t.created_at, t.id) < ($4, $5)' : ''}
              ORDER BY t.created_at DESC, t.id DESC LIMIT $3) p
       JOIN school s ON s.id = p.school_id
       CROSS JOIN (SELECT count(*)::int AS total FROM treatment t WHERE ${filter}) c
      ORDER BY p.created_at DESC, p.id DESC`,
    params: [academyId, search, PAGE_SIZE_DPD + 1, ...(cursor ? [cursor.createdAt, cursor.id] : [])],
  };
}

export async function dpdPageFloor(pool: Pool, statement: FloorStatement) {
  const { rows } = await pool.query(statement.sql, statement.params);
  const nodes = rows.map((r) => ({
    id: r.id as string,
    reference: r.reference,
    name: r.name,
    purposes: r.purposes,
    status: r.status,
    reviewState: r.review_state,
    sensitiveData: r.sensitive_data,
    dpiaRequired: r.dpia_required,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at,
    school: { id: r.school_id, name: r.school_name, uai: r.uai, city: r.city },
  }));
  return toPage(nodes, PAGE_SIZE_DPD, rows[0]?.total ?? 0);
}

export function dpdDeclarationsStatement(academyId: string): FloorStatement {
  const filter = `d.academy_id = $1 AND d.status = 'SUBMITTED' AND d.risk_level = 'HIGH'`;
  return {
    sql: `SELECT p.id, p.tool_name, p.vendor, p.status, p.risk_level, p.risk_flags, p.data_categories,
            p.submitted_at, p.created_at, s.id AS school_id, s.name AS school_name, s.uai,
            u.id AS user_id, u.display_name, c.total
       FROM (SELECT d.id, d.school_id, d.declared_by_id, d.tool_name, d.vendor, d.status, d.risk_level,
                    d.risk_flags, d.data_categories, d.submitted_at, d.created_at
               FROM tool_declaration d WHERE ${filter}
              ORDER BY d.created_at DESC, d.id DESC LIMIT $2) p
       JOIN school s ON s.id = p.school_id
       JOIN app_user u ON u.id = p.declared_by_id
       CROSS JOIN (SELECT count(*)::int AS total FROM tool_declaration d WHERE ${filter}) c
      ORDER BY p.created_at DESC, p.id DESC`,
    params: [academyId, PAGE_SIZE_DPD + 1],
  };
}

export async function dpdDeclarationsFloor(pool: Pool, statement: FloorStatement) {
  const { rows } = await pool.query(statement.sql, statement.params);
  const nodes = rows.map((r) => ({
    id: r.id as string,
    toolName: r.tool_name,
    vendor: r.vendor,
    status: r.status,
    riskLevel: r.risk_level,
    riskFlags: r.risk_flags,
    dataCategories: r.data_categories,
    submittedAt: r.submitted_at,
    createdAt: r.created_at as Date,
    school: { id: r.school_id, name: r.school_name, uai: r.uai },
    declaredBy: { id: r.user_id, displayName: r.display_name },
  }));
  return toPage(nodes, PAGE_SIZE_DPD, rows[0]?.total ?? 0);
}

/**
 * RULES.md, "Reviews": the academy's counts of what still needs acting on, from the per-school
 * counters the registers' triggers keep (school_stats, migrations/1764000000400-school-stats.ts), and
 * the overdue CNIL notifications, which depend on now(), from violation.
 */
export function dashboardStatement(academyId: string): FloorStatement {
  return {
    sql: `SELECT a.id, a.code, a.name, st.schools, st.schools_without_treatments, st.pending, st.high_risk,
            st.awaiting_review, st.open,
            (SELECT count(*)::int FROM violation v
              WHERE v.academy_id = a.id AND v.status = 'OPEN' AND v.cnil_notification_required AND (
                (v.cnil_notified_at IS NULL AND now() > v.cnil_deadline)
                OR v.cnil_notified_at > v.cnil_deadline)) AS overdue
       FROM academy a
       CROSS JOIN LATERAL (SELECT count(*)::int AS schools,
                                  count(*) FILTER (WHERE s.active_treatments = 0)::int AS schools_without_treatments,
                                  coalesce(sum(s.pending_declarations), 0)::int AS pending,
                                  coalesce(sum(s.high_risk_declarations), 0)::int AS high_risk,
                                  coalesce(sum(s.treatments_awaiting_review), 0)::int AS awaiting_review,
                                  coalesce(sum(s.open_violations), 0)::int AS open
                             FROM school_stats s WHERE s.academy_id = a.id) st
      WHERE a.id = $1`,
    params: [academyId],
  };
}

export async function dashboardFloor(pool: Pool, statement: FloorStatement) {
  const { rows } = await pool.query(statement.sql, statement.params);
  const r = rows[0];
  return {
    academy: { id: r.id, code: r.code, name: r.name },
    schools: r.schools,
    schoolsWithoutTreatments: r.schools_without_treatments,
    pendingDeclarations: r.pending,
    highRiskDeclarations: r.high_risk,
    treatmentsAwaitingReview: r.awaiting_review,
    openViolations: r.open,
    overdueCnilNotifications: r.overdue,
  };
}
