import {
  bodyText,
  pages,
  pdfFonts,
  pdfText,
  pdfXmp,
  qpdfCheck,
} from '../../../tests/helpers/export-fixtures';
import { renderDocument, retentionText } from './documents';
import type { DocumentContext, ExportSources, TreatmentEntry, ViolationEntry } from './types';

/**
 * Exports are archives: PDF/A-2b with embedded fonts that draw every character a name may hold,
 * read back with the tools a reader would use (pdftotext, pdffonts, qpdf).
 */
const NOW = new Date('2026-11-25T13:03:00Z');

function context(kind: DocumentContext['kind'], schoolName: string): DocumentContext {
  return {
    kind,
    academy: {
      code: 'TOULOUSE',
      name: 'Académie de Toulouse',
      dpoName: 'Ελένη Παπαδοπούλου',
      dpoEmail: null,
    },
    school: { uai: '0310024H', name: schoolName, kind: 'COLLEGE', city: 'Łódź' },
    heads: [{ displayName: 'Анна Кузнецова', email: 'anna@ac-toulouse.fr' }],
    generatedAt: NOW,
    generatedBy: { displayName: 'Zoltán Kővári', role: "Chef d'établissement" },
  };
}

function treatment(i: number, overrides: Partial<TreatmentEntry> = {}): TreatmentEntry {
  return {
    reference: `T-${String(i).padStart(3, '0')}`,
    name: `Traitement n°${i}`,
    purposes: ['Suivi des absences'],
    legalBasis: 'PUBLIC_INTEREST',
    subjectCategories: ['STUDENTS'],
    dataCategories: ['IDENTITY'],
    sensitiveData: false,
    recipients: ['Vie scolaire'],
    processors: [],
    transfers: [],
    retention: "24 mois après la fin de l'activité",
    retentionMonths: 24,
    securityMeasures: ['Accès par mot de passe'],
    dpiaRequired: false,
    status: 'ACTIVE',
    archivedReason: null,
    archivedAt: null,
    reviewState: 'NOT_REVIEWED',
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    createdBy: 'Łukasz Wróbel',
    declarations: [],
    reviews: [],
    ...overrides,
  };
}

function violation(i: number, overrides: Partial<ViolationEntry> = {}): ViolationEntry {
  const discoveredAt = new Date('2026-11-20T10:00:00Z');
  return {
    reference: `V-${String(i).padStart(3, '0')}`,
    title: `Incident n°${i}`,
    description: 'Un courriel envoyé au mauvais destinataire.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY'],
    occurredAt: null,
    discoveredAt,
    dataCategories: ['IDENTITY'],
    subjectCategories: ['STUDENTS'],
    approxSubjectCount: 1,
    approxRecordCount: 1,
    consequences: 'Aucune',
    measuresTaken: 'Courriel supprimé',
    risk: 'UNLIKELY',
    cnilNotificationRequired: false,
    cnilDeadline: new Date(discoveredAt.getTime() + 72 * 3600_000),
    cnilNotifiedAt: null,
    cnilReference: null,
    lateNotificationReason: null,
    subjectsInformedAt: null,
    noNotificationJustification: null,
    rssiInformedAt: null,
    hierarchyInformedAt: null,
    status: 'OPEN',
    closedAt: null,
    reportedBy: 'Nguyễn Thị Ánh',
    treatments: [],
    createdAt: discoveredAt,
    updatedAt: discoveredAt,
    version: 1,
    reviews: [],
    ...overrides,
  };
}

async function* from<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

function sources(parts: { active?: TreatmentEntry[]; violations?: ViolationEntry[] }): ExportSources {
  return {
    treatments: (status) => from(status === 'ACTIVE' ? (parts.active ?? []) : []),
    violations: () => from(parts.violations ?? []),
    openDeclarations: () => from([]),
    reviews: () => from([]),
    rightsRequests: () => from([]),
  };
}

const NAMES = [
  'Łódź Quiz — Nguyễn',
  'Анна Кузнецова',
  'Zoltán Kővári',
  'Ελένη Παπαδοπούλου',
  'Łukasz Wróbel',
];

describe('exports as archives (PDF/A-2b, embedded Unicode fonts)', () => {
  let content: Buffer;
  let text: string;

  beforeAll(async () => {
    const rendered = await renderDocument(
      context('CNIL_DOSSIER', 'Łódź Quiz — Nguyễn & fils <Sud>'),
      sources({
        active: [treatment(1, { name: 'Łódź Quiz — Nguyễn' }), treatment(2)],
        violations: [violation(1), violation(2, { status: 'CLOSED', closedAt: NOW })],
      }),
    );
    content = rendered.content;
    text = await pdfText(content);
  });

  it('prints the non-Latin-1 names as typed, and pdftotext extracts them intact', () => {
    const body = bodyText(text);
    for (const name of NAMES) expect({ name, found: body.includes(name) }).toEqual({ name, found: true });
    expect(body).toContain('T-001 — Łódź Quiz — Nguyễn');
    expect(body).toContain('Commune : Łódź');
    expect(body).toContain('Signalée par : Nguyễn Thị Ánh');
    expect(body).not.toContain('?');
  });

  it('embeds every font (pdffonts), a font shipped by an npm package, no standard font', async () => {
    const fonts = await pdfFonts(content);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.every((f) => /\+DejaVuSans/.test(f.name))).toBe(true);
  });

  it('carries the PDF/A identification, an sRGB output intent and a document ID', () => {
    const xmp = pdfXmp(content);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toMatch(
      /<xmpMM:DocumentID>uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/xmpMM:DocumentID>/,
    );
    // the metadata is well-formed XML: the school's "&" and "<" are escaped
    expect(xmp).toContain('Łódź Quiz — Nguyễn &amp; fils &lt;Sud&gt;');
    const raw = content.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toContain('/OutputConditionIdentifier (sRGB IEC61966-2.1)');
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('passes qpdf --check', async () => {
    const check = await qpdfCheck(content);
    expect(check).toEqual({
      ok: true,
      output: expect.stringContaining('No syntax or stream encoding errors'),
    });
  });

  it('agrees plurals, and says a notification was not required', () => {
    const body = bodyText(text);
    expect(body).toContain('Violations enregistrées : 2 (1 ouverte, 1 clôturée)');
    expect(body).toContain('0 notifiée dans le délai');
    expect(body).not.toContain('(s)');
    expect(body).toContain(
      "Justification de l'absence de notification ou d'information : Notification non requise (risque improbable)",
    );
    expect(body).not.toContain("Justification de l'absence de notification ou d'information : Non renseigné");
  });

  it('names an entry once at its head, and prints its retention once', () => {
    const body = bodyText(text);
    // the heading "T-001 — name", then the entry's fields: no "Référence : T-001" nor the name again
    expect(body).toContain('T-001 — Łódź Quiz — Nguyễn Statut : Actif');
    expect(body.split('Łódź Quiz — Nguyễn Statut').length).toBe(2);
    expect(body).not.toContain('Référence : T-001');
    expect(body).not.toContain('Durée de conservation en mois');
    expect(body).toContain("Durée de conservation : 24 mois après la fin de l'activité Mesures");
  });
});

describe('layout of the entries', () => {
  it('never starts an entry at the foot of a page: its heading stays with its first lines', async () => {
    // entries of varied lengths, so that headings fall everywhere on the pages
    const active = Array.from({ length: 40 }, (_, i) =>
      treatment(i + 1, {
        purposes: Array.from({ length: 1 + (i % 5) }, (_, k) => `Finalité ${k + 1} du traitement ${i + 1}`),
        recipients: Array.from({ length: 1 + (i % 3) }, (_, k) => `Destinataire ${k + 1}`),
      }),
    );
    const rendered = await renderDocument(context('TREATMENT_REGISTER', 'Collège Łódź'), sources({ active }));
    const pageTexts = pages(await pdfText(rendered.content));
    expect(pageTexts.length).toBeGreaterThan(5);
    for (const [index, page] of pageTexts.entries()) {
      const lines = page.split('\n').filter((line) => line.trim() && !/Page \d+ \/ \d+/.test(line));
      const heading = lines.map((line) => /^T-\d{3} — /.test(line)).lastIndexOf(true);
      if (heading < 0) continue;
      // the last heading of a page is followed there by at least its first three rows
      const after = lines.slice(heading + 1).filter((line) => !line.startsWith('UAI 0310024H — '));
      expect({ page: index + 1, heading: lines[heading], rowsAfter: after.length >= 3 }).toEqual({
        page: index + 1,
        heading: lines[heading],
        rowsAfter: true,
      });
    }
  });
});

describe('retentionText', () => {
  it('prints the register text once, with the months only when the text does not say them', () => {
    expect(retentionText("24 mois après la fin de l'activité", 24)).toBe(
      "24 mois après la fin de l'activité",
    );
    expect(retentionText("Un an après la fin de l'année scolaire", 12)).toBe(
      "Un an après la fin de l'année scolaire (12 mois)",
    );
    expect(retentionText('À définir', null)).toBe('À définir');
    expect(retentionText('', 6)).toBe('6 mois');
    expect(retentionText('  ', null)).toBe('Non renseigné');
  });
});
