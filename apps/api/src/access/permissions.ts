import { Role } from '@app/core';

/**
 * Who may do what: RULES.md's table ("Who may do what"), the one place it is written in code. Every
 * scope (SQL), row predicate and action check of the API is derived from it by `access.ts`, with the
 * entity's policy (policies/) saying what `limited` and `self` mean for its rows.
 *
 * A caller holding several grants may do what any of them allows. A role absent from a line may not.
 */
export type Reach =
  /** every row, in every academy (ADMIN) */
  | 'all'
  /** the rows of the academy where the caller holds this academy-wide role (DPD) */
  | 'academy'
  /** the rows of the schools where the caller holds this school role (TEACHER, HEAD) */
  | 'school'
  /** the rows of its schools that the entity's policy keeps (own declarations, ACTIVE treatments…) */
  | 'limited'
  /** the caller's own row (its academy, its account), whatever its role */
  | 'self';

export interface Permission {
  who: Partial<Record<Role, Reach>>;
  /** the FORBIDDEN message when the row is in scope but the role may not (French, shown to the user) */
  refusal?: string;
}

export const PERMISSIONS = {
  academy: {
    read: { who: { TEACHER: 'self', HEAD: 'self', DPD: 'self', ADMIN: 'all' } },
    create: { who: { ADMIN: 'all' }, refusal: 'Seul un administrateur crée une académie.' },
    /** updateAcademy: every field */
    update: {
      who: { ADMIN: 'all' },
      refusal:
        'Seul un administrateur modifie le nom, le RSSI et la hiérarchie d’une académie ; le DPD modifie ses propres coordonnées.',
    },
    /** updateAcademy: the dpo* fields only (RULES.md, "Alert chain and notifications") */
    updateDpo: {
      who: { DPD: 'academy', ADMIN: 'all' },
      refusal: 'Seul un administrateur, ou le DPD pour ses coordonnées, modifie une académie.',
    },
    dashboard: {
      who: { DPD: 'academy', ADMIN: 'all' },
      refusal: "Le tableau de bord de l'académie est réservé au délégué à la protection des données.",
    },
  },
  school: {
    read: { who: { TEACHER: 'school', HEAD: 'school', DPD: 'academy', ADMIN: 'all' } },
    create: { who: { ADMIN: 'all' }, refusal: 'Seul un administrateur crée un établissement.' },
    /** updateSchool: every field */
    update: {
      who: { ADMIN: 'all' },
      refusal:
        'Seul un administrateur modifie le nom, le type et la commune d’un établissement ; le chef d’établissement modifie son adresse, son adresse électronique et son téléphone.',
    },
    /** updateSchool: address, email and phone only (RULES.md, "Alert chain and notifications") */
    updateContacts: {
      who: { HEAD: 'school', ADMIN: 'all' },
      refusal:
        'Seul un administrateur, ou le chef d’établissement pour ses coordonnées, modifie un établissement.',
    },
  },
  user: {
    /** a HEAD: the users holding a grant on its schools */
    read: {
      who: { HEAD: 'school', DPD: 'academy', ADMIN: 'all' },
      refusal: 'Votre rôle ne donne pas accès à la liste des comptes.',
    },
    /** createUser, resendInvitation; a HEAD: TEACHER users of its schools (see userPolicy.headControls) */
    create: {
      who: { HEAD: 'school', ADMIN: 'all' },
      refusal: 'Seul un administrateur, ou un chef d’établissement pour ses enseignants, crée un compte.',
    },
    /** updateUserGrants, setUserActive; a HEAD: TEACHER grants on its schools, teachers of its schools */
    manage: { who: { HEAD: 'school', ADMIN: 'all' } },
    /** changePassword, me */
    own: { who: { TEACHER: 'self', HEAD: 'self', DPD: 'self', ADMIN: 'self' } },
  },
  declaration: {
    read: { who: { TEACHER: 'limited', HEAD: 'school', DPD: 'academy', ADMIN: 'all' } },
    declare: {
      who: { TEACHER: 'school', HEAD: 'school' },
      refusal: "Seuls les enseignants et le chef d'établissement déclarent un outil.",
    },
    /** edit, submit, withdraw: own declarations */
    edit: {
      who: { TEACHER: 'limited', HEAD: 'limited' },
      refusal: 'Seul son auteur modifie, soumet ou retire une déclaration.',
    },
    /** approve, reject, request changes */
    decide: {
      who: { HEAD: 'school' },
      refusal: "Seul le chef d'établissement décide des déclarations de son établissement.",
    },
  },
  treatment: {
    read: { who: { TEACHER: 'limited', HEAD: 'school', DPD: 'academy', ADMIN: 'all' } },
    /** create, update, archive */
    write: {
      who: { HEAD: 'school' },
      refusal: "Seul le chef d'établissement tient le registre des traitements de son établissement.",
    },
  },
  violation: {
    read: { who: { TEACHER: 'limited', HEAD: 'school', DPD: 'academy', ADMIN: 'all' } },
    record: {
      who: { TEACHER: 'school', HEAD: 'school' },
      refusal: 'Seuls le chef d’établissement et les enseignants de l’établissement signalent une violation.',
    },
    /** update, close */
    write: {
      who: { HEAD: 'school' },
      refusal: 'Seul le chef d’établissement complète et clôt une violation.',
    },
  },
  review: {
    read: { who: { TEACHER: 'limited', HEAD: 'school', DPD: 'academy', ADMIN: 'all' } },
    /** reviewEntry */
    create: {
      who: { DPD: 'academy' },
      refusal: "Seul le délégué à la protection des données de l'académie donne un avis.",
    },
  },
  auditEvent: {
    read: {
      who: { HEAD: 'school', DPD: 'academy', ADMIN: 'all' },
      refusal: 'Le journal d’audit est réservé aux chefs d’établissement, au DPD et aux administrateurs.',
    },
    verify: {
      who: { DPD: 'academy', ADMIN: 'all' },
      refusal: 'La vérification du journal est réservée au DPD et aux administrateurs.',
    },
  },
  /** the register of requests to exercise rights (RULES.md, "Rights requests"); reviews: `review` */
  rightsRequest: {
    read: {
      who: { HEAD: 'school', DPD: 'academy', ADMIN: 'all' },
      refusal:
        "Le registre des demandes d'exercice des droits est réservé au chef d'établissement et au délégué à la protection des données.",
    },
    /** recordRightsRequest, updateRightsRequest, transitionRightsRequest */
    write: {
      who: { HEAD: 'school' },
      refusal: "Seul le chef d'établissement tient le registre des demandes d'exercice des droits.",
    },
  },
  /** exportRegister, exports, download */
  export: {
    read: { who: { HEAD: 'school', DPD: 'academy' } },
    create: {
      who: { HEAD: 'school', DPD: 'academy' },
      refusal:
        "Seuls le chef d'établissement et le délégué à la protection des données de l'académie exportent les registres.",
    },
  },
  notification: {
    /** notifications: those the caller oversees */
    read: {
      who: { HEAD: 'school', DPD: 'academy', ADMIN: 'all' },
      refusal: 'Votre rôle ne donne pas accès aux notifications des autres.',
    },
    /** myNotifications, markNotificationsRead: the caller's own, whatever its role */
    own: { who: { TEACHER: 'self', HEAD: 'self', DPD: 'self', ADMIN: 'self' } },
  },
  /** the académie's tool catalogue (RULES.md, "Catalogue"): read by every user of the académie */
  catalogTool: {
    read: { who: { TEACHER: 'self', HEAD: 'self', DPD: 'academy', ADMIN: 'all' } },
    /** createCatalogTool, updateCatalogTool, linkDeclarationsToCatalog */
    write: {
      who: { DPD: 'academy' },
      refusal: "Seul le délégué à la protection des données de l'académie tient le catalogue des outils.",
    },
    /** catalogCandidates */
    candidates: {
      who: { DPD: 'academy', ADMIN: 'all' },
      refusal: 'Les outils à cataloguer sont réservés au DPD et aux administrateurs.',
    },
  },
} as const satisfies Record<string, Record<string, Permission>>;

export type EntityName = keyof typeof PERMISSIONS;

/** `entity.action`, e.g. `declaration.decide`: every line of the table. */
export type Action = {
  [E in EntityName]: `${E}.${keyof (typeof PERMISSIONS)[E] & string}`;
}[EntityName];

export function permission(action: Action): Permission {
  const [entity, verb] = action.split('.') as [EntityName, string];
  return (PERMISSIONS[entity] as Record<string, Permission>)[verb];
}
