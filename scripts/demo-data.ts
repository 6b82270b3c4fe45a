import {
  Answer,
  BreachNature,
  BreachRisk,
  DataCategory,
  DeclarationDecision,
  Hosting,
  IncidentType,
  LegalBasis,
  RequesterRelation,
  ReviewVerdict,
  RightsRequestChannel,
  RightType,
  SchoolKind,
  SubjectCategory,
  TransferSafeguard,
} from '../apps/api/src/common/enums';
import { uaiFor } from '@app/core';

/**
 * The demo académie of `npm run seed:demo`: who works where, what they declared, what the heads keep
 * in their registers, the breaches and the DPD's reviews. Pure data: scripts/seed-demo.ts plays it
 * through the services, in this order. The README's walkthrough (section "Walkthrough") relies on it:
 * change one, change the other (tests/integration/demo-walkthrough.spec.ts checks them together).
 *
 * Schools, people and incidents are fictitious; names and towns are those of the académie.
 */

type Kind = `${SchoolKind}`;
type Category = `${DataCategory}`;
type Subject = `${SubjectCategory}`;

/** Every demo account logs in with DEMO_PASSWORD; DEMO_ADMIN_EMAIL is the demo administrator
 * (created as the bootstrap administrator is, UsersService.bootstrapAdmin: "Administrateur").
 * Both are defined where the GraphiQL page's login template names them. */
export { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../apps/api/src/graphiql/login-hint';

export const DEMO_ACADEMY = {
  code: 'TOULOUSE',
  name: 'Académie de Toulouse',
  dpoName: 'Claire Vasseur',
  dpoEmail: 'dpd@ac-toulouse.fr',
  rssiEmail: 'rssi@ac-toulouse.fr',
};

export interface DemoSchool {
  key: string;
  uai: string;
  name: string;
  kind: Kind;
  city: string;
}

/** A dozen schools of every kind, in the académie's eight départements (the UAI starts with it). */
export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    key: 'ferry',
    uai: uaiFor(312345),
    name: 'École élémentaire Jules Ferry',
    kind: 'ECOLE',
    city: 'Toulouse',
  },
  { key: 'platanes', uai: uaiFor(311876), name: 'École primaire Les Platanes', kind: 'ECOLE', city: 'Muret' },
  { key: 'aubrac', uai: uaiFor(90456), name: 'École maternelle Lucie Aubrac', kind: 'ECOLE', city: 'Foix' },
  { key: 'jaures', uai: uaiFor(810987), name: 'Collège Jean Jaurès', kind: 'COLLEGE', city: 'Albi' },
  { key: 'gouges', uai: uaiFor(811203), name: 'Collège Olympe de Gouges', kind: 'COLLEGE', city: 'Gaillac' },
  { key: 'fabre', uai: uaiFor(120654), name: 'Collège Jean-Henri Fabre', kind: 'COLLEGE', city: 'Millau' },
  { key: 'mendes', uai: uaiFor(320478), name: 'Collège Pierre Mendès France', kind: 'COLLEGE', city: 'Auch' },
  { key: 'fermat', uai: uaiFor(312789), name: 'Lycée Pierre de Fermat', kind: 'LYCEE', city: 'Toulouse' },
  { key: 'champollion', uai: uaiFor(460342), name: 'Lycée Champollion', kind: 'LYCEE', city: 'Figeac' },
  {
    key: 'bourdelle',
    uai: uaiFor(820567),
    name: 'Lycée professionnel Antoine Bourdelle',
    kind: 'LYCEE_PROFESSIONNEL',
    city: 'Montauban',
  },
  { key: 'erea', uai: uaiFor(120899), name: 'EREA Jean Moulin', kind: 'EREA', city: 'Rodez' },
  {
    key: 'cio',
    uai: uaiFor(650712),
    name: "Centre d'information et d'orientation de Tarbes",
    kind: 'OTHER',
    city: 'Tarbes',
  },
];

export interface DemoUser {
  key: string;
  email: string;
  displayName: string;
  role: 'DPD' | 'HEAD' | 'TEACHER';
  /** school keys (HEAD, TEACHER) */
  schools: string[];
  /** what the person does, for the printed list and the README */
  job: string;
}

const person = (
  key: string,
  displayName: string,
  role: DemoUser['role'],
  schools: string[],
  job: string,
): DemoUser => ({
  key,
  displayName,
  role,
  schools,
  job,
  email: `${displayName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@ac-toulouse.fr`,
});

/** The DPD, then one head per school, then the teachers. */
export const DEMO_USERS: DemoUser[] = [
  person('dpd', 'Claire Vasseur', 'DPD', [], "déléguée à la protection des données de l'académie"),
  person('head.ferry', 'Isabelle Moreau', 'HEAD', ['ferry'], "directrice d'école"),
  person('head.platanes', 'Philippe Bonnet', 'HEAD', ['platanes'], "directeur d'école"),
  person('head.aubrac', 'Céline Rouquette', 'HEAD', ['aubrac'], "directrice d'école"),
  person('head.jaures', 'Nathalie Roux', 'HEAD', ['jaures'], 'principale'),
  person('head.gouges', 'Laurent Cazals', 'HEAD', ['gouges'], 'principal'),
  person('head.fabre', 'Sandrine Vidal', 'HEAD', ['fabre'], 'principale'),
  person('head.mendes', 'Éric Dupuy', 'HEAD', ['mendes'], 'principal'),
  person('head.fermat', 'Anne Delmas', 'HEAD', ['fermat'], 'proviseure'),
  person('head.champollion', 'Marc Lacombe', 'HEAD', ['champollion'], 'proviseur'),
  person('head.bourdelle', 'Fatima El Amrani', 'HEAD', ['bourdelle'], 'proviseure'),
  person('head.erea', 'Olivier Fournier', 'HEAD', ['erea'], "directeur d'EREA"),
  person('head.cio', 'Martine Barthe', 'HEAD', ['cio'], 'directrice de CIO'),
  person('thomas', 'Thomas Garcia', 'TEACHER', ['jaures'], 'professeur de SVT'),
  person('camille', 'Camille Durand', 'TEACHER', ['jaures'], "professeure d'anglais"),
  person('sophie', 'Sophie Lambert', 'TEACHER', ['jaures', 'gouges'], "professeure d'éducation musicale"),
  person('lea', 'Léa Martinez', 'TEACHER', ['ferry'], 'professeure des écoles (CM2)'),
  person('julien', 'Julien Petit', 'TEACHER', ['platanes'], 'professeur des écoles (CE1)'),
  person('manon', 'Manon Girard', 'TEACHER', ['aubrac'], 'professeure des écoles (MS-GS)'),
  person('antoine', 'Antoine Mercier', 'TEACHER', ['fermat'], 'professeur de physique-chimie'),
  person('ines', 'Inès Bouvier', 'TEACHER', ['fermat'], 'professeure de NSI'),
  person('romain', 'Romain Castel', 'TEACHER', ['champollion'], "professeur d'histoire-géographie"),
  person('yasmine', 'Yasmine Haddad', 'TEACHER', ['bourdelle'], 'professeure de lettres-histoire'),
  person('pierre', 'Pierre Soulé', 'TEACHER', ['fabre'], "professeur d'EPS"),
  person('elodie', 'Élodie Marty', 'TEACHER', ['mendes'], 'professeure de mathématiques'),
];

// ---------------------------------------------------------------- the heads' registers

export interface DemoTreatment {
  key: string;
  school: string;
  name: string;
  purposes: string[];
  legalBasis: `${LegalBasis}`;
  subjectCategories: Subject[];
  dataCategories: Category[];
  recipients?: string[];
  processors?: string[];
  transfers?: { country: string; recipient: string; safeguard: `${TransferSafeguard}` }[];
  retention: string;
  retentionMonths?: number | null;
  securityMeasures?: string[];
  dpiaRequired?: boolean;
  /** archived right after its creation, with this reason */
  archivedReason?: string;
}

type TreatmentModel = Omit<DemoTreatment, 'key' | 'school'>;

const VIE_SCOLAIRE: TreatmentModel = {
  name: 'Gestion de la vie scolaire',
  purposes: [
    'Suivi des absences, des retards et des sanctions',
    'Emploi du temps et cahier de textes',
    'Notes, compétences et bulletins',
  ],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS', 'PARENTS', 'STAFF'],
  dataCategories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'ASSESSMENT', 'CONNECTION_DATA'],
  recipients: ['Équipe pédagogique et vie scolaire', 'Responsables légaux'],
  processors: ['Index Éducation (Pronote)'],
  retention: "Durée de la scolarité dans l'établissement, puis un an",
  retentionMonths: 12,
  securityMeasures: [
    "Connexion par l'ENT (EduConnect pour les familles)",
    'Habilitations par profil',
    'Hébergement en France',
  ],
};

const ENT: TreatmentModel = {
  name: 'Espace numérique de travail',
  purposes: ['Messagerie, cahier de textes et partage de documents avec les élèves et les familles'],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS', 'PARENTS', 'STAFF'],
  dataCategories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'CONNECTION_DATA'],
  recipients: ['Équipe pédagogique', 'Responsables légaux'],
  processors: ["Éditeur de l'ENT retenu par la collectivité"],
  retention: "Comptes supprimés un an après le départ de l'établissement",
  retentionMonths: 12,
  securityMeasures: ['Authentification EduConnect', 'Hébergement en France'],
};

const CANTINE: TreatmentModel = {
  name: 'Cantine et restauration',
  purposes: [
    'Inscription et facturation de la demi-pension',
    "Régimes alimentaires et projets d'accueil individualisé (PAI)",
  ],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS', 'PARENTS'],
  dataCategories: ['IDENTITY', 'CONTACT', 'FINANCIAL', 'HEALTH'],
  recipients: ['Service de gestion', 'Personnel de restauration (régimes et PAI seulement)'],
  processors: ['Éditeur du logiciel de gestion de la demi-pension'],
  retention: "Fin de l'année scolaire, puis archives comptables (10 ans)",
  retentionMonths: 120,
  securityMeasures: ['Accès limité au service de gestion', 'PAI conservés sous clé à l’infirmerie'],
};

const PHOTOS: TreatmentModel = {
  name: 'Photos de classe',
  purposes: ['Photographie de classe annuelle proposée aux familles'],
  legalBasis: 'CONSENT',
  subjectCategories: ['STUDENTS', 'PARENTS'],
  dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
  recipients: ['Familles qui commandent'],
  processors: ['Photographe scolaire'],
  retention: 'Jusqu’à la remise des commandes, puis suppression par le photographe',
  retentionMonths: 6,
  securityMeasures: [
    'Autorisation écrite des responsables légaux',
    'Galerie protégée par un code par famille',
  ],
};

const at = (school: string, key: string, model: TreatmentModel, extra: Partial<DemoTreatment> = {}) => ({
  key: `${school}.${key}`,
  school,
  ...model,
  ...extra,
});

/** What each head writes in its register itself, in this order (references T-001, T-002…). */
export const DEMO_TREATMENTS: DemoTreatment[] = [
  at('jaures', 'vie-scolaire', VIE_SCOLAIRE),
  at('jaures', 'ent', ENT),
  at('jaures', 'cantine', CANTINE),
  at('jaures', 'photos', PHOTOS),
  at('gouges', 'vie-scolaire', VIE_SCOLAIRE),
  at('gouges', 'ent', ENT),
  at('fabre', 'vie-scolaire', VIE_SCOLAIRE),
  at('mendes', 'vie-scolaire', VIE_SCOLAIRE),
  at('mendes', 'cantine', CANTINE),
  at('fermat', 'vie-scolaire', VIE_SCOLAIRE),
  at('fermat', 'ent', ENT, { processors: ['Région Occitanie (ENT des lycées)'] }),
  at('fermat', 'cantine', CANTINE),
  at('fermat', 'photos', PHOTOS),
  {
    key: 'fermat.sondages',
    school: 'fermat',
    name: 'Sondages en ligne (Google Forms)',
    purposes: ['Questionnaires aux familles (voyages, associations)'],
    legalBasis: 'PUBLIC_INTEREST',
    subjectCategories: ['PARENTS'],
    dataCategories: ['IDENTITY', 'CONTACT'],
    processors: ['Google Ireland Ltd'],
    transfers: [
      { country: 'États-Unis', recipient: 'Google LLC', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' },
    ],
    retention: 'Fin de l’année scolaire',
    retentionMonths: 12,
    archivedReason: 'Remplacé par les formulaires de Nuage (apps.education.fr), hébergés en France.',
  },
  at('champollion', 'vie-scolaire', VIE_SCOLAIRE),
  at('champollion', 'ent', ENT, { processors: ['Région Occitanie (ENT des lycées)'] }),
  at('champollion', 'photos', PHOTOS),
  at('bourdelle', 'vie-scolaire', VIE_SCOLAIRE),
  {
    key: 'bourdelle.pfmp',
    school: 'bourdelle',
    name: 'Périodes de formation en milieu professionnel',
    purposes: ['Conventions de stage, suivi et évaluation des élèves en entreprise'],
    legalBasis: 'LEGAL_OBLIGATION',
    subjectCategories: ['STUDENTS', 'PARENTS', 'OTHER'],
    dataCategories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'ASSESSMENT'],
    recipients: ["Tuteurs des entreprises d'accueil", 'Équipe pédagogique'],
    retention: 'Cinq ans après la fin de la formation',
    retentionMonths: 60,
    securityMeasures: ['Conventions signées conservées au secrétariat'],
  },
  at('ferry', 'photos', PHOTOS),
  at('ferry', 'ent', ENT, {
    name: 'Espace numérique de travail (école)',
    processors: ['ENT 1er degré de la commune'],
  }),
  at('platanes', 'photos', PHOTOS),
];

// ---------------------------------------------------------------- teachers' declarations

export interface DeclarationAnswers {
  toolName: string;
  vendor?: string | null;
  url?: string | null;
  purpose: string;
  classes?: string[];
  approxStudentCount?: number | null;
  dataCategories: Category[];
  pseudonymsUsed: boolean;
  hosting: `${Hosting}`;
  hostingCountry?: string | null;
  freeSoftware: `${Answer}`;
  institutional: boolean;
  commercialReuse: `${Answer}`;
  familiesInformed: boolean;
  retentionMonths?: number | null;
  securityMeasures?: string | null;
}

/** After the declaration: its author submits or withdraws it, the school's head decides it. */
export type DeclarationStep =
  | { do: 'submit' }
  | { do: 'withdraw' }
  | {
      do: 'decide';
      decision: `${DeclarationDecision}`;
      comment?: string;
      /** APPROVE under this treatment (key in DEMO_TREATMENTS) rather than a new one */
      treatment?: string;
    };

export interface DemoDeclaration {
  key: string;
  school: string;
  /** user key of the author */
  author: string;
  answers: DeclarationAnswers;
  steps: DeclarationStep[];
}

const LEARNINGAPPS: DeclarationAnswers = {
  toolName: 'LearningApps',
  vendor: 'Association LearningApps.org',
  url: 'https://learningapps.org',
  purpose: 'Exercices interactifs de révision en SVT',
  classes: ['5e B', '4e A'],
  approxStudentCount: 56,
  dataCategories: ['ASSESSMENT'],
  pseudonymsUsed: true,
  hosting: 'EU',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'NO',
  familiesInformed: true,
  retentionMonths: 12,
  securityMeasures: 'Comptes de classe sans nom, identifiants distribués par le professeur',
};

const NUAGE: DeclarationAnswers = {
  toolName: 'Nuage (apps.education.fr)',
  vendor: "Ministère de l'Éducation nationale",
  url: 'https://nuage.apps.education.fr',
  purpose: 'Dépôt des enregistrements de pratique musicale des élèves',
  classes: ['6e A', '6e B', '6e C'],
  approxStudentCount: 84,
  dataCategories: ['ASSESSMENT', 'IMAGE_VOICE'],
  pseudonymsUsed: true,
  hosting: 'EU',
  hostingCountry: 'France',
  freeSoftware: 'YES',
  institutional: true,
  commercialReuse: 'NO',
  familiesInformed: true,
  retentionMonths: 12,
  securityMeasures: 'Dossiers partagés par lien protégé par mot de passe, supprimés en fin d’année',
};

const PADLET: DeclarationAnswers = {
  toolName: 'Padlet',
  vendor: 'Wallwisher Inc.',
  url: 'https://padlet.com',
  purpose: 'Mur collaboratif où les élèves publient les photos de leurs expériences',
  classes: ['4e A', '4e C'],
  approxStudentCount: 52,
  dataCategories: ['IMAGE_VOICE', 'ASSESSMENT'],
  pseudonymsUsed: false,
  hosting: 'NON_EU',
  hostingCountry: 'États-Unis',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'NO',
  familiesInformed: false,
  retentionMonths: null,
};

const KAHOOT: DeclarationAnswers = {
  toolName: 'Kahoot!',
  vendor: 'Kahoot! ASA',
  url: 'https://kahoot.com',
  purpose: 'Quiz de vocabulaire en début de cours',
  classes: ['3e A', '3e B'],
  approxStudentCount: 55,
  dataCategories: ['IDENTITY', 'ASSESSMENT'],
  pseudonymsUsed: true,
  hosting: 'UNKNOWN',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'UNKNOWN',
  familiesInformed: false,
  retentionMonths: null,
};

const QUIZLET: DeclarationAnswers = {
  toolName: 'Quizlet',
  vendor: 'Quizlet Inc.',
  url: 'https://quizlet.com',
  purpose: 'Cartes de révision partagées avec la classe',
  classes: ['4e B'],
  approxStudentCount: 28,
  dataCategories: ['IDENTITY', 'CONTACT', 'ASSESSMENT'],
  pseudonymsUsed: false,
  hosting: 'NON_EU',
  hostingCountry: 'États-Unis',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'YES',
  familiesInformed: false,
  retentionMonths: null,
};

const CANVA: DeclarationAnswers = {
  toolName: 'Canva',
  vendor: 'Canva Pty Ltd',
  url: 'https://www.canva.com',
  purpose: 'Affiches et CV réalisés par les élèves',
  approxStudentCount: 30,
  dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
  pseudonymsUsed: false,
  hosting: 'NON_EU',
  hostingCountry: 'Australie',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'UNKNOWN',
  familiesInformed: false,
  retentionMonths: null,
};

/** In this order: approvals take the school's next treatment reference. */
export const DEMO_DECLARATIONS: DemoDeclaration[] = [
  {
    key: 'jaures.learningapps',
    school: 'jaures',
    author: 'thomas',
    answers: LEARNINGAPPS,
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE' }],
  },
  {
    key: 'jaures.nuage',
    school: 'jaures',
    author: 'sophie',
    answers: NUAGE,
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE' }],
  },
  {
    key: 'jaures.padlet',
    school: 'jaures',
    author: 'thomas',
    answers: PADLET,
    steps: [
      { do: 'submit' },
      {
        do: 'decide',
        decision: 'REQUEST_CHANGES',
        comment:
          'Les photos des élèves partiraient aux États-Unis et les familles ne sont pas informées. Préférez Digipad (La Digitale), hébergé en France.',
      },
    ],
  },
  {
    key: 'jaures.quizlet',
    school: 'jaures',
    author: 'camille',
    answers: QUIZLET,
    steps: [
      { do: 'submit' },
      {
        do: 'decide',
        decision: 'REJECT',
        comment:
          'Réutilisation commerciale des données et hébergement hors UE : outil refusé. La Quizinière (Réseau Canopé) permet les mêmes exercices.',
      },
    ],
  },
  {
    key: 'jaures.kahoot',
    school: 'jaures',
    author: 'camille',
    answers: KAHOOT,
    steps: [{ do: 'submit' }],
  },
  {
    key: 'gouges.peertube',
    school: 'gouges',
    author: 'sophie',
    answers: {
      toolName: 'PeerTube (apps.education.fr)',
      vendor: "Ministère de l'Éducation nationale",
      url: 'https://tube.apps.education.fr',
      purpose: 'Vidéos de la chorale du collège, diffusées aux familles',
      classes: ['Chorale'],
      approxStudentCount: 35,
      dataCategories: ['IMAGE_VOICE'],
      pseudonymsUsed: true,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'YES',
      institutional: true,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
      securityMeasures: 'Vidéos non listées, accessibles par lien aux seules familles',
    },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'ferry.classdojo',
    school: 'ferry',
    author: 'lea',
    answers: {
      toolName: 'ClassDojo',
      vendor: 'ClassDojo Inc.',
      url: 'https://www.classdojo.com',
      purpose: 'Suivi du comportement et photos de la classe partagées avec les parents',
      classes: ['CM2'],
      approxStudentCount: 26,
      dataCategories: ['IDENTITY', 'SCHOOLING', 'IMAGE_VOICE'],
      pseudonymsUsed: false,
      hosting: 'NON_EU',
      hostingCountry: 'États-Unis',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'UNKNOWN',
      familiesInformed: true,
      retentionMonths: null,
    },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'ferry.genially',
    school: 'ferry',
    author: 'lea',
    answers: {
      toolName: 'Genially',
      vendor: 'Genially Web SL',
      url: 'https://genially.com',
      purpose: 'Escape games pédagogiques en sciences et en histoire',
      classes: ['CM2'],
      approxStudentCount: 26,
      dataCategories: ['ASSESSMENT'],
      pseudonymsUsed: true,
      hosting: 'EU',
      hostingCountry: 'Espagne',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
    },
    steps: [],
  },
  {
    key: 'platanes.toutemonannee',
    school: 'platanes',
    author: 'julien',
    answers: {
      toolName: 'Toutemonannée',
      vendor: 'Toutemonannée SAS',
      url: 'https://www.toutemonannee.com',
      purpose: 'Blog de classe et cahier de liaison avec les familles',
      classes: ['CE1'],
      approxStudentCount: 24,
      dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
      pseudonymsUsed: false,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
      securityMeasures: 'Accès réservé aux familles de la classe, par invitation',
    },
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE' }],
  },
  {
    key: 'aubrac.canva',
    school: 'aubrac',
    author: 'manon',
    answers: { ...CANVA, purpose: 'Imagier de la classe avec les photos des élèves' },
    steps: [{ do: 'submit' }, { do: 'withdraw' }],
  },
  {
    key: 'aubrac.beneylu',
    school: 'aubrac',
    author: 'manon',
    answers: {
      toolName: 'Beneylu School',
      vendor: 'Beneylu',
      url: 'https://beneylu.com/school',
      purpose: 'ENT de la classe : cahier de vie et messagerie avec les familles',
      classes: ['MS-GS'],
      approxStudentCount: 25,
      dataCategories: ['IDENTITY', 'SCHOOLING', 'IMAGE_VOICE'],
      pseudonymsUsed: false,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
    },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'fermat.capytale',
    school: 'fermat',
    author: 'antoine',
    answers: {
      toolName: 'Capytale',
      vendor: "Ministère de l'Éducation nationale (accès par l'ENT)",
      url: 'https://capytale2.ac-paris.fr',
      purpose: 'Activités de programmation Python en physique-chimie',
      classes: ['2nde 3', '1re G2'],
      approxStudentCount: 68,
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      pseudonymsUsed: false,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'UNKNOWN',
      institutional: true,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
      securityMeasures: "Connexion par l'ENT, sans compte à créer",
    },
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE', treatment: 'fermat.ent' }],
  },
  {
    key: 'fermat.pix',
    school: 'fermat',
    author: 'ines',
    answers: {
      toolName: 'Pix',
      vendor: 'GIP Pix',
      url: 'https://pix.fr',
      purpose: 'Entraînement et certification des compétences numériques',
      classes: ['Terminale NSI'],
      approxStudentCount: 31,
      dataCategories: ['IDENTITY', 'ASSESSMENT', 'CONNECTION_DATA'],
      pseudonymsUsed: false,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'YES',
      institutional: true,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 60,
    },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'champollion.padlet',
    school: 'champollion',
    author: 'romain',
    answers: {
      ...PADLET,
      purpose: 'Frise chronologique collaborative',
      classes: ['1re G1'],
      approxStudentCount: 33,
    },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'bourdelle.canva',
    school: 'bourdelle',
    author: 'yasmine',
    answers: CANVA,
    steps: [{ do: 'submit' }],
  },
  {
    key: 'bourdelle.pronote',
    school: 'bourdelle',
    author: 'yasmine',
    answers: {
      toolName: 'Pronote (évaluation par compétences)',
      vendor: 'Index Éducation',
      url: 'https://www.index-education.com/fr/pronote.php',
      purpose: 'Évaluation par compétences en lettres-histoire',
      classes: ['2nde Bac pro MRC'],
      approxStudentCount: 24,
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      pseudonymsUsed: false,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'NO',
      institutional: true,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
    },
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE', treatment: 'bourdelle.vie-scolaire' }],
  },
  {
    key: 'fabre.kahoot',
    school: 'fabre',
    author: 'pierre',
    answers: {
      ...KAHOOT,
      purpose: 'Quiz sur les règles des sports collectifs',
      classes: ['5e A', '5e B'],
      familiesInformed: true,
      retentionMonths: 12,
    },
    steps: [{ do: 'submit' }, { do: 'decide', decision: 'APPROVE' }],
  },
  {
    key: 'mendes.nuage',
    school: 'mendes',
    author: 'elodie',
    answers: { ...NUAGE, purpose: 'Partage des corrigés et des devoirs maison', classes: ['3e A'] },
    steps: [{ do: 'submit' }],
  },
  {
    key: 'mendes.quizlet',
    school: 'mendes',
    author: 'elodie',
    answers: { ...QUIZLET, purpose: 'Cartes de révision du brevet', classes: ['3e A', '3e C'] },
    steps: [],
  },
];

// ---------------------------------------------------------------- breaches

/** Dates are given in hours before the seed runs, so the 72-hour deadline means the same thing on every run. */
export interface DemoViolation {
  key: string;
  school: string;
  /** user key: the head, or a teacher reporting an incident */
  reporter: string;
  title: string;
  description: string;
  incidentType: `${IncidentType}`;
  natures: `${BreachNature}`[];
  occurredHoursAgo?: number;
  discoveredHoursAgo: number;
  dataCategories?: Category[];
  subjectCategories?: Subject[];
  approxSubjectCount?: number;
  approxRecordCount?: number;
  consequences?: string;
  measuresTaken?: string;
  risk: `${BreachRisk}`;
  /** treatment keys */
  treatments?: string[];
  /** then completed by the head: notification and information dates */
  followUp?: {
    cnilNotifiedHoursAgo?: number;
    cnilReference?: string;
    subjectsInformedHoursAgo?: number;
    rssiInformedHoursAgo?: number;
    hierarchyInformedHoursAgo?: number;
  };
  close?: boolean;
}

export const DEMO_VIOLATIONS: DemoViolation[] = [
  {
    // OPEN, RISK, discovered five days ago, the CNIL still not notified: overdue
    key: 'jaures.pronote',
    school: 'jaures',
    reporter: 'head.jaures',
    title: "Compte Pronote d'un enseignant utilisé par un tiers",
    description:
      "Un élève a utilisé les identifiants d'un enseignant, notés sur un post-it, pour consulter et modifier des notes de 3e.",
    incidentType: 'PASSWORD_MISUSE',
    natures: ['CONFIDENTIALITY', 'INTEGRITY'],
    occurredHoursAgo: 6 * 24,
    discoveredHoursAgo: 5 * 24,
    dataCategories: ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
    subjectCategories: ['STUDENTS'],
    approxSubjectCount: 87,
    approxRecordCount: 240,
    consequences: 'Notes de trois classes consultées, onze notes modifiées puis rétablies.',
    measuresTaken: 'Mot de passe réinitialisé, historique des modifications vérifié avec l’éditeur.',
    risk: 'RISK',
    treatments: ['jaures.vie-scolaire'],
    followUp: { rssiInformedHoursAgo: 5 * 24 - 3 },
  },
  {
    // OPEN, UNLIKELY: a teacher's incident report, waiting for the head (the walkthrough closes it)
    key: 'jaures.usb',
    school: 'jaures',
    reporter: 'thomas',
    title: 'Clé USB perdue en salle de sciences',
    description:
      'J’ai égaré une clé USB chiffrée contenant les évaluations de SVT de mes classes de 4e. Elle n’a pas été retrouvée.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY'],
    occurredHoursAgo: 30,
    discoveredHoursAgo: 26,
    dataCategories: ['IDENTITY', 'ASSESSMENT'],
    subjectCategories: ['STUDENTS'],
    approxSubjectCount: 112,
    risk: 'UNLIKELY',
  },
  {
    // CLOSED: notified within the 72 hours
    key: 'fermat.laptop',
    school: 'fermat',
    reporter: 'head.fermat',
    title: "Vol d'un ordinateur portable du secrétariat",
    description:
      'Ordinateur portable volé dans un véhicule ; il contenait une copie des bulletins du premier trimestre.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY', 'AVAILABILITY'],
    occurredHoursAgo: 45 * 24,
    discoveredHoursAgo: 45 * 24 - 10,
    dataCategories: ['IDENTITY', 'SCHOOLING', 'ASSESSMENT'],
    subjectCategories: ['STUDENTS', 'PARENTS'],
    approxSubjectCount: 410,
    consequences: 'Aucune utilisation des données constatée ; disque non chiffré.',
    measuresTaken: 'Plainte déposée, mots de passe changés, chiffrement des portables généralisé.',
    risk: 'RISK',
    treatments: ['fermat.vie-scolaire'],
    followUp: {
      cnilNotifiedHoursAgo: 45 * 24 - 40,
      cnilReference: 'Notification CNIL 2-25-031877',
      rssiInformedHoursAgo: 45 * 24 - 12,
      hierarchyInformedHoursAgo: 45 * 24 - 20,
    },
    close: true,
  },
  {
    // OPEN, HIGH_RISK: notified in time, the families informed, the investigation goes on
    key: 'champollion.phishing',
    school: 'champollion',
    reporter: 'head.champollion',
    title: 'Hameçonnage de la messagerie de la vie scolaire',
    description:
      'Un courriel frauduleux a obtenu le mot de passe de la messagerie de la vie scolaire ; des certificats médicaux joints à des justificatifs d’absence ont pu être lus.',
    incidentType: 'INTRUSION',
    natures: ['CONFIDENTIALITY'],
    occurredHoursAgo: 4 * 24,
    discoveredHoursAgo: 3 * 24,
    dataCategories: ['IDENTITY', 'CONTACT', 'HEALTH'],
    subjectCategories: ['STUDENTS', 'PARENTS'],
    approxSubjectCount: 60,
    risk: 'HIGH_RISK',
    treatments: ['champollion.vie-scolaire'],
    followUp: {
      cnilNotifiedHoursAgo: 3 * 24 - 30,
      cnilReference: 'Notification CNIL 2-25-033412',
      subjectsInformedHoursAgo: 2 * 24,
      rssiInformedHoursAgo: 3 * 24 - 1,
      hierarchyInformedHoursAgo: 3 * 24 - 2,
    },
  },
];

// ---------------------------------------------------------------- the DPD's reviews

export interface DemoReview {
  target:
    | { type: 'TREATMENT'; key: string }
    /** the treatment an approved declaration (its key) created */
    | { type: 'TREATMENT'; ofDeclaration: string }
    | { type: 'TOOL_DECLARATION'; key: string }
    | { type: 'VIOLATION'; key: string };
  verdict: `${ReviewVerdict}`;
  comment?: string;
}

export const DEMO_REVIEWS: DemoReview[] = [
  { target: { type: 'TREATMENT', key: 'jaures.vie-scolaire' }, verdict: 'APPROVED' },
  {
    target: { type: 'TREATMENT', key: 'jaures.cantine' },
    verdict: 'CHANGES_REQUESTED',
    comment:
      'Préciser qui accède aux PAI et combien de temps ils sont conservés ; joindre l’analyse d’impact (données de santé).',
  },
  { target: { type: 'TREATMENT', key: 'fermat.vie-scolaire' }, verdict: 'APPROVED' },
  { target: { type: 'TREATMENT', key: 'fermat.ent' }, verdict: 'APPROVED' },
  { target: { type: 'TREATMENT', key: 'ferry.photos' }, verdict: 'APPROVED' },
  {
    target: { type: 'TOOL_DECLARATION', key: 'jaures.kahoot' },
    verdict: 'COMMENT',
    comment:
      'Hébergement inconnu et réutilisation des données possible : Digipad ou La Quizinière offrent l’équivalent, hébergés en France.',
  },
  {
    target: { type: 'TREATMENT', ofDeclaration: 'fabre.kahoot' },
    verdict: 'CHANGES_REQUESTED',
    comment:
      'Hébergement inconnu et réutilisation commerciale possible : obtenir les garanties de l’éditeur, ou remplacer l’outil.',
  },
  {
    target: { type: 'VIOLATION', key: 'fermat.laptop' },
    verdict: 'COMMENT',
    comment: 'Notification dans les délais, mesures adaptées. Chiffrer systématiquement les portables.',
  },
  {
    target: { type: 'VIOLATION', key: 'champollion.phishing' },
    verdict: 'COMMENT',
    comment: 'Bonne réactivité. Joindre le rapport du RSSI dès réception.',
  },
];

// ---------------------------------------------------------------- requests to exercise rights

export interface DemoRightsRequest {
  school: string;
  rightTypes: `${RightType}`[];
  channel: `${RightsRequestChannel}`;
  receivedDaysAgo: number;
  requesterName: string;
  requesterRelation: `${RequesterRelation}`;
  subjectName?: string;
  subjectCategory: Subject;
  description: string;
  /** treatment keys */
  treatments?: string[];
  /** then moved by the head, in order, each so many days ago */
  steps?: (
    | { transition: 'START' | 'AWAIT_REQUESTER'; daysAgo: number }
    | { transition: 'ANSWER'; daysAgo: number; answerSummary: string }
    | { transition: 'EXTEND'; daysAgo: number; extensionReason: string }
  )[];
}

/** Families' requests kept in the heads' registers: one in time, one late, one paused, one overdue. */
export const DEMO_RIGHTS_REQUESTS: DemoRightsRequest[] = [
  {
    // IN_PROGRESS, within its month: a parent wants a copy of the Pronote data
    school: 'jaures',
    rightTypes: ['ACCESS'],
    channel: 'EMAIL',
    receivedDaysAgo: 12,
    requesterName: 'Sophie Garcia',
    requesterRelation: 'LEGAL_GUARDIAN',
    subjectName: 'Lucas Garcia (4e B)',
    subjectCategory: 'STUDENTS',
    description:
      'Demande une copie de toutes les données de son fils dans Pronote : notes, absences, sanctions, appréciations et historique de connexion.',
    treatments: ['jaures.vie-scolaire'],
    steps: [{ transition: 'START', daysAgo: 10 }],
  },
  {
    // RECEIVED three days ago: erasure of a photo on the school's website
    school: 'ferry',
    rightTypes: ['ERASURE', 'WITHDRAW_CONSENT'],
    channel: 'LETTER',
    receivedDaysAgo: 3,
    requesterName: 'Karim Benali',
    requesterRelation: 'LEGAL_GUARDIAN',
    subjectName: 'Inès Benali (CM1)',
    subjectCategory: 'STUDENTS',
    description:
      "Retire son accord pour la photo de la sortie au Muséum publiée sur le site de l'école et demande son effacement.",
    treatments: ['ferry.photos'],
  },
  {
    // ANSWERED five days after its deadline, the reason in the answer
    school: 'jaures',
    rightTypes: ['ACCESS', 'RECTIFICATION'],
    channel: 'IN_PERSON',
    receivedDaysAgo: 70,
    requesterName: 'Thierry Vidal',
    requesterRelation: 'LEGAL_GUARDIAN',
    subjectName: 'Manon Vidal (3e A)',
    subjectCategory: 'STUDENTS',
    description:
      'Demande la liste des absences enregistrées pour sa fille et la correction de trois demi-journées notées à tort.',
    treatments: ['jaures.vie-scolaire'],
    steps: [
      { transition: 'START', daysAgo: 65 },
      {
        transition: 'ANSWER',
        daysAgo: 35,
        answerSummary:
          "Relevé des absences remis, trois absences corrigées. Réponse donnée après l'échéance : la vie scolaire attendait le contrôle des appels par les enseignants, en stage de formation.",
      },
    ],
  },
  {
    // AWAITING_REQUESTER: the clock stands still until the requester proves its identity
    school: 'gouges',
    rightTypes: ['ACCESS'],
    channel: 'EMAIL',
    receivedDaysAgo: 20,
    requesterName: 'Julien Marty',
    requesterRelation: 'SELF',
    subjectCategory: 'OTHER',
    description:
      "Ancien élève (promotion 2019) demandant ses résultats et appréciations de 3e ; écrit depuis une adresse personnelle que l'établissement ne connaît pas.",
    steps: [{ transition: 'AWAIT_REQUESTER', daysAgo: 18 }],
  },
  {
    // IN_PROGRESS past its deadline: the DPD's queue of overdue requests shows it
    school: 'champollion',
    rightTypes: ['ERASURE'],
    channel: 'ENT',
    receivedDaysAgo: 40,
    requesterName: 'Claire Bousquet',
    requesterRelation: 'LEGAL_GUARDIAN',
    subjectName: 'Hugo Bousquet (1re G2)',
    subjectCategory: 'STUDENTS',
    description:
      "Demande l'effacement des productions de son fils déposées sur l'ENT par un enseignant dans un espace ouvert aux autres classes.",
    treatments: ['champollion.ent'],
    steps: [{ transition: 'START', daysAgo: 38 }],
  },
];
