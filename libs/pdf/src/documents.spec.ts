import { AsyncLocalStorage } from 'node:async_hooks';
import { bodyText, pages, pdfPageCount, pdfText, qpdfCheck } from '../../../tests/helpers/export-fixtures';
import {
  declarationRows,
  entryHeadings,
  renderDocument,
  reviewRows,
  Row,
  treatmentRows,
  violationRows,
} from './documents';
import { PULL_BATCH, RenderPool } from './render-pool';
import { Semaphore } from './semaphore';
import type {
  DeclarationEntry,
  DocumentContext,
  ExportSources,
  ReviewEntry,
  RightsRequestEntry,
  TreatmentEntry,
  ViolationEntry,
} from './types';

/** The renderer alone, on entries built in memory: layout, text, page numbers, yielding. */
const NOW = new Date('2026-11-25T13:03:00Z');
const hours = (n: number) => n * 3600_000;

function treatment(i: number, overrides: Partial<TreatmentEntry> = {}): TreatmentEntry {
  return {
    reference: `T-${String(i).padStart(3, '0')}`,
    name: `Vie scolaire « Élèves » n°${i}`,
    purposes: ['Suivi des absences', `Appel en classe n°${i}`],
    legalBasis: 'PUBLIC_INTEREST',
    subjectCategories: ['STUDENTS', 'PARENTS'],
    dataCategories: ['IDENTITY', 'SCHOOLING', 'HEALTH'],
    sensitiveData: true,
    recipients: ['Vie scolaire', 'Professeurs principaux'],
    processors: ['Éditeur du logiciel'],
    transfers: [{ country: 'Canada', recipient: 'Hébergeur œcuménique', safeguard: 'ADEQUACY_DECISION' }],
    retention: "Un an après la fin de l'année scolaire",
    retentionMonths: 12,
    securityMeasures: ['Accès par mot de passe', 'Journalisation'],
    dpiaRequired: true,
    status: 'ACTIVE',
    archivedReason: null,
    archivedAt: null,
    reviewState: 'NOT_REVIEWED',
    createdAt: new Date('2026-03-12T08:30:00Z'),
    updatedAt: new Date('2026-07-01T10:15:00Z'),
    version: 3,
    createdBy: 'François Garçon',
    declarations: [{ toolName: 'Pronote', vendor: 'Index Éducation' }],
    reviews: [{ createdAt: NOW, verdict: 'APPROVED', comment: null, reviewer: 'Hélène Dpd' }],
    ...overrides,
  };
}

function violation(i: number, overrides: Partial<ViolationEntry> = {}): ViolationEntry {
  const discoveredAt = new Date('2026-02-01T10:00:00Z');
  return {
    reference: `V-${String(i).padStart(3, '0')}`,
    title: `Clé USB perdue n°${i}`,
    description: 'Une clé contenant des bulletins « Élèves » a été perdue ; ça arrive.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY'],
    occurredAt: null,
    discoveredAt,
    dataCategories: ['ASSESSMENT'],
    subjectCategories: ['STUDENTS'],
    approxSubjectCount: 30,
    approxRecordCount: null,
    consequences: 'Notes divulguées',
    measuresTaken: 'Familles prévenues',
    risk: 'HIGH_RISK',
    cnilNotificationRequired: true,
    cnilDeadline: new Date(discoveredAt.getTime() + hours(72)),
    cnilNotifiedAt: new Date(discoveredAt.getTime() + hours(80)),
    cnilReference: 'CNIL-7',
    lateNotificationReason: 'Week-end',
    subjectsInformedAt: null,
    noNotificationJustification: null,
    rssiInformedAt: null,
    hierarchyInformedAt: null,
    status: 'OPEN',
    closedAt: null,
    reportedBy: 'Agnès Çelik',
    treatments: [{ reference: 'T-001', name: 'Vie scolaire' }],
    createdAt: discoveredAt,
    updatedAt: discoveredAt,
    version: 1,
    reviews: [],
    ...overrides,
  };
}

const declaration: DeclarationEntry = {
  toolName: 'Quizlet',
  vendor: 'Quizlet Inc.',
  url: 'https://quizlet.com',
  status: 'SUBMITTED',
  purpose: 'Révisions',
  classes: ['4e A'],
  approxStudentCount: 28,
  dataCategories: ['IDENTITY'],
  pseudonymsUsed: false,
  hosting: 'NON_EU',
  hostingCountry: 'États-Unis',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'YES',
  familiesInformed: true,
  retentionMonths: 6,
  securityMeasures: null,
  riskFlags: ['NON_EU_HOSTING', 'COMMERCIAL_REUSE'],
  riskLevel: 'HIGH',
  decisionComment: null,
  declaredBy: 'Agnès Çelik',
  submittedAt: NOW,
  decidedAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  version: 2,
};

const review: ReviewEntry = {
  createdAt: NOW,
  verdict: 'CHANGES_REQUESTED',
  comment: 'Préciser la durée de conservation',
  reviewer: 'Hélène Dpd',
  targetType: 'TREATMENT',
  target: 'T-001 — Vie scolaire',
};

function context(kind: DocumentContext['kind']): DocumentContext {
  return {
    kind,
    academy: {
      code: 'TOULOUSE',
      name: 'Académie de Toulouse',
      dpoName: 'Hélène Dpd',
      dpoEmail: 'dpd@ac-toulouse.fr',
    },
    school: { uai: '0310024H', name: 'Collège Jean-Jaurès', kind: 'COLLEGE', city: 'Toulouse' },
    heads: [{ displayName: 'Cécile Œuvrard', email: 'cecile@ac-toulouse.fr' }],
    generatedAt: NOW,
    generatedBy: { displayName: 'Cécile Œuvrard', role: "Chef d'établissement" },
  };
}

async function* from<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

function sources(parts: {
  active?: TreatmentEntry[];
  archived?: TreatmentEntry[];
  violations?: ViolationEntry[];
  declarations?: DeclarationEntry[];
  reviews?: ReviewEntry[];
  rightsRequests?: RightsRequestEntry[];
}): ExportSources {
  return {
    treatments: (status) => from(status === 'ACTIVE' ? (parts.active ?? []) : (parts.archived ?? [])),
    violations: () => from(parts.violations ?? []),
    openDeclarations: () => from(parts.declarations ?? []),
    reviews: () => from(parts.reviews ?? []),
    rightsRequests: () => from(parts.rightsRequests ?? []),
  };
}

/** The text of a row as the document prints it, white space made single. */
function rowText(row: Row): string {
  const text =
    'items' in row
      ? row.items.length
        ? `${row.label} : ${row.items.map((item) => `• ${item}`).join(' ')}`
        : `${row.label} : ${row.empty}`
      : `${row.label} : ${row.value}`;
  return text.replace(/\s+/g, ' ');
}

function missing(text: string, expected: string[]): string[] {
  return expected.filter((piece) => !text.includes(piece));
}

describe('renderDocument', () => {
  it('prints every row of every entry of the dossier, with the page numbers', async () => {
    const active = [treatment(1), treatment(2, { retentionMonths: null, transfers: [], reviews: [] })];
    const archived = [
      treatment(3, {
        status: 'ARCHIVED',
        archivedReason: 'Abandonné',
        archivedAt: NOW,
        reviewState: 'APPROVED',
      }),
    ];
    const violations = [
      violation(1),
      violation(2, {
        risk: 'UNLIKELY',
        cnilNotificationRequired: false,
        cnilNotifiedAt: null,
        status: 'CLOSED',
        closedAt: NOW,
      }),
    ];
    const rendered = await renderDocument(
      context('CNIL_DOSSIER'),
      sources({ active, archived, violations, declarations: [declaration], reviews: [review] }),
    );
    const text = await pdfText(rendered.content);
    const body = bodyText(text);
    const expected = [
      ...[...active, ...archived].flatMap((t) => [
        entryHeadings.treatment(t),
        ...treatmentRows(t).map(rowText),
      ]),
      ...violations.flatMap((v) => [entryHeadings.violation(v), ...violationRows(v, NOW).map(rowText)]),
      entryHeadings.declaration(declaration),
      ...declarationRows(declaration).map(rowText),
      entryHeadings.review(review),
      ...reviewRows(review).map(rowText),
    ];
    expect(missing(body, expected)).toEqual([]);
    // a few rows spelled out, so that the row builders are checked too
    expect(
      missing(body, [
        'Respect du délai de 72 heures : Notifiée à la CNIL en retard, après le délai de 72 heures (8 h de retard)',
        'Respect du délai de 72 heures : Notification à la CNIL non requise (risque improbable)',
        "Transferts hors de l'Union européenne : • Canada — destinataire : Hébergeur œcuménique — garantie : Décision d'adéquation de la Commission européenne",
        'Points de vigilance : • Hébergement hors Union européenne • Réutilisation commerciale des données possible',
        "Justification de l'absence de notification ou d'information : Notification non requise (risque improbable)",
        'Notifiée à la CNIL le : Sans objet (notification non requise)',
        "Durée de conservation : Un an après la fin de l'année scolaire (12 mois)",
        `${entryHeadings.review(review)} ${rowText(reviewRows(review)[0])}`,
      ]),
    ).toEqual([]);
    expect(await pdfPageCount(rendered.content)).toBe(rendered.pageCount);
    pages(text).forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${rendered.pageCount}`));
    expect((await qpdfCheck(rendered.content)).ok).toBe(true);
  });

  it('numbers every page of a long register, and never cuts a long text', async () => {
    const long = (i: number) =>
      `Début ${i} ${Array.from({ length: 320 }, (_, k) => `mot${i}-${k} élève œuf`).join(' ')} fin ${i}.`;
    const active = Array.from({ length: 24 }, (_, i) => treatment(i + 1, { retention: long(i + 1) }));
    const rendered = await renderDocument(context('TREATMENT_REGISTER'), sources({ active }));
    expect(rendered.pageCount).toBeGreaterThan(20);
    const text = await pdfText(rendered.content);
    const pageTexts = pages(text);
    expect(pageTexts).toHaveLength(rendered.pageCount);
    pageTexts.forEach((page, i) => {
      expect(page.match(/Page \d+ \/ \d+/g)).toEqual([`Page ${i + 1} / ${rendered.pageCount}`]);
    });
    const body = bodyText(text);
    expect(
      missing(
        body,
        active.map((t) => `Durée de conservation : ${t.retention}`),
      ),
    ).toEqual([]);
    // some long texts do run over a page break, and arrive whole
    const bodies = pageTexts.map(bodyText);
    const pageOf = (needle: string) => bodies.findIndex((page) => page.includes(needle));
    expect(
      active.filter((_, i) => pageOf(`Début ${i + 1} mot`) !== pageOf(`fin ${i + 1}.`)).length,
    ).toBeGreaterThan(0);
    // the running header names the document and the school from the second page on
    expect(pageTexts[0]).not.toContain(
      'Registre des activités de traitement — Collège Jean-Jaurès — UAI 0310024H',
    );
    expect(pageTexts[1]).toContain(
      'Registre des activités de traitement — Collège Jean-Jaurès — UAI 0310024H',
    );
    expect((await qpdfCheck(rendered.content)).ok).toBe(true);
  });

  it('prints "?" only for characters the embedded font lacks, and nothing garbled', async () => {
    const rendered = await renderDocument(
      context('TREATMENT_REGISTER'),
      sources({ active: [treatment(1, { name: 'Outil 中文 ≥ fin Łódź' })] }),
    );
    const body = bodyText(await pdfText(rendered.content));
    expect(body).toContain('T-001 — Outil ?? ≥ fin Łódź Statut : Actif');
  });

  it('fits a long school name in the running header and footer, and wraps it elsewhere', async () => {
    const long = context('VIOLATION_REGISTER');
    // no hyphenated words here: pdftotext joins a word cut after a hyphen at a line end ("Saint-" /
    // "Exupéry" reads "SaintExupéry"), which says nothing about the document itself
    long.school.name = `Lycée polyvalent ${'Marguerite Yourcenar et Antoine de Saint Exupéry '.repeat(5)}de Toulouse`;
    long.academy.name = `Académie ${'de Toulouse '.repeat(12)}`.trim();
    const rendered = await renderDocument(long, sources({ violations: [violation(1), violation(2)] }));
    const pageTexts = pages(await pdfText(rendered.content));
    expect(pageTexts).toHaveLength(rendered.pageCount);
    expect(rendered.pageCount).toBeGreaterThan(1);
    // the header is shortened with an ellipsis; every page keeps its number
    expect(pageTexts[1]).toMatch(/Registre des violations de données personnelles — Lycée polyvalent .*…/);
    pageTexts.forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${rendered.pageCount}`));
    expect(bodyText(pageTexts[0])).toContain(
      `Établissement : ${long.school.name.replace(/\s+/g, ' ').trim()}`,
    );
    expect(bodyText(pageTexts[0])).toContain('Le registre compte 2 violations (2 ouvertes, 0 clôturée).');
  });

  it('yields to the event loop while it renders', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const active = Array.from({ length: 40 }, (_, i) => treatment(i + 1));
    try {
      await renderDocument(context('TREATMENT_REGISTER'), sources({ active }));
    } finally {
      clearInterval(timer);
    }
    // a render that never yielded would let the timer run at most once
    expect(ticks).toBeGreaterThan(5);
  });

  it('keeps the dossier summary on its first page, written once the counts are known', async () => {
    const rendered = await renderDocument(
      context('CNIL_DOSSIER'),
      sources({ active: Array.from({ length: 5 }, (_, i) => treatment(i + 1)), violations: [violation(1)] }),
    );
    const first = bodyText(pages(await pdfText(rendered.content))[0]);
    expect(first).toContain(
      'Traitements actifs : 5 (dont 5 avec données sensibles, 5 avec AIPD requise, 5 non revus par le DPD)',
    );
    expect(first).toContain('Partie 1 — Registre des activités de traitement : page 2');
    expect(first).not.toContain('T-001 —');
  });
});

describe('RenderPool', () => {
  let pool: RenderPool;
  const full = () => new Error('file pleine');
  afterEach(() => pool?.close());

  it('renders in a worker thread the same document as on the calling thread', async () => {
    pool = new RenderPool(1, 0);
    const parts = {
      active: [treatment(1)],
      violations: [violation(1)],
      declarations: [declaration],
      reviews: [review],
    };
    const inWorker = await pool.render(context('CNIL_DOSSIER'), sources(parts), full);
    expect(pool.workerCount).toBe(1);
    const inThread = await renderDocument(context('CNIL_DOSSIER'), sources(parts));
    expect(inWorker.pageCount).toBe(inThread.pageCount);
    expect(await pdfText(inWorker.content)).toBe(await pdfText(inThread.content));
    expect((await qpdfCheck(inWorker.content)).ok).toBe(true);
  });

  it('hands the entries over in batches, read only when the worker asks for them', async () => {
    pool = new RenderPool(1, 0);
    const askedAt: number[] = [];
    async function* timed(): AsyncIterable<TreatmentEntry> {
      for (let i = 1; i <= 120; i++) {
        askedAt.push(performance.now());
        yield treatment(i);
      }
    }
    const base = sources({});
    const rendered = await pool.render(
      context('TREATMENT_REGISTER'),
      { ...base, treatments: (status) => (status === 'ACTIVE' ? timed() : base.treatments(status)) },
      full,
    );
    expect(askedAt).toHaveLength(120);
    // entries 1–50 are read back to back; the 51st only once the worker has written the first 50
    const gaps = askedAt.slice(1).map((at, i) => at - askedAt[i]);
    const withinBatch = gaps.slice(0, PULL_BATCH - 1).sort((a, b) => a - b);
    const median = withinBatch[Math.floor(withinBatch.length / 2)];
    const betweenBatches = gaps[PULL_BATCH - 1];
    expect(betweenBatches).toBeGreaterThan(20);
    expect(betweenBatches).toBeGreaterThan(20 * median);
    const body = bodyText(await pdfText(rendered.content));
    expect(body).toContain('T-120 — Vie scolaire « Élèves » n°120');
    expect(body).toContain('Le registre compte 120 traitements actifs et 0 traitement archivé (en annexe).');
  });

  it('reads the entries in the context of the render that asked for them, worker reused or not', async () => {
    pool = new RenderPool(1, 0);
    const requestStore = new AsyncLocalStorage<{ user: string }>();
    const seen: string[] = [];
    const recording = (): ExportSources => {
      const base = sources({});
      return {
        ...base,
        violations: async function* () {
          seen.push(requestStore.getStore()?.user ?? 'aucun');
          yield violation(1);
        },
      };
    };
    // the worker starts during the first render and serves the second one
    await requestStore.run({ user: 'première' }, () =>
      pool.render(context('VIOLATION_REGISTER'), recording(), full),
    );
    await requestStore.run({ user: 'seconde' }, () =>
      pool.render(context('VIOLATION_REGISTER'), recording(), full),
    );
    expect(pool.workerCount).toBe(1);
    expect(seen).toEqual(['première', 'seconde']);
  });

  it('fails a render whose entries cannot be read, then renders again with a fresh worker', async () => {
    pool = new RenderPool(1, 0);
    async function* broken(): AsyncIterable<ViolationEntry> {
      yield violation(1);
      throw new Error('connexion perdue');
    }
    await expect(
      pool.render(context('VIOLATION_REGISTER'), { ...sources({}), violations: () => broken() }, full),
    ).rejects.toThrow('connexion perdue');
    const again = await pool.render(
      context('VIOLATION_REGISTER'),
      sources({ violations: [violation(1)] }),
      full,
    );
    expect(again.pageCount).toBeGreaterThan(0);
    expect(pool.workerCount).toBe(1);
  });

  it('renders at most `size` documents at once and refuses beyond the waiting line', async () => {
    pool = new RenderPool(2, 1);
    const many = sources({ active: Array.from({ length: 30 }, (_, i) => treatment(i + 1)) });
    const renders = [1, 2, 3].map(() => pool.render(context('TREATMENT_REGISTER'), many, full));
    await expect(pool.render(context('TREATMENT_REGISTER'), many, full)).rejects.toThrow('file pleine');
    const results = await Promise.all(renders);
    expect(new Set(results.map((r) => r.pageCount)).size).toBe(1);
    expect(pool.workerCount).toBe(2);
    await pool.close();
    expect(pool.workerCount).toBe(0);
    await expect(pool.render(context('TREATMENT_REGISTER'), many, full)).rejects.toThrow('closed');
  });

  it('close() lets the render in progress finish (a graceful stop), then stops its worker', async () => {
    pool = new RenderPool(1, 0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const started = new Promise<void>((resolve) => (asked = resolve));
    async function* slow(): AsyncIterable<TreatmentEntry> {
      asked();
      await gate;
      for (let i = 1; i <= 60; i++) yield treatment(i);
    }
    const base = sources({});
    const order: string[] = [];
    const rendering = pool
      .render(
        context('TREATMENT_REGISTER'),
        { ...base, treatments: (status) => (status === 'ACTIVE' ? slow() : base.treatments(status)) },
        full,
      )
      .then((rendered) => (order.push('rendered'), rendered));
    await started;
    expect(pool.active).toBe(1);
    const closing = pool.close().then(() => order.push('closed'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    release();
    const rendered = await rendering;
    await closing;
    expect(order).toEqual(['rendered', 'closed']);
    expect(bodyText(await pdfText(rendered.content))).toContain('T-060');
    expect(pool.workerCount).toBe(0);
  });
});

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, in order, and refuses beyond the waiting line', async () => {
    const semaphore = new Semaphore(2, 2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        running++;
        peak = Math.max(peak, running);
        releases.push(() => {
          running--;
          resolve(n);
        });
      });
    const full = () => new Error('full');
    const results = [1, 2, 3, 4].map((n) => semaphore.run(task(n), full));
    await expect(semaphore.run(task(5), full)).rejects.toThrow('full');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    expect(semaphore.queued).toBe(2);
    while (releases.length) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
    expect(started).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(semaphore.active).toBe(0);
    // a failing task frees its place
    await expect(semaphore.run(() => Promise.reject(new Error('boom')), full)).rejects.toThrow('boom');
    expect(semaphore.active).toBe(0);
  });
});
