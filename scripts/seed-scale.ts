import 'reflect-metadata';
import * as argon2 from 'argon2';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { chainHash, chainKey } from '../apps/api/src/audit/audit-chain';
import { canonicalJson } from '../apps/api/src/audit/canonical-json';
import { created } from '../apps/api/src/audit/changes';
import { assessRisk, assessToolRisk } from '@app/rules/risk-assessment';
import { normaliseToolName } from '@app/rules/tool-name';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, uaiFor } from '@app/core';
import { runMigrations, startEmbeddedPostgres } from '@app/database';
import { migrations } from '../migrations';
import { RECOUNT_SCHOOL_STATS, SCHOOL_STATS_TRIGGERS } from '../migrations/1764000000400-school-stats';
import { CATALOG_AUDITED_FIELDS } from '../apps/api/src/catalog/catalog.service';
import { DECLARATION_AUDITED_FIELDS } from '../apps/api/src/declarations/declarations.service';
import { REVIEW_AUDITED_FIELDS } from '../apps/api/src/reviews/reviews.service';
import { TREATMENT_AUDITED_FIELDS } from '../apps/api/src/treatments/treatments.service';
import { VIOLATION_AUDITED_FIELDS } from '../apps/api/src/violations/violations.service';

/**
 * `npm run seed:scale`: an académie the size of Toulouse (3,000 schools, 36,000 teachers and heads,
 * 300,000 tool declarations, 100,000 treatments, 6,000 violations, their reviews and audit trail),
 * written in bulk (INSERT … SELECT FROM unnest(…), a few thousand rows per statement), reproducible
 * from --seed. Every audit chain is computed here exactly as AuditedTransactions does, so
 * verifyAuditTrail stays valid and the API continues the chains and the T-/V- numbering.
 *
 *   npm run seed:scale -- [--scale 1] [--seed 20250901] [--anchor 2025-09-01] [--force]
 *
 * --scale multiplies every count (0.01: 30 schools); --anchor fixes "now" of the history (default:
 * today 00:00 UTC; give it for byte-identical reruns); --force wipes a database that already holds
 * schools (every register table, the audit trail included) before seeding.
 */

/** Every seeded account logs in with this password (one argon2id hash, computed once). */
export const SEED_PASSWORD = 'registre-bench-2025';
export const SEED_ACADEMY_CODE = 'TOULOUSE';
export const SEED_DOMAIN = 'ac-toulouse.fr';
export const DPD_EMAIL = `dpd@${SEED_DOMAIN}`;
export const ADMIN_EMAIL = `admin@${SEED_DOMAIN}`;
export const DEFAULT_SEED = 20250901;

/** The académie of Toulouse at scale 1. */
export const FULL_SCALE = {
  schools: 3000,
  staff: 36000,
  declarations: 300000,
  treatments: 100000,
  violations: 6000,
};

export interface SeedOptions {
  databaseUrl: string;
  scale?: number;
  seed?: number;
  force?: boolean;
  /** "now" of the generated history; default today 00:00 UTC */
  anchor?: Date;
  /** schools generated and written per transaction */
  batchSchools?: number;
  /** argon2id memory cost of the shared hash (KiB); default ARGON2_MEMORY_KIB */
  argon2MemoryKib?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  seed: number;
  scale: number;
  anchor: string;
  academyId: string;
  counts: Record<string, number>;
  timings: { step: string; ms: number }[];
  totalMs: number;
}

// ---------------------------------------------------------------- seeded randomness

/** sfc32 seeded through splitmix32: fast, good enough, and the same sequence for the same seed. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  /** [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** [min, max] */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, weight] of entries) {
      x -= weight;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  /** `count` distinct items, in the order of `items` */
  subset<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const n = Math.min(count, items.length);
    while (chosen.size < n) chosen.add(this.int(items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]);
  }
  /** a version-4 UUID from the sequence */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(this.u32());
    const b = hex(this.u32());
    const c = hex(this.u32());
    const d = hex(this.u32());
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

/** Splits `total` into parts proportional to `weights` (largest remainders), each at least `min`. */
export function apportion(total: number, weights: number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const base = Math.min(min, Math.floor(total / n));
  const rest = total - base * n;
  const allZero = weights.every((w) => w <= 0);
  const sum = allZero ? n : weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * (allZero ? 1 : w)) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, x) => s + x, 0);
  // the remainder goes to the largest fractions, never to a part of weight 0 (unless all are)
  const candidates = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .filter(([, i]) => weights[i] > 0 || allZero);
  const order = candidates.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]] += 1;
  return parts.map((x) => x + base);
}

// ---------------------------------------------------------------- what an académie holds

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Kind = 'ECOLE' | 'COLLEGE' | 'LYCEE' | 'LYCEE_PROFESSIONNEL' | 'EREA' | 'OTHER';
const KIND_MIX: [Kind, number][] = [
  ['ECOLE', 75],
  ['COLLEGE', 14],
  ['LYCEE', 6],
  ['LYCEE_PROFESSIONNEL', 3],
  ['EREA', 0.5],
  ['OTHER', 1.5],
];
/** relative size of a school of each kind: staff, register entries, tools */
const KIND_SIZE: Record<Kind, number> = {
  ECOLE: 1,
  COLLEGE: 3,
  LYCEE: 4,
  LYCEE_PROFESSIONNEL: 3.5,
  EREA: 2,
  OTHER: 1,
};
const KIND_LABEL: Record<Kind, string[]> = {
  ECOLE: ['École élémentaire', 'École primaire', 'École maternelle'],
  COLLEGE: ['Collège'],
  LYCEE: ['Lycée', 'Lycée général et technologique'],
  LYCEE_PROFESSIONNEL: ['Lycée professionnel'],
  EREA: ['EREA'],
  OTHER: ['Centre de formation', 'Établissement régional'],
};

/** départements of the académie, their weight, and a few towns each */
const DEPARTMENTS: { code: number; weight: number; towns: string[] }[] = [
  {
    code: 31,
    weight: 40,
    towns: ['Toulouse', 'Colomiers', 'Tournefeuille', 'Muret', 'Blagnac', 'Saint-Gaudens', 'Balma', 'Revel'],
  },
  { code: 81, weight: 12, towns: ['Albi', 'Castres', 'Gaillac', 'Graulhet', 'Lavaur', 'Mazamet'] },
  { code: 82, weight: 8, towns: ['Montauban', 'Castelsarrasin', 'Moissac', 'Caussade'] },
  { code: 12, weight: 9, towns: ['Rodez', 'Millau', 'Villefranche-de-Rouergue', 'Decazeville', 'Espalion'] },
  {
    code: 65,
    weight: 8,
    towns: ['Tarbes', 'Lourdes', 'Bagnères-de-Bigorre', 'Lannemezan', 'Vic-en-Bigorre'],
  },
  { code: 32, weight: 7, towns: ['Auch', 'Condom', 'Fleurance', "L'Isle-Jourdain", 'Eauze'] },
  { code: 46, weight: 6, towns: ['Cahors', 'Figeac', 'Gourdon', 'Souillac', 'Saint-Céré'] },
  { code: 9, weight: 6, towns: ['Foix', 'Pamiers', 'Saint-Girons', 'Lavelanet', 'Mirepoix'] },
];

const PATRONS =
  'Jean-Jaurès|Jules-Ferry|Victor-Hugo|Marie-Curie|Jean-Moulin|Olympe-de-Gouges|Simone-Veil|Germaine-Tillion|Françoise-Dolto|Louise-Michel|Paul-Sabatier|Clémence-Isaure|Pierre-Paul-Riquet|Déodat-de-Séverac|Toulouse-Lautrec|Émile-Zola|Léon-Blum|Condorcet|Jean-Rostand|Antoine-de-Saint-Exupéry|Albert-Camus|George-Sand|Aimé-Césaire|Nelson-Mandela|Rosa-Parks|Les Tilleuls|Les Platanes|Les Chênes|du Château|du Centre|Molière|Jean-de-La-Fontaine|Lucie-Aubrac|Pierre-Bourdieu|Claude-Nougaro|Marcel-Pagnol|Gaston-Fébus|Champollion|Jeanne-d’Arc|Louis-Pasteur'.split(
    '|',
  );

const FIRST_NAMES =
  'Camille Léa Manon Chloé Inès Sarah Julie Émilie Hélène Nathalie Sophie Isabelle Céline Aurélie Thomas Nicolas Julien Maxime Antoine Mathieu Pierre Sébastien Jérôme François Stéphane Karim Yassine Mehdi Anaïs Noémie'.split(
    ' ',
  );
const LAST_NAMES =
  'Martin Bernard Dubois Durand Lefèvre Moreau Laurent Garcia Fournier Rousseau Vidal Fabre Boyer Roux Bonnet Mercier Lambert Faure Andrieu Cazeneuve Delpech Castaing Lacroix Sabatier Bousquet Estève Benhamou Nguyen Ferrand Marty'.split(
    ' ',
  );

interface ToolSpec {
  name: string;
  vendor: string | null;
  url: string | null;
  hosting: 'EU' | 'NON_EU' | 'UNKNOWN';
  country: string | null;
  free: 'YES' | 'NO' | 'UNKNOWN';
  institutional: boolean;
  commercial: 'YES' | 'NO' | 'UNKNOWN';
  data: string[];
  weight: number;
}
/** name | vendor | url | hosting | hosting country | free software | institutional | commercial reuse | data | weight */
const TOOLS: ToolSpec[] = [
  'Pronote|Index Éducation|https://www.index-education.com|EU||NO|0|NO|IDENTITY,SCHOOLING,ASSESSMENT|4',
  'Padlet|Wallwisher Inc.|https://padlet.com|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,IMAGE_VOICE|3',
  'Canva pour l’éducation|Canva|https://www.canva.com|NON_EU|Australie|NO|0|YES|IDENTITY,IMAGE_VOICE|2',
  'Genially|Genially Web SL|https://genial.ly|EU||NO|0|NO|IDENTITY|2',
  'Kahoot!|Kahoot! ASA|https://kahoot.com|EU||NO|0|UNKNOWN|IDENTITY,ASSESSMENT|3',
  'Quizlet|Quizlet Inc.|https://quizlet.com|NON_EU|États-Unis|NO|0|YES|IDENTITY,ASSESSMENT|2',
  'LearningApps|LearningApps.org|https://learningapps.org|EU||NO|0|NO|IDENTITY|2',
  'Plickers|Plickers Inc.|https://plickers.com|NON_EU|États-Unis|NO|0|NO|IDENTITY,ASSESSMENT|1',
  'ClassDojo|ClassDojo Inc.|https://www.classdojo.com|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,SCHOOLING,IMAGE_VOICE|2',
  'Digipad|La Digitale|https://digipad.app|EU||YES|0|NO|IDENTITY|2',
  'Digistorm|La Digitale|https://digistorm.app|EU||YES|0|NO|OTHER|1',
  'La Quizinière|Réseau Canopé|https://www.quiziniere.com|EU||NO|1|NO|IDENTITY,ASSESSMENT|2',
  'Scratch|MIT Media Lab|https://scratch.mit.edu|NON_EU|États-Unis|YES|0|NO|IDENTITY,CONNECTION_DATA|1',
  'Tinkercad|Autodesk|https://www.tinkercad.com|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,CONNECTION_DATA|1',
  'GeoGebra|GeoGebra GmbH|https://www.geogebra.org|EU||UNKNOWN|0|NO|IDENTITY|1',
  'Book Creator|Tools for Schools Ltd|https://bookcreator.com|NON_EU|Royaume-Uni|NO|0|NO|IDENTITY,IMAGE_VOICE|1',
  'Wooclap|Wooclap SA|https://www.wooclap.com|EU||NO|0|NO|IDENTITY,ASSESSMENT|1',
  'Mentimeter|Mentimeter AB|https://www.mentimeter.com|EU||NO|0|NO|OTHER|1',
  'Google Classroom|Google|https://classroom.google.com|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,CONTACT,ASSESSMENT,CONNECTION_DATA|2',
  'Microsoft Teams|Microsoft|https://www.microsoft.com/fr-fr/microsoft-teams|UNKNOWN||NO|0|UNKNOWN|IDENTITY,CONTACT,CONNECTION_DATA|1',
  'Zoom|Zoom Video Communications|https://zoom.us|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,IMAGE_VOICE,CONNECTION_DATA|1',
  'Beneylu School|Beneylu|https://beneylu.com|EU||NO|0|NO|IDENTITY,CONTACT,SCHOOLING|2',
  'ENT Occitanie|Région Occitanie|https://lycees.entmip.fr|EU||NO|1|NO|IDENTITY,CONTACT,SCHOOLING|2',
  'Lalilo|Renaissance Learning|https://www.lalilo.com|UNKNOWN||NO|0|UNKNOWN|IDENTITY,ASSESSMENT,IMAGE_VOICE|2',
  'Pix|GIP Pix|https://pix.fr|EU||YES|1|NO|IDENTITY,ASSESSMENT|2',
  'Capytale|Ministère de l’Éducation nationale|https://capytale2.ac-paris.fr|EU||YES|1|NO|IDENTITY|1',
  'Éléa|apps.education.fr|https://communaute.elea.apps.education.fr|EU||YES|1|NO|IDENTITY,ASSESSMENT,CONNECTION_DATA|1',
  'PeerTube|apps.education.fr|https://tube.apps.education.fr|EU||YES|1|NO|IMAGE_VOICE|1',
  'Nextcloud|apps.education.fr|https://nuage.apps.education.fr|EU||YES|1|NO|IDENTITY,OTHER|1',
  'Classe virtuelle|apps.education.fr|https://visio-agents.education.fr|EU||YES|1|NO|IDENTITY,IMAGE_VOICE|1',
  'Vocaroo|||UNKNOWN||NO|0|UNKNOWN|IMAGE_VOICE|1',
  'Edpuzzle|Edpuzzle Inc.|https://edpuzzle.com|NON_EU|États-Unis|NO|0|NO|IDENTITY,ASSESSMENT|1',
  'Seesaw|Seesaw Learning|https://web.seesaw.me|NON_EU|États-Unis|NO|0|UNKNOWN|IDENTITY,IMAGE_VOICE,ASSESSMENT|1',
  'Toute mon année|Toute mon année SAS|https://www.toutemonannee.com|EU||NO|0|NO|IDENTITY,IMAGE_VOICE,CONTACT|1',
  'Lumni|France Télévisions|https://www.lumni.fr|EU||NO|1|NO|OTHER|1',
  'Calcul@TICE|Académie de Lille|https://calculatice.ac-lille.fr|EU||YES|1|NO|IDENTITY,ASSESSMENT|1',
  'ChatGPT|OpenAI|https://chatgpt.com|NON_EU|États-Unis|NO|0|YES|IDENTITY,ASSESSMENT,OTHER|1',
  'Khan Academy|Khan Academy Inc.|https://fr.khanacademy.org|NON_EU|États-Unis|NO|0|NO|IDENTITY,ASSESSMENT|1',
  'Duolingo for Schools|Duolingo Inc.|https://schools.duolingo.com|NON_EU|États-Unis|NO|0|YES|IDENTITY,ASSESSMENT,IMAGE_VOICE|1',
  'Application de suivi des PAI|||UNKNOWN||UNKNOWN|0|UNKNOWN|IDENTITY,HEALTH|0.5',
].map((line): ToolSpec => {
  const [name, vendor, url, hosting, country, free, institutional, commercial, data, weight] =
    line.split('|');
  return {
    name,
    vendor: vendor || null,
    url: url || null,
    hosting: hosting as ToolSpec['hosting'],
    country: country || null,
    free: free as ToolSpec['free'],
    institutional: institutional === '1',
    commercial: commercial as ToolSpec['commercial'],
    data: data.split(','),
    weight: Number(weight),
  };
});

/** An entry of the académie's catalogue, as the DPD left it (the columns of catalog_tool). */
interface CatalogSeed {
  id: string;
  academyId: string;
  name: string;
  aliases: string[];
  vendor: string | null;
  url: string | null;
  description: string | null;
  dataCategories: string[];
  hosting: ToolSpec['hosting'];
  hostingCountry: string | null;
  freeSoftware: ToolSpec['free'];
  institutional: boolean;
  commercialReuse: ToolSpec['commercial'];
  retentionMonths: number | null;
  securityMeasures: string | null;
  opinion: 'PENDING' | 'RECOMMENDED' | 'ALLOWED_WITH_CONDITIONS' | 'DISCOURAGED' | 'FORBIDDEN';
  conditions: string | null;
  alternativeIds: string[];
  riskFlags: string[];
  riskLevel: string;
  reviewedById: string | null;
  reviewedAt: Date | null;
}

/**
 * The académie's catalogue (RULES.md, "Catalogue"): the DPD reviewed most of TOOLS before the history
 * starts, so that every later declaration of a catalogued name is linked to its entry, its facts the
 * entry's. The opinion follows what a DPD would say of the tool's facts: institutional, recommended;
 * hosting unknown, still under review; outside the EU, discouraged, or forbidden when the vendor
 * reuses the data; in the EU, allowed with conditions when pupils' voices, images or marks go in.
 * A fifth of the tools (and the rarest) stay out: the DPD's candidates. Its own generator, so that
 * the registers' sequence is the same with or without it.
 */
function seedCatalogue(seed: number, academyId: string, dpdId: string, at: Date): CatalogSeed[] {
  const rng = new Rng(hashSeed(`catalogue:${seed}`));
  const entries: CatalogSeed[] = [];
  for (const spec of TOOLS) {
    const kept = spec.weight >= 1 && rng.chance(0.8);
    const id = rng.uuid();
    if (!kept) continue;
    const opinion: CatalogSeed['opinion'] = spec.institutional
      ? 'RECOMMENDED'
      : spec.hosting === 'UNKNOWN'
        ? 'PENDING'
        : spec.hosting === 'NON_EU'
          ? spec.commercial === 'YES'
            ? 'FORBIDDEN'
            : 'DISCOURAGED'
          : spec.data.some((c) => c === 'IMAGE_VOICE' || c === 'ASSESSMENT')
            ? 'ALLOWED_WITH_CONDITIONS'
            : 'RECOMMENDED';
    const conditions = {
      PENDING: null,
      RECOMMENDED: null,
      ALLOWED_WITH_CONDITIONS:
        'Comptes élèves pseudonymes, familles informées, données effacées en fin d’année.',
      DISCOURAGED: 'Hébergement hors de l’Union européenne : préférer une alternative de l’académie.',
      FORBIDDEN: 'Réutilisation commerciale des données des élèves : outil interdit dans les établissements.',
    }[opinion];
    const facts = {
      hosting: spec.hosting,
      commercialReuse: spec.commercial,
      dataCategories: spec.data,
      retentionMonths: null,
      freeSoftware: spec.free,
      institutional: spec.institutional,
    };
    const risk = assessToolRisk({ ...facts, catalogOpinion: opinion });
    entries.push({
      id,
      academyId,
      name: spec.name,
      aliases: [],
      vendor: spec.vendor,
      url: spec.url,
      description: null,
      ...facts,
      hostingCountry: spec.hosting === 'NON_EU' ? spec.country : null,
      securityMeasures: null,
      opinion,
      conditions,
      alternativeIds: [],
      riskFlags: risk.flags as string[],
      riskLevel: risk.level as string,
      reviewedById: opinion === 'PENDING' ? null : dpdId,
      reviewedAt: opinion === 'PENDING' ? null : at,
    });
  }
  // the DPD's alternatives to a warned tool: the recommended institutional ones
  const institutional = entries
    .filter((e) => e.opinion === 'RECOMMENDED' && e.institutional)
    .map((e) => e.id);
  for (const entry of entries) {
    if (entry.opinion === 'DISCOURAGED' || entry.opinion === 'FORBIDDEN')
      entry.alternativeIds = institutional.slice(0, 3);
  }
  return entries;
}

const TOOL_PURPOSES = [
  'Quiz de révision en classe',
  'Mur collaboratif pour un projet de classe',
  'Évaluation formative des acquis',
  'Création de livres numériques par les élèves',
  'Enregistrement de lectures à voix haute',
  'Partage de documents avec les familles',
  'Exercices de calcul mental',
  'Initiation à la programmation',
  'Correspondance scolaire avec une classe étrangère',
  'Suivi des devoirs à la maison',
  'Présentation orale filmée',
  'Entraînement à la compréhension orale en langues vivantes',
];
const LEVELS_PRIMARY = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'GS', 'MS'];
const LEVELS_SECONDARY = ['6e', '5e', '4e', '3e', '2de', '1re', 'Tle'];

interface TreatmentTemplate {
  name: string;
  purposes: string[];
  legalBasis: string;
  subjects: string[];
  data: string[];
  recipients: string[];
  processors: string[];
  transfers: { country: string; recipient: string; safeguard: string }[];
  retention: string;
  retentionMonths: number | null;
  security: string[];
  dpia: boolean;
}
const t = (
  name: string,
  purposes: string[],
  legalBasis: string,
  subjects: string[],
  data: string[],
  extra: Partial<TreatmentTemplate> = {},
): TreatmentTemplate => ({
  name,
  purposes,
  legalBasis,
  subjects,
  data,
  recipients: extra.recipients ?? ['Équipe de direction'],
  processors: extra.processors ?? [],
  transfers: extra.transfers ?? [],
  retention: extra.retention ?? "Jusqu'à la fin de l'année scolaire suivante",
  retentionMonths: extra.retentionMonths === undefined ? 24 : extra.retentionMonths,
  security: extra.security ?? ['Accès par identifiant et mot de passe', 'Habilitations par profil'],
  dpia: extra.dpia ?? false,
});

const TREATMENT_TEMPLATES: TreatmentTemplate[] = [
  t(
    'Gestion de la vie scolaire',
    ['Suivi des absences et des retards', 'Gestion des punitions et sanctions'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'SCHOOLING'],
    { recipients: ['Équipe de direction', 'CPE', 'Professeurs principaux'], processors: ['Index Éducation'] },
  ),
  t(
    'Évaluation des compétences des élèves',
    ['Évaluation et suivi des acquis', 'Édition des bulletins'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
    { recipients: ['Professeurs', 'Familles'] },
  ),
  t(
    'Restauration scolaire',
    ['Inscription à la cantine', 'Facturation des repas'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'FINANCIAL', 'HEALTH'],
    {
      recipients: ['Gestionnaire', 'Prestataire de restauration'],
      retention: 'Cinq ans après la fin de la scolarité',
      retentionMonths: 60,
    },
  ),
  t(
    "Projets d'accueil individualisé (PAI)",
    ['Prise en charge des élèves atteints de troubles de santé'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS', 'STAFF'],
    ['IDENTITY', 'CONTACT', 'HEALTH'],
    { recipients: ['Médecin scolaire', 'Infirmier', 'Équipe pédagogique'], dpia: true },
  ),
  t(
    'Sorties et voyages scolaires',
    ['Organisation des sorties', 'Recueil des autorisations parentales'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'HEALTH', 'FINANCIAL'],
    { retention: "Fin de l'année scolaire", retentionMonths: 12 },
  ),
  t(
    "Droit à l'image des élèves",
    ['Publication de photographies sur le site de l’établissement'],
    'CONSENT',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'IMAGE_VOICE'],
    { retention: 'Durée de la scolarité', retentionMonths: 48 },
  ),
  t(
    'Espace numérique de travail',
    ['Cahier de textes', 'Messagerie', 'Partage de documents'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS', 'STAFF'],
    ['IDENTITY', 'CONTACT', 'CONNECTION_DATA', 'SCHOOLING'],
    { processors: ['Région Occitanie'] },
  ),
  t(
    'Orientation et affectation',
    ['Procédure d’orientation', 'Affectation après la 3e et Parcoursup'],
    'LEGAL_OBLIGATION',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'SCHOOLING', 'ASSESSMENT'],
    { recipients: ['Services académiques', 'Psychologue de l’Éducation nationale'] },
  ),
  t(
    'Bourses et fonds sociaux',
    ['Instruction des demandes de bourse', 'Attribution des aides du fonds social'],
    'LEGAL_OBLIGATION',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'FINANCIAL'],
    {
      recipients: ['Gestionnaire', 'Assistant de service social'],
      retention: 'Dix ans (pièces comptables)',
      retentionMonths: 120,
    },
  ),
  t(
    'Vidéoprotection des abords',
    ['Sécurité des biens et des personnes'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'STAFF', 'OTHER'],
    ['IMAGE_VOICE', 'LOCATION'],
    {
      retention: 'Trente jours',
      retentionMonths: 1,
      security: ['Accès restreint au chef d’établissement', 'Journalisation des consultations'],
    },
  ),
  t(
    'Contrôle d’accès au self par badge',
    ['Accès au service de restauration'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'STAFF'],
    ['IDENTITY', 'CONNECTION_DATA'],
    { processors: ['Turbo-Self'] },
  ),
  t(
    'Gestion des personnels de l’établissement',
    ['Emplois du temps', 'Suivi des absences des personnels'],
    'LEGAL_OBLIGATION',
    ['STAFF'],
    ['IDENTITY', 'CONTACT'],
    { retention: 'Durée de l’affectation', retentionMonths: null },
  ),
  t(
    'Liste de diffusion des parents d’élèves',
    ['Information des familles'],
    'CONSENT',
    ['PARENTS'],
    ['IDENTITY', 'CONTACT'],
    { retention: 'Durée de la scolarité', retentionMonths: 48 },
  ),
  t(
    'Élections des représentants de parents',
    ['Organisation du scrutin'],
    'LEGAL_OBLIGATION',
    ['PARENTS'],
    ['IDENTITY', 'CONTACT'],
    { retention: 'Un an après le scrutin', retentionMonths: 12 },
  ),
  t(
    'Accompagnement des élèves en situation de handicap',
    ['Mise en œuvre des projets personnalisés de scolarisation'],
    'LEGAL_OBLIGATION',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'SCHOOLING', 'HEALTH'],
    { recipients: ['Enseignant référent', 'AESH'], dpia: true },
  ),
  t(
    'Évaluations nationales',
    ['Passation des évaluations nationales', 'Restitution des résultats aux familles'],
    'LEGAL_OBLIGATION',
    ['STUDENTS'],
    ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
    { recipients: ['DEPP'], processors: ['Ministère de l’Éducation nationale'] },
  ),
  t(
    'Certification des compétences numériques',
    ['Évaluation et certification Pix'],
    'PUBLIC_INTEREST',
    ['STUDENTS'],
    ['IDENTITY', 'ASSESSMENT'],
    { processors: ['GIP Pix'] },
  ),
  t(
    'Stages et périodes de formation en milieu professionnel',
    ['Conventions de stage', 'Suivi des élèves en entreprise'],
    'CONTRACT',
    ['STUDENTS', 'PARENTS', 'OTHER'],
    ['IDENTITY', 'CONTACT', 'SCHOOLING'],
  ),
  t(
    'Infirmerie scolaire',
    ['Registre des passages à l’infirmerie', 'Soins et urgences'],
    'VITAL_INTERESTS',
    ['STUDENTS'],
    ['IDENTITY', 'HEALTH'],
    { recipients: ['Infirmier'], dpia: true, retention: 'Durée de la scolarité', retentionMonths: 48 },
  ),
  t(
    'Centre de documentation et d’information',
    ['Prêt d’ouvrages'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'STAFF'],
    ['IDENTITY', 'SCHOOLING'],
    { processors: ['BCDI'] },
  ),
  t(
    'Conseils de classe et livret scolaire',
    ['Préparation des conseils de classe', 'Évaluation des élèves et appréciations'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
  ),
  t(
    'Accompagnement personnalisé',
    ['Aide aux devoirs', 'Soutien scolaire'],
    'PUBLIC_INTEREST',
    ['STUDENTS'],
    ['IDENTITY', 'SCHOOLING'],
  ),
  t(
    'Association sportive',
    ['Licences UNSS', 'Organisation des compétitions'],
    'CONSENT',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'HEALTH'],
    { recipients: ['UNSS'] },
  ),
  t(
    'Transports scolaires',
    ['Inscription aux transports', 'Titres de transport'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'LOCATION'],
    { recipients: ['Région Occitanie'] },
  ),
  t(
    'Internat',
    ['Admission à l’internat', 'Suivi des internes'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'HEALTH', 'FINANCIAL'],
  ),
  t(
    'Protection de l’enfance',
    ['Transmission des informations préoccupantes'],
    'LEGAL_OBLIGATION',
    ['STUDENTS', 'PARENTS'],
    ['IDENTITY', 'CONTACT', 'OTHER_SENSITIVE'],
    {
      recipients: ['Cellule départementale (CRIP)'],
      dpia: true,
      retentionMonths: null,
      retention: 'Selon les instructions de la CRIP',
    },
  ),
  t(
    'Enseignement à distance',
    ['Classes virtuelles', 'Continuité pédagogique'],
    'PUBLIC_INTEREST',
    ['STUDENTS', 'STAFF'],
    ['IDENTITY', 'IMAGE_VOICE', 'CONNECTION_DATA'],
  ),
  t(
    'Plan particulier de mise en sûreté',
    ['Exercices d’évacuation et de confinement'],
    'LEGAL_OBLIGATION',
    ['STUDENTS', 'STAFF'],
    ['IDENTITY', 'CONTACT'],
    { retentionMonths: 12, retention: "Fin de l'année scolaire" },
  ),
];
const TEMPLATE_VARIANTS = [
  'site annexe',
  'section sportive',
  'SEGPA',
  'ULIS',
  'classes préparatoires',
  'section européenne',
  'BTS',
  'dispositif relais',
  'cycle 3',
  'périscolaire',
];

const VIOLATION_KINDS: {
  type: string;
  natures: string[];
  titles: string[];
  data: string[];
}[] = [
  {
    type: 'PASSWORD_MISUSE',
    natures: ['CONFIDENTIALITY'],
    titles: [
      'Identifiants de l’ENT communiqués à un tiers',
      'Mot de passe Pronote d’un professeur utilisé par un élève',
    ],
    data: ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
  },
  {
    type: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY', 'AVAILABILITY'],
    titles: [
      'Vol d’un ordinateur portable en salle des professeurs',
      'Perte d’une clé USB contenant des bulletins',
    ],
    data: ['IDENTITY', 'ASSESSMENT'],
  },
  {
    type: 'INTRUSION',
    natures: ['CONFIDENTIALITY', 'INTEGRITY'],
    titles: ['Intrusion dans le serveur pédagogique'],
    data: ['IDENTITY', 'CONNECTION_DATA'],
  },
  {
    type: 'RESOURCE_USURPATION',
    natures: ['CONFIDENTIALITY'],
    titles: ['Usurpation de la messagerie du secrétariat'],
    data: ['IDENTITY', 'CONTACT'],
  },
  {
    type: 'SERVICE_DISRUPTION',
    natures: ['AVAILABILITY'],
    titles: ['Panne prolongée du serveur de vie scolaire'],
    data: ['SCHOOLING'],
  },
  {
    type: 'DATA_DISCLOSURE',
    natures: ['CONFIDENTIALITY'],
    titles: [
      'Résultats d’une classe envoyés à la mauvaise liste de diffusion',
      'Liste d’élèves boursiers affichée dans le hall',
    ],
    data: ['IDENTITY', 'FINANCIAL', 'ASSESSMENT'],
  },
  {
    type: 'POLICY_BREACH',
    natures: ['CONFIDENTIALITY'],
    titles: ['Photos d’élèves publiées sans autorisation', 'Dossier médical laissé sans surveillance'],
    data: ['IDENTITY', 'IMAGE_VOICE', 'HEALTH'],
  },
  {
    type: 'ILLEGAL_DOWNLOAD',
    natures: ['INTEGRITY'],
    titles: ['Téléchargement illégal depuis le réseau de l’établissement'],
    data: ['CONNECTION_DATA'],
  },
  {
    type: 'MALWARE',
    natures: ['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY'],
    titles: ['Rançongiciel sur un poste administratif', 'Logiciel malveillant installé après un hameçonnage'],
    data: ['IDENTITY', 'CONTACT', 'FINANCIAL'],
  },
  {
    type: 'OTHER',
    natures: ['CONFIDENTIALITY'],
    titles: ['Dossiers d’élèves retrouvés dans une benne'],
    data: ['IDENTITY', 'SCHOOLING', 'HEALTH'],
  },
];

// ---------------------------------------------------------------- rows

const SENSITIVE = ['HEALTH', 'OTHER_SENSITIVE'];
const hasSensitive = (data: readonly string[]) => data.some((c) => SENSITIVE.includes(c));

interface SchoolRow {
  id: string;
  uai: string;
  name: string;
  kind: Kind;
  city: string;
  createdAt: Date;
}
interface UserRow {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  grants: { role: 'TEACHER' | 'HEAD' | 'DPD' | 'ADMIN'; schoolId: string | null }[];
}
interface PendingEvent {
  at: Date;
  actorId: string | null;
  action: 'CREATE' | 'UPDATE' | 'TRANSITION' | 'REVIEW' | 'EXPORT';
  entityType: string;
  entityId: string;
  schoolId: string | null;
  changes: Record<string, unknown>;
  /** tie-break for events of the same instant */
  order: number;
}

type ColumnType = 'uuid' | 'text' | 'int' | 'bigint' | 'bool' | 'timestamptz' | 'text[]' | 'uuid[]' | 'jsonb';

const isArray = (type: ColumnType) => type === 'text[]' || type === 'uuid[]';

/** `{"a","b"}`: an array literal, passed as text and cast in SQL (unnest cannot take an array of arrays). */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

class Table {
  readonly rows: unknown[][] = [];
  constructor(
    readonly name: string,
    readonly columns: readonly (readonly [string, ColumnType])[],
  ) {}
  add(...values: unknown[]): void {
    this.rows.push(values);
  }
}

/** INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …): one array parameter per column. */
async function bulkInsert(client: Client, table: Table, chunk = 4000): Promise<void> {
  const names = table.columns.map(([name]) => `"${name}"`);
  const params = table.columns.map(([, type], i) => {
    const base = isArray(type) || type === 'jsonb' ? 'text' : type;
    return `$${i + 1}::${base}[]`;
  });
  const selects = table.columns.map(([name, type]) =>
    isArray(type) ? `x."${name}"::${type}` : type === 'jsonb' ? `x."${name}"::jsonb` : `x."${name}"`,
  );
  const sql = `INSERT INTO ${table.name} (${names.join(', ')})
    SELECT ${selects.join(', ')} FROM unnest(${params.join(', ')}) AS x(${names.join(', ')})`;
  for (let start = 0; start < table.rows.length; start += chunk) {
    const rows = table.rows.slice(start, start + chunk);
    const values = table.columns.map(([, type], i) =>
      rows.map((row) => {
        const value = row[i];
        if (value === null || value === undefined) return null;
        if (isArray(type)) return arrayLiteral(value as string[]);
        if (type === 'jsonb') return JSON.stringify(value);
        if (value instanceof Date) return value.toISOString();
        return value;
      }),
    );
    await client.query(sql, values);
  }
  table.rows.length = 0;
}

const stripAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const clampPast = (date: number, anchor: number) => new Date(Math.min(date, anchor - 60_000));

// ---------------------------------------------------------------- the seed

export async function seedScale(options: SeedOptions): Promise<SeedSummary> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? ((message: string) => console.log(message));
  const anchorDate = options.anchor ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z');
  const anchor = anchorDate.getTime();
  const batchSchools = options.batchSchools ?? 100;
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be in ]0, 10] (got ${scale})`);
  const rng = new Rng(seed);
  const timings: { step: string; ms: number }[] = [];
  const started = Date.now();
  let stepStarted = Date.now();
  const step = (name: string) => {
    const ms = Date.now() - stepStarted;
    timings.push({ step: name, ms });
    log(`  ${name.padEnd(46)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
    stepStarted = Date.now();
  };

  const client = new Client({
    connectionString: options.databaseUrl,
    application_name: 'registre-seed-scale',
  });
  await client.connect();
  try {
    // (no `synchronous_commit = off`: it would spare one flush, at the commit, and the VACUUM right
    // after it could then not mark the pages all-visible: a row's commit must be on disk before its
    // hint bit is set, so an index-only count would read the heap until autovacuum came by)
    await client.query("SET maintenance_work_mem TO '256MB'");
    // One transaction: an interrupted seed leaves the database as it was (indexes included).
    await client.query('BEGIN');
    const [{ schools: existing }] = (await client.query('SELECT count(*)::int AS schools FROM school')).rows;
    if (existing > 0) {
      if (!options.force) {
        throw new Error(
          `The database already holds ${existing} schools: seed:scale refuses to add an académie to it. ` +
            'Use --force to wipe it first (every register table and the audit trail), or another database.',
        );
      }
      await wipe(client);
      step('wipe (--force, in the same transaction)');
    }

    const target = {
      schools: Math.max(3, Math.round(FULL_SCALE.schools * scale)),
      staff: Math.round(FULL_SCALE.staff * scale),
      declarations: Math.round(FULL_SCALE.declarations * scale),
      treatments: Math.round(FULL_SCALE.treatments * scale),
      violations: Math.round(FULL_SCALE.violations * scale),
    };
    log(
      `seed:scale: scale ${scale}, seed ${seed}, anchor ${anchorDate.toISOString()}: ` +
        `${target.schools} schools, ${target.staff} staff, ${target.declarations} declarations, ` +
        `${target.treatments} treatments, ${target.violations} violations`,
    );

    const deferredIndexes = await dropSecondaryIndexes(client);
    // the dashboard's per-school counters are recounted once at the end rather than kept row by row
    await setSchoolStatsTriggers(client, 'DISABLE');

    const passwordHash = await argon2.hash(SEED_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: options.argon2MemoryKib ?? loadEnvironment().ARGON2_MEMORY_KIB,
    });
    step('password hash (argon2id, once)');

    // ---- academy, schools, people
    const historyStart = anchor - 3 * 365 * DAY;
    const academyId = rng.uuid();
    const academyCreated = new Date(historyStart - 60 * DAY);
    const academy = {
      code: SEED_ACADEMY_CODE,
      name: 'Académie de Toulouse',
      dpoName: 'Délégation académique à la protection des données',
      dpoEmail: DPD_EMAIL,
      rssiEmail: `rssi@${SEED_DOMAIN}`,
    };
    await client.query(
      `INSERT INTO academy (id, code, name, dpo_name, dpo_email, rssi_email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        academyId,
        academy.code,
        academy.name,
        academy.dpoName,
        academy.dpoEmail,
        academy.rssiEmail,
        academyCreated,
      ],
    );

    const schools: SchoolRow[] = [];
    const perDepartment = new Map<number, number>();
    const usedNames = new Set<string>();
    for (let i = 0; i < target.schools; i++) {
      const kind: Kind = i === 0 ? 'LYCEE' : i === 1 ? 'COLLEGE' : rng.weighted(KIND_MIX);
      const department =
        i < 2 ? DEPARTMENTS[0] : rng.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
      const k = (perDepartment.get(department.code) ?? 0) + 1;
      perDepartment.set(department.code, k);
      const city = i < 2 ? 'Toulouse' : rng.pick(department.towns);
      let name =
        i === 0
          ? 'Lycée Pierre-de-Fermat'
          : i === 1
            ? 'Collège Clémence-Isaure'
            : `${rng.pick(KIND_LABEL[kind])} ${rng.pick(PATRONS)}`;
      if (usedNames.has(`${name}|${city}`)) name = `${name} ${rng.range(2, 9)}`;
      usedNames.add(`${name}|${city}`);
      schools.push({
        id: rng.uuid(),
        // 0310000 + k: a département's prefix, then a number; uaiFor adds the check letter
        uai: uaiFor(department.code * 10_000 + 1000 + k),
        name,
        kind,
        city,
        createdAt: new Date(historyStart - 30 * DAY + i * 1000),
      });
    }
    const schoolTable = new Table('school', [
      ['id', 'uuid'],
      ['academy_id', 'uuid'],
      ['uai', 'text'],
      ['name', 'text'],
      ['kind', 'text'],
      ['city', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]);
    for (const s of schools)
      schoolTable.add(s.id, academyId, s.uai, s.name, s.kind, s.city, s.createdAt, s.createdAt);
    await bulkInsert(client, schoolTable);
    step(`schools (${schools.length})`);

    // heads: one per school, a deputy in a third of the secondary schools; the rest are teachers
    const users: UserRow[] = [];
    const headsOf: string[][] = schools.map(() => []);
    const teachersOf: string[][] = schools.map(() => []);
    const usedEmails = new Set<string>();
    const person = (createdAt: Date, emailLocal?: string): UserRow => {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      let local = emailLocal ?? `${stripAccents(first)}.${stripAccents(last)}`;
      if (usedEmails.has(local)) local = `${local}${users.length}`;
      usedEmails.add(local);
      return {
        id: rng.uuid(),
        email: `${local}@${SEED_DOMAIN}`,
        displayName: `${first} ${last}`,
        createdAt,
        grants: [],
      };
    };
    const staffStart = historyStart - 20 * DAY;
    const dpd = person(new Date(staffStart - DAY), 'dpd');
    dpd.displayName = 'Délégué à la protection des données';
    dpd.grants.push({ role: 'DPD', schoolId: null });
    const admin = person(new Date(staffStart - DAY + 1000), 'admin');
    admin.displayName = 'Administrateur du registre';
    admin.grants.push({ role: 'ADMIN', schoolId: null });
    users.push(dpd, admin);
    schools.forEach((s, i) => {
      const head = person(new Date(staffStart + i * 2000), `ce.${s.uai.toLowerCase()}`);
      head.grants.push({ role: 'HEAD', schoolId: s.id });
      headsOf[i].push(head.id);
      users.push(head);
      if (s.kind !== 'ECOLE' && rng.chance(0.35)) {
        const deputy = person(new Date(staffStart + i * 2000 + 1000), `adjoint.${s.uai.toLowerCase()}`);
        deputy.grants.push({ role: 'HEAD', schoolId: s.id });
        headsOf[i].push(deputy.id);
        users.push(deputy);
      }
    });
    const heads = users.length - 2;
    const teacherCount = Math.max(schools.length, target.staff - heads);
    const schoolSize = schools.map((s) => KIND_SIZE[s.kind] * (0.5 + rng.next()));
    const teachersPerSchool = apportion(teacherCount, schoolSize, 1);
    let teacherClock = staffStart + schools.length * 2000;
    schools.forEach((s, i) => {
      for (let k = 0; k < teachersPerSchool[i]; k++) {
        const teacher = person(new Date((teacherClock += 1000)));
        teacher.grants.push({ role: 'TEACHER', schoolId: s.id });
        teachersOf[i].push(teacher.id);
        // some teach in two schools
        if (schools.length > 1 && rng.chance(0.05)) {
          const j = rng.int(schools.length);
          if (j !== i) {
            teacher.grants.push({ role: 'TEACHER', schoolId: schools[j].id });
            teachersOf[j].push(teacher.id);
          }
        }
        users.push(teacher);
      }
    });
    const userTable = new Table('app_user', [
      ['id', 'uuid'],
      ['academy_id', 'uuid'],
      ['email', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]);
    const grantTable = new Table('role_grant', [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['role', 'text'],
      ['school_id', 'uuid'],
      ['created_at', 'timestamptz'],
    ]);
    for (const u of users) {
      userTable.add(u.id, academyId, u.email, u.displayName, passwordHash, u.createdAt, u.createdAt);
      for (const g of u.grants) grantTable.add(rng.uuid(), u.id, g.role, g.schoolId, u.createdAt);
    }
    const grantCount = grantTable.rows.length;
    await bulkInsert(client, userTable);
    await bulkInsert(client, grantTable);
    step(`users (${users.length}: ${heads} heads, ${users.length - heads - 2} teachers) and grants`);

    // ---- the académie's catalogue, reviewed by the DPD before the history starts
    const catalogueAt = new Date(historyStart - 10 * DAY);
    const catalogue = seedCatalogue(seed, academyId, dpd.id, catalogueAt);
    const catalogueByName = new Map(catalogue.map((entry) => [entry.name, entry]));
    const catalogTable = catalogTables();
    for (const e of catalogue) {
      catalogTable.tool.add(
        e.id,
        e.academyId,
        e.name,
        e.aliases,
        e.vendor,
        e.url,
        e.description,
        e.dataCategories,
        e.hosting,
        e.hostingCountry,
        e.freeSoftware,
        e.institutional,
        e.commercialReuse,
        e.retentionMonths,
        e.securityMeasures,
        e.opinion,
        e.conditions,
        e.alternativeIds,
        e.riskFlags,
        e.riskLevel,
        e.reviewedById,
        e.reviewedAt,
        catalogueAt,
        catalogueAt,
      );
      for (const name of [e.name, ...e.aliases])
        catalogTable.name.add(academyId, normaliseToolName(name), e.id);
    }
    await bulkInsert(client, catalogTable.tool);
    await bulkInsert(client, catalogTable.name);
    step(`catalogue (${catalogue.length} entries)`);

    // the academy's chain: the académie, then every account, as the API would have written them
    const academyEvents: PendingEvent[] = [
      {
        at: academyCreated,
        actorId: null,
        action: 'CREATE',
        entityType: 'Academy',
        entityId: academyId,
        schoolId: null,
        changes: created(academy, ['code', 'name', 'dpoName', 'dpoEmail', 'rssiEmail']),
        order: 0,
      },
      ...users.map((u, i): PendingEvent => ({
        at: u.createdAt,
        actorId: null,
        action: 'CREATE',
        entityType: 'User',
        entityId: u.id,
        schoolId: null,
        changes: {
          ...created({ email: u.email, displayName: u.displayName, academyId, active: true }, [
            'email',
            'displayName',
            'academyId',
            'active',
          ]),
          grants: [null, u.grants.map((g) => (g.schoolId ? `${g.role}@${g.schoolId}` : g.role)).sort()],
        },
        order: i + 1,
      })),
      ...catalogue.map((entry, i): PendingEvent => ({
        at: catalogueAt,
        actorId: dpd.id,
        action: 'CREATE',
        entityType: 'CatalogTool',
        entityId: entry.id,
        schoolId: null,
        changes: created(entry, CATALOG_AUDITED_FIELDS as (keyof CatalogSeed)[]),
        order: users.length + 1 + i,
      })),
    ];
    const eventTable = auditTable();
    let eventCount = chainEvents(eventTable, academyEvents, null, academyId);
    await bulkInsert(client, eventTable);
    step(`academy audit chain (${academyEvents.length} events)`);

    // ---- the registers, school by school
    const treatmentWeights = schools.map((s, i) =>
      i < 2 ? 0 : s.kind === 'ECOLE' && rng.chance(0.04) ? 0 : schoolSize[i] * (0.5 + rng.next()),
    );
    const designatedTreatments = [
      Math.min(100, Math.floor(target.treatments * 0.3)),
      Math.min(50, Math.floor(target.treatments * 0.15)),
    ];
    const treatmentsPerSchool = apportion(
      target.treatments - designatedTreatments[0] - designatedTreatments[1],
      treatmentWeights,
    );
    treatmentsPerSchool[0] = designatedTreatments[0];
    treatmentsPerSchool[1] = designatedTreatments[1];
    const declarationsPerSchool = apportion(
      target.declarations,
      schools.map((_, i) => teachersOf[i].length * (0.6 + 0.8 * rng.next())),
    );
    const designatedViolations = Math.min(20, Math.floor(target.violations * 0.3));
    const violationsPerSchool = apportion(
      target.violations - designatedViolations,
      schools.map((s, i) => (i === 0 ? 0 : schoolSize[i] * rng.next() * rng.next())),
    );
    violationsPerSchool[0] = designatedViolations;

    const counts = {
      treatments: 0,
      declarations: 0,
      linked: 0,
      violations: 0,
      reviews: 0,
      links: 0,
      counters: 0,
    };
    let generationMs = 0;
    // Node generates batch k+1 while PostgreSQL writes batch k (two batches in memory at most)
    let writing: Promise<void> = Promise.resolve();
    for (let start = 0; start < schools.length; start += batchSchools) {
      const tables = registerTables();
      const events = auditTable();
      const ctx: SchoolContext = {
        rng,
        anchor,
        historyStart,
        academyId,
        dpdId: dpd.id,
        catalogue: catalogueByName,
        tables,
        counts,
      };
      for (let i = start; i < Math.min(schools.length, start + batchSchools); i++) {
        const generationStarted = Date.now();
        const schoolEvents = generateSchool(ctx, schools[i], {
          heads: headsOf[i],
          teachers: teachersOf[i],
          treatments: treatmentsPerSchool[i],
          declarations: declarationsPerSchool[i],
          violations: violationsPerSchool[i],
        });
        eventCount += chainEvents(events, schoolEvents, schools[i].id, academyId);
        generationMs += Date.now() - generationStarted;
        // let the socket drain the previous batch
        await new Promise((resolveTick) => setImmediate(resolveTick));
      }
      await writing;
      const done = Math.min(schools.length, start + batchSchools);
      writing = (async () => {
        for (const table of [...tables.list, events]) await bulkInsert(client, table);
        if (done % (batchSchools * 5) === 0 || done === schools.length) {
          log(`  … ${done}/${schools.length} schools (${((Date.now() - stepStarted) / 1000).toFixed(0)} s)`);
        }
      })();
      writing.catch(() => undefined); // awaited above on the next turn, or below
    }
    await writing;
    timings.push({ step: '  of which generation and hashing in Node (overlapped)', ms: generationMs });
    step(
      `registers (${counts.treatments} treatments, ${counts.declarations} declarations, ` +
        `${counts.violations} violations, ${counts.reviews} reviews, ${eventCount} audit events)`,
    );

    await client.query(RECOUNT_SCHOOL_STATS);
    await setSchoolStatsTriggers(client, 'ENABLE');
    step('school_stats (recounted once)');

    for (const index of deferredIndexes) await client.query(index.definition);
    step(`secondary indexes (${deferredIndexes.length}, built once)`);
    await client.query('COMMIT');
    step('commit');

    // statistics and visibility map, as autovacuum would have left them on a database in use
    for (const table of [
      'academy',
      'school',
      'school_stats',
      'app_user',
      'role_grant',
      'reference_counter',
      'treatment',
      'tool_declaration',
      'catalog_tool',
      'catalog_tool_name',
      'violation',
      'violation_treatment',
      'review',
      'audit_event',
    ]) {
      await client.query(`VACUUM (ANALYZE) ${table}`);
    }
    step('VACUUM (ANALYZE)');

    const totalMs = Date.now() - started;
    log(`seed:scale done in ${(totalMs / 1000).toFixed(1)} s. Every account's password: ${SEED_PASSWORD}`);
    return {
      seed,
      scale,
      anchor: anchorDate.toISOString(),
      academyId,
      counts: {
        schools: schools.length,
        users: users.length,
        heads,
        teachers: users.length - heads - 2,
        roleGrants: grantCount,
        treatments: counts.treatments,
        declarations: counts.declarations,
        catalogTools: catalogue.length,
        linkedDeclarations: counts.linked,
        violations: counts.violations,
        violationTreatmentLinks: counts.links,
        reviews: counts.reviews,
        referenceCounters: counts.counters,
        auditEvents: eventCount,
      },
      timings,
      totalMs,
    };
  } finally {
    await client.end();
  }
}

/** --force: empties every table (the audit trail's guard triggers are off for this one transaction). */
async function wipe(client: Client): Promise<void> {
  await client.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
  await client.query(
    `TRUNCATE audit_event, export_file, review, rights_request_treatment, rights_request, notification,
              notification_event, account_token, violation_treatment, violation, tool_declaration,
              catalog_tool_name, catalog_tool, treatment, reference_counter, role_grant, app_user,
              school_stats, school, academy`,
  );
  await client.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
}

/**
 * Turns off (or back on) the triggers that keep school_stats: with them on, each of the 400,000
 * register rows would queue a trigger call, and each counted one update its school's row at commit.
 * Inside the seed's transaction, like the indexes: RECOUNT_SCHOOL_STATS then sets every school's
 * counters at once, before they are turned back on.
 */
async function setSchoolStatsTriggers(client: Client, action: 'DISABLE' | 'ENABLE'): Promise<void> {
  for (const { table, trigger } of SCHOOL_STATS_TRIGGERS) {
    await client.query(`ALTER TABLE ${table} ${action} TRIGGER ${trigger}`);
  }
}

/** Tables whose secondary indexes are built once at the end rather than maintained row by row. */
const DEFERRED_INDEX_TABLES = ['treatment', 'tool_declaration', 'violation', 'review', 'audit_event'];

/**
 * Drops the plain (non-constraint) indexes of the big tables and returns their definitions. Inside
 * the seed's transaction: if anything fails, the rollback brings them back.
 */
async function dropSecondaryIndexes(client: Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      WHERE t.relname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY t.relname, c.relname`,
    [DEFERRED_INDEX_TABLES],
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.name}"`);
  return rows;
}

function auditTable(): Table {
  return new Table('audit_event', [
    ['id', 'uuid'],
    ['chain', 'text'],
    ['seq', 'bigint'],
    ['at', 'timestamptz'],
    ['actor_id', 'uuid'],
    ['action', 'text'],
    ['entity_type', 'text'],
    ['entity_id', 'uuid'],
    ['school_id', 'uuid'],
    ['academy_id', 'uuid'],
    ['changes', 'text'],
    ['hash', 'text'],
    ['previous_hash', 'text'],
  ]);
}

/**
 * One chain (a school's, or the academy's): events in time order, seq 1..n, each hash over the
 * previous one and the canonical content, exactly as appendEvents computes it.
 */
function chainEvents(
  table: Table,
  events: PendingEvent[],
  schoolId: string | null,
  academyId: string,
): number {
  const chain = chainKey(schoolId, academyId);
  // ids come from a chain-specific generator, so the order of generation elsewhere does not matter
  const ids = new Rng(hashSeed(chain));
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  let previousHash: string | null = null;
  events.forEach((event, i) => {
    const content = {
      id: ids.uuid(),
      chain,
      seq: i + 1,
      at: event.at,
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      schoolId: event.schoolId,
      academyId,
      changes: canonicalJson(event.changes),
    };
    const hash = chainHash(previousHash, content);
    table.add(
      content.id,
      chain,
      content.seq,
      content.at,
      content.actorId,
      content.action,
      content.entityType,
      content.entityId,
      content.schoolId,
      academyId,
      content.changes,
      hash,
      previousHash,
    );
    previousHash = hash;
  });
  return events.length;
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

interface RegisterTables {
  treatment: Table;
  declaration: Table;
  violation: Table;
  link: Table;
  review: Table;
  counter: Table;
  list: Table[];
}

function catalogTables(): { tool: Table; name: Table } {
  return {
    tool: new Table('catalog_tool', [
      ['id', 'uuid'],
      ['academy_id', 'uuid'],
      ['name', 'text'],
      ['aliases', 'text[]'],
      ['vendor', 'text'],
      ['url', 'text'],
      ['description', 'text'],
      ['data_categories', 'text[]'],
      ['hosting', 'text'],
      ['hosting_country', 'text'],
      ['free_software', 'text'],
      ['institutional', 'bool'],
      ['commercial_reuse', 'text'],
      ['retention_months', 'int'],
      ['security_measures', 'text'],
      ['opinion', 'text'],
      ['conditions', 'text'],
      ['alternative_ids', 'uuid[]'],
      ['risk_flags', 'text[]'],
      ['risk_level', 'text'],
      ['reviewed_by_id', 'uuid'],
      ['reviewed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    name: new Table('catalog_tool_name', [
      ['academy_id', 'uuid'],
      ['name_key', 'text'],
      ['catalog_tool_id', 'uuid'],
    ]),
  };
}

function registerTables(): RegisterTables {
  const treatment = new Table('treatment', [
    ['id', 'uuid'],
    ['school_id', 'uuid'],
    ['academy_id', 'uuid'],
    ['number', 'int'],
    ['reference', 'text'],
    ['name', 'text'],
    ['purposes', 'text[]'],
    ['legal_basis', 'text'],
    ['subject_categories', 'text[]'],
    ['data_categories', 'text[]'],
    ['sensitive_data', 'bool'],
    ['recipients', 'text[]'],
    ['processors', 'text[]'],
    ['transfers', 'jsonb'],
    ['retention', 'text'],
    ['retention_months', 'int'],
    ['security_measures', 'text[]'],
    ['dpia_required', 'bool'],
    ['status', 'text'],
    ['archived_reason', 'text'],
    ['archived_at', 'timestamptz'],
    ['review_state', 'text'],
    ['created_by_id', 'uuid'],
    ['version', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  const declaration = new Table('tool_declaration', [
    ['id', 'uuid'],
    ['school_id', 'uuid'],
    ['academy_id', 'uuid'],
    ['declared_by_id', 'uuid'],
    ['catalog_tool_id', 'uuid'],
    ['status', 'text'],
    ['tool_name', 'text'],
    ['vendor', 'text'],
    ['url', 'text'],
    ['purpose', 'text'],
    ['classes', 'text[]'],
    ['approx_student_count', 'int'],
    ['data_categories', 'text[]'],
    ['pseudonyms_used', 'bool'],
    ['hosting', 'text'],
    ['hosting_country', 'text'],
    ['free_software', 'text'],
    ['institutional', 'bool'],
    ['commercial_reuse', 'text'],
    ['families_informed', 'bool'],
    ['retention_months', 'int'],
    ['security_measures', 'text'],
    ['risk_flags', 'text[]'],
    ['risk_level', 'text'],
    ['decision_comment', 'text'],
    ['decided_by_id', 'uuid'],
    ['treatment_id', 'uuid'],
    ['submitted_at', 'timestamptz'],
    ['decided_at', 'timestamptz'],
    ['version', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  const violation = new Table('violation', [
    ['id', 'uuid'],
    ['school_id', 'uuid'],
    ['academy_id', 'uuid'],
    ['number', 'int'],
    ['reference', 'text'],
    ['reported_by_id', 'uuid'],
    ['title', 'text'],
    ['description', 'text'],
    ['incident_type', 'text'],
    ['natures', 'text[]'],
    ['occurred_at', 'timestamptz'],
    ['discovered_at', 'timestamptz'],
    ['data_categories', 'text[]'],
    ['subject_categories', 'text[]'],
    ['approx_subject_count', 'int'],
    ['approx_record_count', 'int'],
    ['consequences', 'text'],
    ['measures_taken', 'text'],
    ['risk', 'text'],
    ['cnil_notified_at', 'timestamptz'],
    ['cnil_reference', 'text'],
    ['late_notification_reason', 'text'],
    ['subjects_informed_at', 'timestamptz'],
    ['no_notification_justification', 'text'],
    ['rssi_informed_at', 'timestamptz'],
    ['hierarchy_informed_at', 'timestamptz'],
    ['status', 'text'],
    ['closed_at', 'timestamptz'],
    ['version', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  const link = new Table('violation_treatment', [
    ['violation_id', 'uuid'],
    ['treatment_id', 'uuid'],
  ]);
  const review = new Table('review', [
    ['id', 'uuid'],
    ['target_type', 'text'],
    ['target_id', 'uuid'],
    ['school_id', 'uuid'],
    ['academy_id', 'uuid'],
    ['reviewer_id', 'uuid'],
    ['verdict', 'text'],
    ['comment', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const counter = new Table('reference_counter', [
    ['school_id', 'uuid'],
    ['prefix', 'text'],
    ['last_number', 'int'],
  ]);
  return {
    treatment,
    declaration,
    violation,
    link,
    review,
    counter,
    // foreign-key order
    list: [treatment, declaration, violation, link, review, counter],
  };
}

interface SchoolContext {
  rng: Rng;
  anchor: number;
  historyStart: number;
  academyId: string;
  dpdId: string;
  /** the académie's catalogue, by tool name: a declaration of one of these names is its entry's */
  catalogue: Map<string, CatalogSeed>;
  tables: RegisterTables;
  counts: {
    treatments: number;
    declarations: number;
    /** declarations linked to a catalogue entry */
    linked: number;
    violations: number;
    reviews: number;
    links: number;
    counters: number;
  };
}

// the API's own lists, so the seeded CREATE events hold exactly what the API would have written
const TREATMENT_FIELDS = TREATMENT_AUDITED_FIELDS;
const DECLARATION_FIELDS = DECLARATION_AUDITED_FIELDS;
const VIOLATION_FIELDS = VIOLATION_AUDITED_FIELDS;
const REVIEW_FIELDS = REVIEW_AUDITED_FIELDS;

const reference = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, '0')}`;

/** Times spread over the history, sorted: register numbers follow creation order. */
function sortedTimes(rng: Rng, count: number, from: number, to: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    // more entries in recent years: the registers filled up
    const x = Math.sqrt(rng.next());
    times.push(Math.floor(from + x * (to - from)));
  }
  return times.sort((a, b) => a - b);
}

/** One school's registers, reviews and the events of its chain (its own CREATE event first). */
function generateSchool(
  ctx: SchoolContext,
  school: SchoolRow,
  plan: { heads: string[]; teachers: string[]; treatments: number; declarations: number; violations: number },
): PendingEvent[] {
  const { rng, anchor, historyStart, academyId, dpdId, catalogue, tables, counts } = ctx;
  let order = 0;
  const events: PendingEvent[] = [
    {
      at: school.createdAt,
      actorId: null,
      action: 'CREATE',
      entityType: 'School',
      entityId: school.id,
      schoolId: school.id,
      changes: created({ ...school, academyId }, ['academyId', 'uai', 'name', 'kind', 'city']),
      order: order++,
    },
  ];
  const event = (e: Omit<PendingEvent, 'order' | 'schoolId'>) =>
    events.push({ ...e, schoolId: school.id, order: order++ });
  const review = (
    targetType: string,
    targetId: string,
    verdict: string,
    comment: string | null,
    at: Date,
  ) => {
    const id = rng.uuid();
    tables.review.add(id, targetType, targetId, school.id, academyId, dpdId, verdict, comment, at);
    counts.reviews++;
    event({
      at,
      actorId: dpdId,
      action: 'REVIEW',
      entityType: 'Review',
      entityId: id,
      changes: created(
        { targetType, targetId, verdict, comment, reviewerId: dpdId },
        REVIEW_FIELDS as 'verdict'[],
      ),
    });
  };
  const primary = school.kind === 'ECOLE';
  const head = plan.heads[0];

  // ---- treatments: the school's register, T-001 first
  const treatments: { id: string; name: string; createdAt: number; status: string }[] = [];
  const used = new Map<string, number>();
  const templates = rng.subset(TREATMENT_TEMPLATES, TREATMENT_TEMPLATES.length);
  const tTimes = sortedTimes(rng, plan.treatments, historyStart, anchor - DAY);
  for (let n = 1; n <= plan.treatments; n++) {
    const fromTool = rng.chance(0.25);
    let values: TreatmentTemplate;
    if (fromTool) {
      const spec = rng.weighted(TOOLS.map((x) => [x, x.weight] as const));
      values = t(spec.name, [rng.pick(TOOL_PURPOSES)], 'PUBLIC_INTEREST', ['STUDENTS'], spec.data, {
        processors: spec.vendor ? [spec.vendor] : [],
        transfers:
          spec.hosting === 'NON_EU'
            ? [
                {
                  country: spec.country ?? 'Inconnu',
                  recipient: spec.vendor ?? spec.name,
                  safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
                },
              ]
            : [],
        recipients: ['Professeurs de la classe'],
        retention: "12 mois après la fin de l'activité",
        retentionMonths: 12,
      });
    } else {
      values = templates[(n - 1) % templates.length];
    }
    const seen = used.get(values.name) ?? 0;
    used.set(values.name, seen + 1);
    const name =
      seen === 0
        ? values.name
        : `${values.name} (${TEMPLATE_VARIANTS[(seen - 1) % TEMPLATE_VARIANTS.length]})`;
    const id = rng.uuid();
    const createdAt = tTimes[n - 1];
    const reviewState = rng.weighted([
      ['NOT_REVIEWED', 55],
      ['APPROVED', 35],
      ['CHANGES_REQUESTED', 10],
    ] as const);
    const archived = rng.chance(0.06);
    const reviewedAt =
      reviewState === 'NOT_REVIEWED' ? null : clampPast(createdAt + rng.range(1, 90) * DAY, anchor);
    const archivedAt = archived
      ? clampPast(Math.max(createdAt, reviewedAt?.getTime() ?? 0) + rng.range(10, 300) * DAY, anchor)
      : null;
    const sensitiveData = hasSensitive(values.data);
    const entity = {
      reference: reference('T', n),
      name,
      purposes: values.purposes,
      legalBasis: values.legalBasis,
      subjectCategories: values.subjects,
      dataCategories: values.data,
      recipients: values.recipients,
      processors: values.processors,
      transfers: values.transfers,
      retention: values.retention,
      retentionMonths: values.retentionMonths,
      securityMeasures: values.security,
      sensitiveData,
      dpiaRequired: values.dpia || sensitiveData,
      status: archived ? 'ARCHIVED' : 'ACTIVE',
      archivedReason: archived ? 'Activité abandonnée par l’établissement.' : null,
      reviewState,
    };
    const version = 1 + (reviewedAt ? 1 : 0) + (archivedAt ? 1 : 0);
    const updatedAt = new Date(Math.max(createdAt, reviewedAt?.getTime() ?? 0, archivedAt?.getTime() ?? 0));
    tables.treatment.add(
      id,
      school.id,
      academyId,
      n,
      entity.reference,
      entity.name,
      entity.purposes,
      entity.legalBasis,
      entity.subjectCategories,
      entity.dataCategories,
      entity.sensitiveData,
      entity.recipients,
      entity.processors,
      entity.transfers,
      entity.retention,
      entity.retentionMonths,
      entity.securityMeasures,
      entity.dpiaRequired,
      entity.status,
      entity.archivedReason,
      archivedAt,
      entity.reviewState,
      head,
      version,
      new Date(createdAt),
      updatedAt,
    );
    event({
      at: new Date(createdAt),
      actorId: head,
      action: 'CREATE',
      entityType: 'Treatment',
      entityId: id,
      changes: created(entity, TREATMENT_FIELDS as (keyof typeof entity)[]),
    });
    if (reviewedAt) {
      review(
        'TREATMENT',
        id,
        reviewState,
        reviewState === 'CHANGES_REQUESTED'
          ? 'Préciser la durée de conservation et les destinataires.'
          : null,
        reviewedAt,
      );
    }
    treatments.push({ id, name, createdAt, status: entity.status });
  }
  if (plan.treatments > 0) tables.counter.add(school.id, 'T', plan.treatments);
  counts.treatments += plan.treatments;
  counts.counters += plan.treatments > 0 ? 1 : 0;

  // ---- tool declarations
  const authors = plan.teachers.length ? plan.teachers : plan.heads;
  const dTimes = sortedTimes(rng, plan.declarations, historyStart, anchor - HOUR);
  for (let k = 0; k < plan.declarations; k++) {
    const spec = rng.weighted(TOOLS.map((x) => [x, x.weight] as const));
    const createdAt = dTimes[k];
    const author = rng.chance(0.92) ? rng.pick(authors) : rng.pick(plan.heads);
    let status = rng.weighted([
      ['DRAFT', 8],
      ['SUBMITTED', 12],
      ['CHANGES_REQUESTED', 5],
      ['APPROVED', 50],
      ['REJECTED', 10],
      ['WITHDRAWN', 15],
    ] as const) as string;
    const filedUnder = treatments.filter((x) => x.status === 'ACTIVE' && x.createdAt <= createdAt);
    if (status === 'APPROVED' && filedUnder.length === 0) status = 'SUBMITTED';
    // a tool of the catalogue is its entry's: its facts, and its opinion (a forbidden one is refused)
    const entry = catalogue.get(spec.name) ?? null;
    if (status === 'APPROVED' && entry?.opinion === 'FORBIDDEN') status = 'REJECTED';
    const dataCategories = [
      ...new Set([
        ...spec.data,
        ...(rng.chance(0.2) ? [rng.pick(['CONTACT', 'SCHOOLING', 'HEALTH', 'LOCATION'])] : []),
      ]),
    ];
    const answers = {
      hosting: rng.chance(0.1) ? 'UNKNOWN' : spec.hosting,
      commercialReuse: rng.chance(0.1) ? 'UNKNOWN' : spec.commercial,
      dataCategories,
      pseudonymsUsed: rng.chance(0.4),
      familiesInformed: rng.chance(0.75),
      retentionMonths: rng.chance(0.25) ? null : rng.pick([6, 12, 12, 24, 36]),
      freeSoftware: spec.free,
      institutional: spec.institutional,
    };
    if (entry) Object.assign(answers, { hosting: entry.hosting, commercialReuse: entry.commercialReuse });
    const risk = assessRisk({ ...answers, catalogOpinion: entry?.opinion ?? null });
    if (entry) counts.linked++;
    const submitted = status !== 'DRAFT' && !(status === 'WITHDRAWN' && rng.chance(0.5));
    const submittedAt = submitted ? clampPast(createdAt + rng.range(0, 7 * 24) * HOUR, anchor) : null;
    const decided = ['APPROVED', 'REJECTED', 'CHANGES_REQUESTED'].includes(status);
    const decidedAt =
      decided && submittedAt ? clampPast(submittedAt.getTime() + rng.range(1, 20 * 24) * HOUR, anchor) : null;
    const withdrawnAt =
      status === 'WITHDRAWN'
        ? clampPast((submittedAt?.getTime() ?? createdAt) + rng.range(1, 30) * DAY, anchor)
        : null;
    const treatment =
      status === 'APPROVED' ? (filedUnder.find((x) => x.name === spec.name) ?? rng.pick(filedUnder)) : null;
    const level = primary ? rng.pick(LEVELS_PRIMARY) : rng.pick(LEVELS_SECONDARY);
    const entity = {
      schoolId: school.id,
      declaredById: author,
      catalogToolId: entry?.id ?? null,
      status,
      toolName: spec.name,
      vendor: spec.vendor,
      url: spec.url,
      purpose: rng.pick(TOOL_PURPOSES),
      classes: rng.chance(0.8) ? [`${level} ${rng.pick(['A', 'B', 'C'])}`] : [],
      approxStudentCount: rng.chance(0.85) ? rng.range(12, 140) : null,
      dataCategories,
      pseudonymsUsed: answers.pseudonymsUsed,
      hosting: answers.hosting,
      hostingCountry: answers.hosting === 'NON_EU' ? spec.country : null,
      freeSoftware: spec.free,
      institutional: spec.institutional,
      commercialReuse: answers.commercialReuse,
      familiesInformed: answers.familiesInformed,
      retentionMonths: answers.retentionMonths,
      securityMeasures: rng.chance(0.3) ? 'Comptes élèves anonymisés, accès par code de classe.' : null,
      riskFlags: risk.flags as string[],
      riskLevel: risk.level as string,
      decisionComment:
        status === 'REJECTED'
          ? 'Hébergement hors de l’Union européenne : utiliser une solution institutionnelle.'
          : status === 'CHANGES_REQUESTED'
            ? 'Informer les familles et fixer une durée de conservation.'
            : null,
      decidedById: decided ? rng.pick(plan.heads) : null,
      treatmentId: treatment?.id ?? null,
      submittedAt,
      decidedAt,
    };
    const id = rng.uuid();
    const version = 1 + (submittedAt ? 1 : 0) + (decidedAt ? 1 : 0) + (withdrawnAt ? 1 : 0);
    const updatedAt = new Date(
      Math.max(
        createdAt,
        submittedAt?.getTime() ?? 0,
        decidedAt?.getTime() ?? 0,
        withdrawnAt?.getTime() ?? 0,
      ),
    );
    tables.declaration.add(
      id,
      school.id,
      academyId,
      author,
      entity.catalogToolId,
      status,
      entity.toolName,
      entity.vendor,
      entity.url,
      entity.purpose,
      entity.classes,
      entity.approxStudentCount,
      entity.dataCategories,
      entity.pseudonymsUsed,
      entity.hosting,
      entity.hostingCountry,
      entity.freeSoftware,
      entity.institutional,
      entity.commercialReuse,
      entity.familiesInformed,
      entity.retentionMonths,
      entity.securityMeasures,
      entity.riskFlags,
      entity.riskLevel,
      entity.decisionComment,
      entity.decidedById,
      entity.treatmentId,
      submittedAt,
      decidedAt,
      version,
      new Date(createdAt),
      updatedAt,
    );
    event({
      at: new Date(createdAt),
      actorId: author,
      action: 'CREATE',
      entityType: 'ToolDeclaration',
      entityId: id,
      changes: created(entity, DECLARATION_FIELDS as (keyof typeof entity)[]),
    });
    if (status === 'SUBMITTED' && submittedAt && rng.chance(0.1)) {
      review(
        'TOOL_DECLARATION',
        id,
        'COMMENT',
        'Vérifier la localisation des serveurs auprès de l’éditeur.',
        clampPast(submittedAt.getTime() + DAY, anchor),
      );
    }
  }
  counts.declarations += plan.declarations;

  // ---- violations: V-001 first
  const reporters = [...plan.heads, ...plan.teachers];
  const vTimes = sortedTimes(rng, plan.violations, historyStart, anchor - HOUR);
  for (let n = 1; n <= plan.violations; n++) {
    const kind = rng.pick(VIOLATION_KINDS);
    const discovered = vTimes[n - 1];
    const createdAt = clampPast(discovered + rng.range(0, 24) * HOUR, anchor).getTime();
    const occurred = rng.chance(0.7) ? discovered - rng.range(0, 10 * 24) * HOUR : null;
    const risk = rng.weighted([
      ['UNLIKELY', 45],
      ['RISK', 40],
      ['HIGH_RISK', 15],
    ] as const) as string;
    const required = risk !== 'UNLIKELY';
    const deadline = discovered + 72 * HOUR;
    const age = anchor - discovered;
    // notification: mostly in time, sometimes late, sometimes not (yet) made
    const notification = required
      ? rng.weighted([
          ['inTime', 75],
          ['late', 12],
          ['none', 13],
        ] as const)
      : 'none';
    // old incidents are mostly closed, but an unnotified one often stays open: overdue on the dashboard
    const closeRate = required && notification === 'none' ? 0.4 : 0.85;
    const closed = age > 45 * DAY ? rng.chance(closeRate) : age > 7 * DAY ? rng.chance(closeRate / 2) : false;
    let cnilNotifiedAt: Date | null =
      notification === 'inTime'
        ? clampPast(discovered + rng.range(2, 70) * HOUR, anchor)
        : notification === 'late'
          ? clampPast(deadline + rng.range(1, 20 * 24) * HOUR, anchor)
          : null;
    if (cnilNotifiedAt && occurred && cnilNotifiedAt.getTime() < occurred)
      cnilNotifiedAt = new Date(occurred);
    const late = cnilNotifiedAt !== null && cnilNotifiedAt.getTime() > deadline;
    const justification =
      (required && !cnilNotifiedAt) || (risk === 'HIGH_RISK' && closed && rng.chance(0.3));
    const subjectsInformedAt =
      risk === 'HIGH_RISK' && !justification ? clampPast(discovered + rng.range(1, 10) * DAY, anchor) : null;
    const closedAt = closed
      ? clampPast(
          Math.max(discovered, cnilNotifiedAt?.getTime() ?? 0, subjectsInformedAt?.getTime() ?? 0) +
            rng.range(1, 40) * DAY,
          anchor,
        )
      : null;
    const id = rng.uuid();
    const entity = {
      reference: reference('V', n),
      schoolId: school.id,
      reportedById: rng.pick(reporters),
      title: rng.pick(kind.titles),
      description:
        'Incident signalé au chef d’établissement ; circonstances détaillées dans la fiche de signalement.',
      incidentType: kind.type,
      natures: kind.natures,
      occurredAt: occurred === null ? null : new Date(occurred),
      discoveredAt: new Date(discovered),
      dataCategories: kind.data,
      subjectCategories: rng.chance(0.3) ? ['STUDENTS', 'PARENTS'] : ['STUDENTS'],
      approxSubjectCount: rng.range(1, 600),
      approxRecordCount: rng.chance(0.7) ? rng.range(1, 5000) : null,
      consequences:
        closed || rng.chance(0.5)
          ? 'Exposition limitée des données ; aucun usage malveillant constaté.'
          : null,
      measuresTaken:
        closed || rng.chance(0.5) ? 'Mots de passe réinitialisés, sensibilisation des personnels.' : null,
      risk,
      cnilNotificationRequired: required,
      cnilDeadline: new Date(deadline),
      cnilNotifiedAt,
      cnilReference: cnilNotifiedAt
        ? `CNIL-${new Date(discovered).getUTCFullYear()}-${rng.range(10000, 99999)}`
        : null,
      lateNotificationReason: late ? 'Incident découvert pendant les vacances scolaires.' : null,
      subjectsInformedAt,
      noNotificationJustification: justification
        ? 'Données chiffrées et récupérées : risque écarté après analyse avec le DPD.'
        : null,
      rssiInformedAt: rng.chance(0.8) ? clampPast(discovered + rng.range(1, 48) * HOUR, anchor) : null,
      hierarchyInformedAt: rng.chance(0.8) ? clampPast(discovered + rng.range(1, 48) * HOUR, anchor) : null,
      status: closed ? 'CLOSED' : 'OPEN',
      closedAt,
    };
    const linked = treatments.length
      ? rng.subset(treatments, rng.range(0, Math.min(2, treatments.length)))
      : [];
    const updatedAt = new Date(Math.max(createdAt, closedAt?.getTime() ?? 0, cnilNotifiedAt?.getTime() ?? 0));
    const version = 1 + (closedAt ? 2 : 0);
    tables.violation.add(
      id,
      school.id,
      academyId,
      n,
      entity.reference,
      entity.reportedById,
      entity.title,
      entity.description,
      entity.incidentType,
      entity.natures,
      entity.occurredAt,
      entity.discoveredAt,
      entity.dataCategories,
      entity.subjectCategories,
      entity.approxSubjectCount,
      entity.approxRecordCount,
      entity.consequences,
      entity.measuresTaken,
      entity.risk,
      entity.cnilNotifiedAt,
      entity.cnilReference,
      entity.lateNotificationReason,
      entity.subjectsInformedAt,
      entity.noNotificationJustification,
      entity.rssiInformedAt,
      entity.hierarchyInformedAt,
      entity.status,
      entity.closedAt,
      version,
      new Date(createdAt),
      updatedAt,
    );
    for (const x of linked) tables.link.add(id, x.id);
    counts.links += linked.length;
    event({
      at: new Date(createdAt),
      actorId: entity.reportedById,
      action: 'CREATE',
      entityType: 'Violation',
      entityId: id,
      changes: {
        ...created(entity, VIOLATION_FIELDS as (keyof typeof entity)[]),
        ...(linked.length ? { treatmentIds: [null, linked.map((x) => x.id)] } : {}),
      },
    });
    if (rng.chance(0.3)) {
      review(
        'VIOLATION',
        id,
        'COMMENT',
        'Penser à informer le RSSI académique.',
        clampPast(createdAt + 2 * DAY, anchor),
      );
    }
  }
  if (plan.violations > 0) tables.counter.add(school.id, 'V', plan.violations);
  counts.violations += plan.violations;
  counts.counters += plan.violations > 0 ? 1 : 0;
  return events;
}

// ---------------------------------------------------------------- where: DATABASE_URL, or npm start's embedded PostgreSQL

export interface SeedDatabase {
  url: string;
  /** stops the embedded PostgreSQL when this process started it */
  stop(): Promise<void>;
  description: string;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL `npm start` uses (DATA_DIR/pg, database
 * "registre", EMBEDDED_PG_PORT). Migrations are run either way.
 */
export async function openDatabase(log: (message: string) => void = console.log): Promise<SeedDatabase> {
  const env = loadEnvironment();
  let url = env.DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  let description = 'DATABASE_URL';
  if (url) {
    const shown = new URL(url);
    shown.username = '';
    shown.password = '';
    description = `DATABASE_URL (${shown.host}${shown.pathname})`;
  }
  if (!url) {
    const dataDir = join(resolve(env.DATA_DIR), 'pg');
    log(`DATABASE_URL is unset: starting the embedded PostgreSQL of npm start (${dataDir})`);
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: env.EMBEDDED_PG_PORT,
      database: 'registre',
    });
    url = embedded.url;
    stop = async () => embedded.stop();
    description = `embedded PostgreSQL (${dataDir}, port ${env.EMBEDDED_PG_PORT})`;
  }
  await runMigrations({ url, entities, migrations });
  return { url, stop, description };
}

export interface CliOptions {
  scale: number;
  seed: number;
  force: boolean;
  anchor?: Date;
}

/** --name value / --name=value / --flag */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) args.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.set(name, argv[++i]);
    else args.set(name, true);
  }
  return args;
}

export function seedCliOptions(args: Map<string, string | true>): CliOptions {
  const number = (name: string, fallback: number) => {
    const raw = args.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw === true || !Number.isFinite(value)) throw new Error(`--${name} needs a number`);
    return value;
  };
  const anchorRaw = args.get('anchor');
  const anchor = typeof anchorRaw === 'string' ? new Date(anchorRaw) : undefined;
  if (anchor && Number.isNaN(anchor.getTime())) throw new Error('--anchor needs a date (2025-09-01)');
  return { scale: number('scale', 1), seed: number('seed', DEFAULT_SEED), force: args.has('force'), anchor };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log('npm run seed:scale -- [--scale 1] [--seed 20250901] [--anchor 2025-09-01] [--force]');
    return;
  }
  const options = seedCliOptions(args);
  const database = await openDatabase();
  try {
    await seedScale({ databaseUrl: database.url, ...options });
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
