/**
 * The demo académie's tool catalogue (RULES.md, "Catalogue"): the ministry's and the académie's
 * services the onboarding guide names, RECOMMENDED, and the commercial tools teachers declare most,
 * each with the opinion and the conditions a DPD would write. Pure data: scripts/seed-demo.ts creates
 * the entries as the demo DPD, after the declarations, so that the ones already declared are linked.
 */
type Category =
  | 'IDENTITY'
  | 'CONTACT'
  | 'SCHOOLING'
  | 'ASSESSMENT'
  | 'IMAGE_VOICE'
  | 'CONNECTION_DATA'
  | 'LOCATION'
  | 'FINANCIAL'
  | 'HEALTH'
  | 'OTHER_SENSITIVE'
  | 'OTHER';

export interface DemoCatalogTool {
  name: string;
  aliases?: string[];
  vendor: string;
  url: string;
  description: string;
  dataCategories: Category[];
  hosting: 'EU' | 'NON_EU' | 'UNKNOWN';
  hostingCountry?: string;
  freeSoftware: 'YES' | 'NO' | 'UNKNOWN';
  institutional: boolean;
  commercialReuse: 'YES' | 'NO' | 'UNKNOWN';
  retentionMonths?: number | null;
  securityMeasures?: string;
  opinion: 'PENDING' | 'RECOMMENDED' | 'ALLOWED_WITH_CONDITIONS' | 'DISCOURAGED' | 'FORBIDDEN';
  conditions?: string;
  /** names of other entries of this list */
  alternatives?: string[];
}

const MINISTRY = "Ministère de l'Éducation nationale";

/** An institutional service: hosted in France, free software, no reuse, recommended. */
const institutional = (
  name: string,
  aliases: string[],
  url: string,
  description: string,
  dataCategories: Category[],
  vendor = MINISTRY,
): DemoCatalogTool => ({
  name,
  aliases,
  vendor,
  url,
  description,
  dataCategories,
  hosting: 'EU',
  hostingCountry: 'France',
  freeSoftware: 'YES',
  institutional: true,
  commercialReuse: 'NO',
  retentionMonths: 12,
  securityMeasures: 'Authentification par le guichet académique ; hébergement par le ministère en France.',
  opinion: 'RECOMMENDED',
});

export const DEMO_CATALOG: DemoCatalogTool[] = [
  {
    ...institutional(
      'ENT',
      ['ENT Occitanie', 'Espace numérique de travail', 'ENT 1er degré'],
      'https://ent.ac-toulouse.fr',
      'L’espace numérique de travail de l’établissement : cahier de textes, messagerie, ressources.',
      ['IDENTITY', 'CONTACT', 'SCHOOLING', 'ASSESSMENT'],
      'Région académique et collectivités',
    ),
    freeSoftware: 'NO',
  },
  institutional(
    'Nuage',
    ['Nuage (apps.education.fr)', 'nuage.apps.education.fr'],
    'https://nuage.apps.education.fr',
    'Stockage et partage de fichiers des agents (apps.education.fr).',
    ['IDENTITY', 'ASSESSMENT', 'IMAGE_VOICE'],
  ),
  institutional(
    'Tribu',
    ['Tribu (apps.education.fr)'],
    'https://tribu.phm.education.gouv.fr',
    'Espaces collaboratifs de travail entre agents et avec les élèves.',
    ['IDENTITY', 'CONTACT'],
  ),
  institutional(
    'Tchap',
    ['Tchap Éducation'],
    'https://www.tchap.gouv.fr',
    'Messagerie instantanée de l’État pour les agents.',
    ['IDENTITY', 'CONTACT'],
    'DINUM',
  ),
  institutional(
    'Visio-agents',
    ['Visio agents', 'visio-agents.education.fr'],
    'https://visio-agents.education.fr',
    'Visioconférence des agents (réunions, conseils).',
    ['IDENTITY', 'IMAGE_VOICE'],
  ),
  institutional(
    'Classe virtuelle',
    ['Classe virtuelle du CNED', 'Ma classe à la maison'],
    'https://lycee.cned.fr',
    'Classes virtuelles du CNED pour la continuité pédagogique.',
    ['IDENTITY', 'IMAGE_VOICE', 'CONNECTION_DATA'],
    'CNED',
  ),
  institutional(
    'Evento',
    ['Evento (apps.education.fr)'],
    'https://evento.renater.fr',
    'Sondages et planification de réunions.',
    ['IDENTITY', 'CONTACT'],
    'RENATER',
  ),
  institutional(
    'PeerTube',
    ['PeerTube (apps.education.fr)', 'tube.apps.education.fr'],
    'https://tube.apps.education.fr',
    'Hébergement et diffusion de vidéos pédagogiques, sans publicité.',
    ['IMAGE_VOICE'],
  ),
  institutional(
    'Pod Educ',
    ['Pod', 'podeduc.apps.education.fr'],
    'https://podeduc.apps.education.fr',
    'Podcasts et vidéos réalisés en classe.',
    ['IMAGE_VOICE'],
  ),
  institutional(
    'CodiMD',
    ['CodiMD (apps.education.fr)', 'Codimd'],
    'https://codimd.apps.education.fr',
    'Écriture collaborative de documents en Markdown.',
    ['OTHER'],
  ),
  institutional(
    'FranceTransfert',
    ['France Transfert'],
    'https://francetransfert.numerique.gouv.fr',
    'Envoi de fichiers volumineux, supprimés après 30 jours au plus.',
    ['IDENTITY', 'CONTACT'],
    'DINUM',
  ),
  institutional(
    'FileSender',
    ['FileSender RENATER'],
    'https://filesender.renater.fr',
    'Envoi de fichiers volumineux par le réseau de l’enseignement.',
    ['IDENTITY', 'CONTACT'],
    'RENATER',
  ),
  institutional(
    'Capytale',
    ['Capytale (ENT)'],
    'https://capytale2.ac-paris.fr',
    'Activités de programmation (Python, SQL…) créées par l’enseignant, accessibles par l’ENT.',
    ['IDENTITY', 'ASSESSMENT'],
    'Académie de Paris',
  ),
  {
    ...institutional(
      'Pix',
      ['Pix Orga', 'pix.fr'],
      'https://pix.fr',
      'Évaluation et certification des compétences numériques (service public, GIP Pix).',
      ['IDENTITY', 'ASSESSMENT'],
      'GIP Pix',
    ),
    retentionMonths: 60,
  },
  {
    ...institutional(
      'Ressources du GAR',
      ['GAR', 'Gestionnaire d’accès aux ressources', 'Médiacentre'],
      'https://gar.education.fr',
      'Manuels et ressources numériques acquis par l’établissement, accessibles par l’ENT via le GAR : les éditeurs ne reçoivent que des données pseudonymes.',
      ['IDENTITY', 'SCHOOLING'],
    ),
    freeSoftware: 'NO',
  },
  {
    name: 'Pronote',
    aliases: ['Pronote (évaluation par compétences)', 'Index Éducation Pronote'],
    vendor: 'Index Éducation',
    url: 'https://www.index-education.com/fr/logiciel-gestion-vie-scolaire.php',
    description:
      'Vie scolaire, notes et compétences, cahier de textes : le logiciel de gestion de l’établissement.',
    dataCategories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'ASSESSMENT'],
    hosting: 'EU',
    hostingCountry: 'France',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'NO',
    retentionMonths: 12,
    securityMeasures:
      'Hébergement en France, contrat de sous-traitance conforme à l’article 28 signé par l’établissement.',
    opinion: 'ALLOWED_WITH_CONDITIONS',
    conditions:
      'Utilisable comme outil de gestion de l’établissement : le contrat de sous-traitance est signé par le chef d’établissement ; pas d’appréciation de santé ou de comportement dans les commentaires.',
  },
  {
    name: 'LearningApps',
    aliases: ['learningapps.org'],
    vendor: 'Association LearningApps.org',
    url: 'https://learningapps.org',
    description: 'Exercices interactifs créés par l’enseignant.',
    dataCategories: ['ASSESSMENT'],
    hosting: 'EU',
    hostingCountry: 'Suisse',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'NO',
    retentionMonths: 12,
    opinion: 'ALLOWED_WITH_CONDITIONS',
    conditions: 'Comptes de classe sans nom ni adresse des élèves ; exercices sans donnée personnelle.',
    alternatives: ['Capytale'],
  },
  {
    name: 'Kahoot!',
    aliases: ['kahoot.it', 'Kahoot'],
    vendor: 'Kahoot! ASA',
    url: 'https://kahoot.com',
    description: 'Quiz en direct projetés en classe.',
    dataCategories: ['IDENTITY', 'ASSESSMENT'],
    hosting: 'UNKNOWN',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'UNKNOWN',
    retentionMonths: null,
    opinion: 'ALLOWED_WITH_CONDITIONS',
    conditions:
      'Mode « kahoot.it » sans compte élève, pseudonymes à la place des noms, aucun rapport nominatif téléchargé ; l’enseignant supprime ses sessions en fin d’année.',
    alternatives: ['Capytale'],
  },
  {
    name: 'Digipad',
    aliases: ['Digipad (La Digitale)'],
    vendor: 'La Digitale',
    url: 'https://digipad.app',
    description: 'Murs collaboratifs libres, hébergés en France.',
    dataCategories: ['IMAGE_VOICE'],
    hosting: 'EU',
    hostingCountry: 'France',
    freeSoftware: 'YES',
    institutional: false,
    commercialReuse: 'NO',
    retentionMonths: 12,
    opinion: 'RECOMMENDED',
  },
  {
    name: 'Padlet',
    aliases: ['padlet.com'],
    vendor: 'Wallwisher Inc.',
    url: 'https://padlet.com',
    description: 'Murs collaboratifs.',
    dataCategories: ['IMAGE_VOICE', 'ASSESSMENT'],
    hosting: 'NON_EU',
    hostingCountry: 'États-Unis',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'NO',
    retentionMonths: null,
    opinion: 'DISCOURAGED',
    conditions:
      'Données hébergées aux États-Unis sans garantie suffisante, photos d’élèves souvent publiées : préférez Digipad (La Digitale) ou les murs de l’ENT.',
    alternatives: ['ENT', 'Digipad'],
  },
  {
    name: 'Quizlet',
    aliases: ['quizlet.com'],
    vendor: 'Quizlet Inc.',
    url: 'https://quizlet.com',
    description: 'Cartes de révision.',
    dataCategories: ['IDENTITY', 'CONTACT', 'ASSESSMENT'],
    hosting: 'NON_EU',
    hostingCountry: 'États-Unis',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'YES',
    retentionMonths: null,
    opinion: 'FORBIDDEN',
    conditions:
      'Comptes élèves avec adresse électronique, publicité ciblée et réutilisation des données par l’éditeur aux États-Unis : à ne pas utiliser avec les élèves.',
    alternatives: ['LearningApps', 'Capytale'],
  },
  {
    name: 'Canva',
    aliases: ['Canva pour l’éducation', 'Canva Education'],
    vendor: 'Canva Pty Ltd',
    url: 'https://www.canva.com',
    description: 'Création graphique en ligne.',
    dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
    hosting: 'NON_EU',
    hostingCountry: 'Australie',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'UNKNOWN',
    retentionMonths: null,
    opinion: 'PENDING',
  },
  {
    name: 'ClassDojo',
    aliases: ['Class Dojo'],
    vendor: 'ClassDojo Inc.',
    url: 'https://www.classdojo.com',
    description: 'Suivi du comportement des élèves et messagerie avec les familles.',
    dataCategories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'IMAGE_VOICE'],
    hosting: 'NON_EU',
    hostingCountry: 'États-Unis',
    freeSoftware: 'NO',
    institutional: false,
    commercialReuse: 'UNKNOWN',
    retentionMonths: null,
    opinion: 'FORBIDDEN',
    conditions:
      'Notation publique du comportement d’enfants et photos partagées avec les familles depuis les États-Unis : incompatible avec la protection des élèves. Utilisez la messagerie de l’ENT.',
    alternatives: ['ENT'],
  },
];
