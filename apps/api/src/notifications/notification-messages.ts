import {
  BREACH_RISK_LABELS,
  CATALOG_OPINION_LABELS,
  INCIDENT_TYPE_LABELS,
  label,
  REVIEW_TARGET_TYPE_LABELS,
  REVIEW_VERDICT_LABELS,
  RIGHT_TYPE_LABELS,
  RISK_LEVEL_LABELS,
} from '@app/pdf/labels';
import { entryAddress } from '@app/rules/entry-links';

/**
 * The texts of the notifications: French, plain text, only what the reader needs. Subjects never
 * carry a free text a person typed (a violation's title may name a pupil): a reference, a tool's
 * name, the school's.
 */
export interface Message {
  subject: string;
  body: string;
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "3 décembre 2026 à 14 h 05", Europe/Paris. */
export function parisDateTime(date: Date): string {
  const part = (type: string) => Number(PARIS.formatToParts(date).find((p) => p.type === type)?.value);
  const day = part('day');
  const minute = String(part('minute')).padStart(2, '0');
  return `${day === 1 ? '1er' : day} ${MONTHS[part('month') - 1]} ${part('year')} à ${part('hour')} h ${minute}`;
}

/** The web application's page of an entry (libs/rules/src/entry-links.ts: one address for every role). */
export function entryLink(publicUrl: string, type: string, id: string): string {
  return `${publicUrl}${entryAddress(type, id) ?? '/'}`;
}

/** Stored in place of a personal link (invitation, reset): only the e-mail carries the link itself. */
export const SECRET_LINK = '[lien personnel : il figure seulement dans le courriel]';

const SIGNATURE = '\n\n—\nRegistre RGPD des établissements scolaires. Ce message est envoyé automatiquement.';

export interface SchoolRef {
  name: string;
  uai: string;
}

export interface ViolationFacts {
  reference: string;
  title: string;
  incidentType: string;
  risk: string;
  cnilNotificationRequired: boolean;
  cnilDeadline: Date;
  school: SchoolRef;
  link: string;
}

const deadlineLine = (v: ViolationFacts) =>
  v.cnilNotificationRequired
    ? `Notification à la CNIL avant le ${parisDateTime(v.cnilDeadline)} (72 heures après la découverte).`
    : "Risque improbable : pas de notification à la CNIL, mais l'incident reste à documenter.";

export function breachRecorded(v: ViolationFacts): Message {
  return {
    subject: `[Registre RGPD] Violation ${v.reference} signalée — ${v.school.name}`,
    body:
      `Une violation de données personnelles vient d'être enregistrée pour ${v.school.name} (UAI ${v.school.uai}).\n\n` +
      `Référence : ${v.reference}\n` +
      `Intitulé : ${v.title}\n` +
      `Type d'incident : ${label(INCIDENT_TYPE_LABELS, v.incidentType)}\n` +
      `Risque : ${label(BREACH_RISK_LABELS, v.risk)}\n` +
      `${deadlineLine(v)}\n\n` +
      `Vous recevez ce message au titre de la chaîne d'alerte (chef d'établissement, DPD, RSSI, autorité hiérarchique).\n` +
      `Consulter la fiche : ${v.link}` +
      SIGNATURE,
  };
}

export function deadlineReminder(v: ViolationFacts, hoursLeft: number): Message {
  return {
    subject: `[Registre RGPD] Violation ${v.reference} : notification CNIL attendue sous ${hoursLeft} h — ${v.school.name}`,
    body:
      `La violation ${v.reference} de ${v.school.name} (UAI ${v.school.uai}) n'est pas encore notifiée à la CNIL.\n\n` +
      `Échéance : ${parisDateTime(v.cnilDeadline)} (dans ${hoursLeft} heures environ).\n` +
      `Risque : ${label(BREACH_RISK_LABELS, v.risk)}\n\n` +
      `Notifiez la CNIL puis renseignez la date de notification dans la fiche, ou justifiez l'absence de notification.\n` +
      `Consulter la fiche : ${v.link}` +
      SIGNATURE,
  };
}

export function deadlinePassed(v: ViolationFacts): Message {
  return {
    subject: `[Registre RGPD] Violation ${v.reference} : délai de 72 h dépassé — ${v.school.name}`,
    body:
      `Le délai de notification à la CNIL de la violation ${v.reference} de ${v.school.name} (UAI ${v.school.uai}) ` +
      `est dépassé depuis le ${parisDateTime(v.cnilDeadline)}.\n\n` +
      `Notifiez la CNIL sans attendre et indiquez dans la fiche les raisons du retard (art. 33.1 du RGPD).\n` +
      `Consulter la fiche : ${v.link}` +
      SIGNATURE,
  };
}

export interface DeclarationFacts {
  toolName: string;
  riskLevel: string;
  authorName: string;
  school: SchoolRef;
  link: string;
}

export function declarationSubmitted(d: DeclarationFacts): Message {
  return {
    subject: `[Registre RGPD] Outil « ${d.toolName} » soumis à votre décision — ${d.school.name}`,
    body:
      `${d.authorName} a déclaré l'outil « ${d.toolName} » pour ${d.school.name} (UAI ${d.school.uai}).\n\n` +
      `Niveau de risque calculé : ${label(RISK_LEVEL_LABELS, d.riskLevel)}\n\n` +
      `Approuvez la déclaration, demandez des modifications ou refusez-la depuis la fiche : ${d.link}` +
      SIGNATURE,
  };
}

const DECIDED = { APPROVE: 'approuvée', REJECT: 'refusée', REQUEST_CHANGES: 'modifications demandées' };

export function declarationDecided(d: DeclarationFacts, decision: string, comment: string | null): Message {
  const outcome = label(DECIDED, decision);
  return {
    subject: `[Registre RGPD] Votre déclaration de « ${d.toolName} » : ${outcome}`,
    body:
      `Votre déclaration de l'outil « ${d.toolName} » (${d.school.name}) a reçu une décision : ${outcome}.\n\n` +
      (comment ? `Commentaire du chef d'établissement :\n${comment}\n\n` : '') +
      `Consulter la déclaration : ${d.link}` +
      SIGNATURE,
  };
}

export interface ReviewFacts {
  targetType: string;
  /** a reference or a tool's name: never a free text */
  targetName: string;
  verdict: string;
  comment: string | null;
  reviewerName: string;
  school: SchoolRef;
  link: string;
}

export function reviewRecorded(r: ReviewFacts): Message {
  const what = label(REVIEW_TARGET_TYPE_LABELS, r.targetType);
  return {
    subject: `[Registre RGPD] Avis du DPD sur ${what.toLowerCase()} ${r.targetName} — ${r.school.name}`,
    body:
      `${r.reviewerName} (DPD) a rendu un avis sur ${what.toLowerCase()} ${r.targetName} de ${r.school.name} ` +
      `(UAI ${r.school.uai}) : ${label(REVIEW_VERDICT_LABELS, r.verdict)}.\n\n` +
      (r.comment ? `Commentaire :\n${r.comment}\n\n` : '') +
      `Consulter la fiche : ${r.link}` +
      SIGNATURE,
  };
}

export interface CatalogChangeFacts {
  toolName: string;
  opinion: string;
  conditions: string | null;
  school: SchoolRef;
  /** the school's treatments sent back to the DPD's review, by reference */
  treatments: { reference: string; name: string }[];
  link: string;
}

/** A catalogue entry changed what its linked treatments rely on: the school's heads are told. */
export function catalogOpinionChanged(c: CatalogChangeFacts): Message {
  const treatments = c.treatments.map((t) => `- ${t.reference} — ${t.name}`).join('\n');
  return {
    subject: `[Registre RGPD] Catalogue de l'académie : l'avis sur « ${c.toolName} » a changé — ${c.school.name}`,
    body:
      `Le délégué à la protection des données a modifié la fiche de l'outil « ${c.toolName} » dans le catalogue de l'académie.\n\n` +
      `Avis : ${label(CATALOG_OPINION_LABELS, c.opinion)}\n` +
      (c.conditions ? `Conditions ou motif : ${c.conditions}\n` : '') +
      `\nCes traitements de ${c.school.name} (UAI ${c.school.uai}) s'appuient sur cet outil et repassent en attente de revue :\n${treatments}\n\n` +
      `Consultez le registre des traitements : ${c.link}` +
      SIGNATURE,
  };
}

/** What a reminder says of a rights request: its reference and rights, never the requester's name. */
export interface RightsRequestFacts {
  reference: string;
  rightTypes: string[];
  dueAt: Date;
  school: SchoolRef;
  link: string;
}

const rightsOf = (r: RightsRequestFacts) => r.rightTypes.map((t) => label(RIGHT_TYPE_LABELS, t)).join(', ');

/** 7 and 2 days before a rights request's deadline, while it is neither answered nor paused. */
export function rightsRequestDueSoon(r: RightsRequestFacts, daysLeft: number): Message {
  return {
    subject: `[Registre RGPD] Demande ${r.reference} : réponse attendue sous ${daysLeft} jour${daysLeft > 1 ? 's' : ''} — ${r.school.name}`,
    body:
      `La demande d'exercice des droits ${r.reference} de ${r.school.name} (UAI ${r.school.uai}) attend sa réponse.\n\n` +
      `Droits exercés : ${rightsOf(r)}\n` +
      `Échéance : ${parisDateTime(r.dueAt)} (art. 12.3 du RGPD : un mois, prolongeable de deux mois si la personne en est informée avant la fin du premier).\n\n` +
      `Consulter la demande : ${r.link}` +
      SIGNATURE,
  };
}

/** Once, when a rights request's deadline has passed without an answer. */
export function rightsRequestOverdue(r: RightsRequestFacts): Message {
  return {
    subject: `[Registre RGPD] Demande ${r.reference} : délai de réponse dépassé — ${r.school.name}`,
    body:
      `Le délai de réponse à la demande d'exercice des droits ${r.reference} de ${r.school.name} (UAI ${r.school.uai}) est dépassé depuis le ${parisDateTime(r.dueAt)}.\n\n` +
      `Droits exercés : ${rightsOf(r)}\n\n` +
      `Répondez à la personne au plus vite et enregistrez la réponse, avec le motif du retard : ${r.link}` +
      SIGNATURE,
  };
}

export interface DigestFacts {
  academyName: string;
  counts: { label: string; value: number }[];
  items: { line: string; link: string }[];
  dashboardLink: string;
}

export function weeklyDigest(d: DigestFacts): Message {
  const counts = d.counts.map((c) => `- ${c.label} : ${c.value}`).join('\n');
  const items = d.items.length
    ? d.items.map((item, i) => `${i + 1}. ${item.line}\n   ${item.link}`).join('\n')
    : 'Rien d’urgent cette semaine.';
  return {
    subject: `[Registre RGPD] Synthèse hebdomadaire — ${d.academyName}`,
    body:
      `Synthèse de la semaine pour ${d.academyName}.\n\n${counts}\n\n` +
      `Les dix points les plus urgents :\n${items}\n\n` +
      `Tableau de bord : ${d.dashboardLink}` +
      SIGNATURE,
  };
}

export function invitation(displayName: string, academyName: string, expiresAt: Date): Message {
  return {
    subject: '[Registre RGPD] Votre compte a été créé : choisissez votre mot de passe',
    body:
      `Bonjour ${displayName},\n\nUn compte vous a été ouvert dans le registre RGPD (${academyName}).\n` +
      `Choisissez votre mot de passe (12 caractères au moins) en suivant ce lien, valable jusqu'au ` +
      `${parisDateTime(expiresAt)} et utilisable une seule fois :\n${SECRET_LINK}` +
      SIGNATURE,
  };
}

export function passwordReset(displayName: string, expiresAt: Date): Message {
  return {
    subject: '[Registre RGPD] Réinitialisation de votre mot de passe',
    body:
      `Bonjour ${displayName},\n\nUne réinitialisation de votre mot de passe a été demandée.\n` +
      `Choisissez un nouveau mot de passe en suivant ce lien, valable jusqu'au ${parisDateTime(expiresAt)} ` +
      `et utilisable une seule fois :\n${SECRET_LINK}\n\n` +
      `Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.` +
      SIGNATURE,
  };
}

/** A simple HTML part: the same text, escaped, its links clickable. */
export function htmlOf(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `<!doctype html><html lang="fr"><body><div style="font-family:sans-serif;white-space:pre-wrap">${linked}</div></body></html>`;
}
