import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import type { TestSchool } from './factories';

/**
 * Export tests: register rows inserted straight with SQL (the exports read the tables, whatever
 * wrote them), and the PDF tools of poppler-utils and qpdf to read the documents back.
 */
const run = promisify(execFile);

async function withFile<T>(content: Buffer, work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'registre-pdf-'));
  const file = join(dir, 'document.pdf');
  try {
    await writeFile(file, content);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text pdftotext extracts (UTF-8); pages are separated by form feeds. */
export function pdfText(content: Buffer): Promise<string> {
  return withFile(content, async (file) => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** The fonts pdffonts lists: name, type, and whether each is embedded. */
export function pdfFonts(content: Buffer): Promise<{ name: string; type: string; embedded: boolean }[]> {
  return withFile(content, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    // name, type (words), encoding, then emb sub uni (yes/no) and the object id
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
        if (!match) throw new Error(`pdffonts line not understood: ${line}`);
        return { name: match[1], type: match[2], embedded: match[4] === 'yes' };
      });
  });
}

/** The XMP metadata packet of a PDF (pdfkit writes it uncompressed), as UTF-8 text. */
export function pdfXmp(content: Buffer): string {
  const start = content.indexOf('<?xpacket begin');
  const end = content.indexOf('<?xpacket end', start);
  if (start < 0 || end < 0) throw new Error('no XMP metadata packet');
  return content.subarray(start, content.indexOf('?>', end) + 2).toString('utf8');
}

/** The page count pdfinfo reads. */
export function pdfPageCount(content: Buffer): Promise<number> {
  return withFile(content, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const match = /^Pages:\s+(\d+)$/m.exec(stdout);
    if (!match) throw new Error(`pdfinfo gave no page count:\n${stdout}`);
    return Number(match[1]);
  });
}

/** qpdf --check: exit code 0 and its report. */
export function qpdfCheck(content: Buffer): Promise<{ ok: boolean; output: string }> {
  return withFile(content, async (file) => {
    try {
      const { stdout } = await run('qpdf', ['--check', file]);
      return { ok: true, output: stdout };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  });
}

/** The pages of an extracted text (pdftotext ends each page with a form feed). */
export function pages(text: string): string[] {
  const parts = text.split('\f');
  if (parts[parts.length - 1].trim() === '') parts.pop();
  return parts;
}

/**
 * The text without running headers and footers, every run of white space made one space: a value
 * that wraps, or flows onto the next page, reads as one piece again.
 */
export function bodyText(text: string): string {
  return (
    text
      .split(/\n|\f/)
      // the footer ("UAI … — édité le … Page n / N") may share its line with a field that sits at the
      // same height: cut the footer out of the line rather than dropping the line
      .map((line) => {
        const page = /Page \d+ \/ \d+\s*$/.exec(line);
        return page ? line.slice(0, page.index).replace(/\s*UAI \S+ — .* — édité le .*$/, '') : line;
      })
      .filter((line) => !/^UAI \S+ — .* — édité le /.test(line))
      .filter(
        (line) =>
          !/^(Registre des activités de traitement|Registre des violations de données personnelles|Dossier de conformité pour la CNIL) — .* — UAI \S+$/.test(
            line,
          ),
      )
      .join(' ')
      .replace(/\s+/g, ' ')
  );
}

/** One space for every run of white space (no-break spaces included). */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface TreatmentFixture {
  id: string;
  number: number;
  reference: string;
  name: string;
}

/** register numbers handed out so far, per school (each test builds its own schools) */
const treatmentNumbers = new Map<string, number>();
const violationNumbers = new Map<string, number>();

function nextNumber(counters: Map<string, number>, schoolId: string): number {
  const n = (counters.get(schoolId) ?? 0) + 1;
  counters.set(schoolId, n);
  return n;
}

export async function insertTreatment(
  ds: DataSource,
  school: TestSchool,
  fields: Partial<{
    name: string;
    purposes: string[];
    legalBasis: string;
    subjectCategories: string[];
    dataCategories: string[];
    recipients: string[];
    processors: string[];
    transfers: { country: string; recipient: string; safeguard: string }[];
    retention: string;
    retentionMonths: number | null;
    securityMeasures: string[];
    dpiaRequired: boolean;
    status: 'ACTIVE' | 'ARCHIVED';
    archivedReason: string | null;
    archivedAt: Date | null;
    reviewState: string;
    createdById: string | null;
    createdAt: Date;
  }> = {},
): Promise<TreatmentFixture> {
  const number = nextNumber(treatmentNumbers, school.id);
  const reference = `T-${String(number).padStart(3, '0')}`;
  const dataCategories = fields.dataCategories ?? ['IDENTITY', 'SCHOOLING'];
  const sensitive = dataCategories.some((c) => c === 'HEALTH' || c === 'OTHER_SENSITIVE');
  const status = fields.status ?? 'ACTIVE';
  const name = fields.name ?? `Traitement ${reference}`;
  const [row] = await ds.query(
    `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis,
       subject_categories, data_categories, sensitive_data, recipients, processors, transfers, retention,
       retention_months, security_measures, dpia_required, status, archived_reason, archived_at, review_state,
       created_by_id, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$23)
     RETURNING id`,
    [
      school.id,
      school.academyId,
      number,
      reference,
      name,
      fields.purposes ?? ['Gestion de la vie scolaire'],
      fields.legalBasis ?? 'PUBLIC_INTEREST',
      fields.subjectCategories ?? ['STUDENTS'],
      dataCategories,
      sensitive,
      fields.recipients ?? [],
      fields.processors ?? [],
      JSON.stringify(fields.transfers ?? []),
      fields.retention ?? "Durée de l'année scolaire",
      fields.retentionMonths === undefined ? 12 : fields.retentionMonths,
      fields.securityMeasures ?? [],
      fields.dpiaRequired ?? sensitive,
      status,
      status === 'ARCHIVED' ? (fields.archivedReason ?? 'Traitement abandonné') : null,
      status === 'ARCHIVED' ? (fields.archivedAt ?? new Date()) : null,
      fields.reviewState ?? 'NOT_REVIEWED',
      fields.createdById ?? null,
      fields.createdAt ?? new Date(),
    ],
  );
  return { id: row.id, number, reference, name };
}

export interface ViolationFixture {
  id: string;
  reference: string;
  title: string;
}

export async function insertViolation(
  ds: DataSource,
  school: TestSchool,
  reportedById: string,
  fields: Partial<{
    title: string;
    description: string;
    incidentType: string;
    natures: string[];
    occurredAt: Date | null;
    discoveredAt: Date;
    dataCategories: string[];
    subjectCategories: string[];
    approxSubjectCount: number | null;
    approxRecordCount: number | null;
    consequences: string | null;
    measuresTaken: string | null;
    risk: 'UNLIKELY' | 'RISK' | 'HIGH_RISK';
    cnilNotifiedAt: Date | null;
    cnilReference: string | null;
    lateNotificationReason: string | null;
    subjectsInformedAt: Date | null;
    noNotificationJustification: string | null;
    rssiInformedAt: Date | null;
    hierarchyInformedAt: Date | null;
    closedAt: Date | null;
    treatmentIds: string[];
  }> = {},
): Promise<ViolationFixture> {
  const number = nextNumber(violationNumbers, school.id);
  const reference = `V-${String(number).padStart(3, '0')}`;
  const title = fields.title ?? `Incident ${reference}`;
  const closedAt = fields.closedAt ?? null;
  const [row] = await ds.query(
    `INSERT INTO violation (school_id, academy_id, number, reference, reported_by_id, title, description,
       incident_type, natures, occurred_at, discovered_at, data_categories, subject_categories,
       approx_subject_count, approx_record_count, consequences, measures_taken, risk, cnil_notified_at,
       cnil_reference, late_notification_reason, subjects_informed_at, no_notification_justification,
       rssi_informed_at, hierarchy_informed_at, status, closed_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)
     RETURNING id`,
    [
      school.id,
      school.academyId,
      number,
      reference,
      reportedById,
      title,
      fields.description ?? 'Description de l’incident.',
      fields.incidentType ?? 'OTHER',
      fields.natures ?? ['CONFIDENTIALITY'],
      fields.occurredAt ?? null,
      fields.discoveredAt ?? new Date(Date.now() - 3600_000),
      fields.dataCategories ?? [],
      fields.subjectCategories ?? [],
      fields.approxSubjectCount ?? null,
      fields.approxRecordCount ?? null,
      fields.consequences ?? null,
      fields.measuresTaken ?? null,
      fields.risk ?? 'RISK',
      fields.cnilNotifiedAt ?? null,
      fields.cnilReference ?? null,
      fields.lateNotificationReason ?? null,
      fields.subjectsInformedAt ?? null,
      fields.noNotificationJustification ?? null,
      fields.rssiInformedAt ?? null,
      fields.hierarchyInformedAt ?? null,
      closedAt ? 'CLOSED' : 'OPEN',
      closedAt,
    ],
  );
  for (const treatmentId of fields.treatmentIds ?? []) {
    await ds.query(`INSERT INTO violation_treatment (violation_id, treatment_id) VALUES ($1, $2)`, [
      row.id,
      treatmentId,
    ]);
  }
  return { id: row.id, reference, title };
}

export async function insertDeclaration(
  ds: DataSource,
  school: TestSchool,
  declaredById: string,
  fields: Partial<{
    status: string;
    toolName: string;
    vendor: string | null;
    url: string | null;
    purpose: string;
    classes: string[];
    approxStudentCount: number | null;
    dataCategories: string[];
    pseudonymsUsed: boolean;
    hosting: string;
    hostingCountry: string | null;
    freeSoftware: string;
    institutional: boolean;
    commercialReuse: string;
    familiesInformed: boolean;
    retentionMonths: number | null;
    securityMeasures: string | null;
    riskFlags: string[];
    riskLevel: string;
    decisionComment: string | null;
    treatmentId: string | null;
    submittedAt: Date | null;
    decidedAt: Date | null;
  }> = {},
): Promise<{ id: string; toolName: string }> {
  const toolName = fields.toolName ?? 'Outil';
  const [row] = await ds.query(
    `INSERT INTO tool_declaration (school_id, academy_id, declared_by_id, status, tool_name, vendor, url,
       purpose, classes, approx_student_count, data_categories, pseudonyms_used, hosting, hosting_country,
       free_software, institutional, commercial_reuse, families_informed, retention_months, security_measures,
       risk_flags, risk_level, decision_comment, treatment_id, submitted_at, decided_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)
     RETURNING id`,
    [
      school.id,
      school.academyId,
      declaredById,
      fields.status ?? 'SUBMITTED',
      toolName,
      fields.vendor ?? null,
      fields.url ?? null,
      fields.purpose ?? 'Usage pédagogique',
      fields.classes ?? [],
      fields.approxStudentCount ?? null,
      fields.dataCategories ?? ['IDENTITY'],
      fields.pseudonymsUsed ?? true,
      fields.hosting ?? 'EU',
      fields.hostingCountry ?? null,
      fields.freeSoftware ?? 'YES',
      fields.institutional ?? false,
      fields.commercialReuse ?? 'NO',
      fields.familiesInformed ?? true,
      fields.retentionMonths === undefined ? 12 : fields.retentionMonths,
      fields.securityMeasures ?? null,
      fields.riskFlags ?? [],
      fields.riskLevel ?? 'LOW',
      fields.decisionComment ?? null,
      fields.treatmentId ?? null,
      fields.submittedAt ?? null,
      fields.decidedAt ?? null,
    ],
  );
  return { id: row.id, toolName };
}

export async function insertReview(
  ds: DataSource,
  school: TestSchool,
  reviewerId: string,
  target: { type: 'TREATMENT' | 'TOOL_DECLARATION' | 'VIOLATION'; id: string },
  fields: Partial<{ verdict: string; comment: string | null; createdAt: Date }> = {},
): Promise<{ id: string }> {
  const [row] = await ds.query(
    `INSERT INTO review (target_type, target_id, school_id, academy_id, reviewer_id, verdict, comment, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [
      target.type,
      target.id,
      school.id,
      school.academyId,
      reviewerId,
      fields.verdict ?? 'COMMENT',
      fields.comment === undefined ? 'Avis du délégué.' : fields.comment,
      fields.createdAt ?? new Date(),
    ],
  );
  return { id: row.id };
}
