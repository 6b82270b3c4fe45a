import {
  Answer,
  CatalogOpinion,
  DataCategory,
  Hosting,
  RiskFlag,
  RiskLevel,
  SENSITIVE_DATA_CATEGORIES,
} from './declaration-enums';

/** What the teacher answered about the tool (and, for a catalogued tool, the DPD's opinion on it). */
export interface RiskAnswers {
  hosting: Hosting | string;
  commercialReuse: Answer | string;
  dataCategories: readonly (DataCategory | string)[];
  pseudonymsUsed: boolean;
  familiesInformed: boolean;
  retentionMonths: number | null;
  freeSoftware: Answer | string;
  institutional: boolean;
  /** the opinion of the catalogue entry the declaration is linked to; absent or null when none */
  catalogOpinion?: CatalogOpinion | string | null;
}

/** A catalogue entry's facts: a tool without a use (no pupils, no families), and its opinion. */
export type ToolRiskFacts = Omit<RiskAnswers, 'pseudonymsUsed' | 'familiesInformed'>;

export interface RiskAssessment {
  flags: RiskFlag[];
  level: RiskLevel;
}

interface RiskRule {
  flag: RiskFlag;
  /** raised by how the tool is used in a class (pseudonyms, families): left out of an entry's own risk */
  usage?: true;
  raisedWhen: (answers: RiskAnswers) => boolean;
  /** what the flag means and what to do, in French, for the teacher (shown by the web app) */
  explanation: string;
}

/**
 * The académie's checklists, "Bien choisir ses outils" and "Protéger les données des élèves",
 * one rule per question (RULES.md, "Tool declarations"). The order is the order of the flags.
 */
const RULES: readonly RiskRule[] = [
  // Bien choisir ses outils : les données sont-elles hébergées dans l'Union européenne ?
  {
    flag: RiskFlag.NON_EU_HOSTING,
    raisedWhen: (a) => a.hosting === Hosting.NON_EU,
    explanation:
      'Les données sont hébergées hors de l’Union européenne : le RGPD n’y protège pas les élèves de la même façon. Préférez un outil hébergé dans l’Union européenne.',
  },
  // … et sait-on seulement où elles le sont ?
  {
    flag: RiskFlag.UNKNOWN_HOSTING,
    raisedWhen: (a) => a.hosting === Hosting.UNKNOWN,
    explanation:
      'Vous ne savez pas où les données sont hébergées : cherchez-le dans la politique de confidentialité de l’outil avant de l’utiliser.',
  },
  // L'éditeur réutilise-t-il les données à des fins commerciales ? Dans le doute, oui.
  {
    flag: RiskFlag.COMMERCIAL_REUSE,
    raisedWhen: (a) => a.commercialReuse === Answer.YES || a.commercialReuse === Answer.UNKNOWN,
    explanation:
      'L’éditeur peut réutiliser les données à des fins commerciales (publicité, profilage), ou vous ne savez pas s’il le fait : dans le doute, le risque est retenu.',
  },
  // Protéger les données des élèves : aucune donnée de santé ni autre donnée sensible (art. 9).
  {
    flag: RiskFlag.SENSITIVE_DATA,
    raisedWhen: (a) => a.dataCategories.some((c) => SENSITIVE_DATA_CATEGORIES.includes(c)),
    explanation:
      'L’outil traite des données sensibles (santé, handicap, origine, opinions…) : elles demandent une protection renforcée et l’avis du DPD.',
  },
  // Les élèves utilisent-ils des pseudonymes plutôt que leur nom ?
  {
    flag: RiskFlag.IDENTITY_WITHOUT_PSEUDONYMS,
    usage: true,
    raisedWhen: (a) => a.dataCategories.includes(DataCategory.IDENTITY) && !a.pseudonymsUsed,
    explanation:
      'Les élèves y sont identifiés par leur nom : utilisez des pseudonymes quand l’activité n’a pas besoin de leur identité.',
  },
  // Les familles ont-elles été informées ?
  {
    flag: RiskFlag.FAMILIES_NOT_INFORMED,
    usage: true,
    raisedWhen: (a) => !a.familiesInformed,
    explanation:
      'Les familles doivent être informées de l’utilisation de l’outil et de leurs droits sur les données de leur enfant.',
  },
  // Une durée de conservation est-elle fixée ?
  {
    flag: RiskFlag.NO_RETENTION_LIMIT,
    raisedWhen: (a) => a.retentionMonths === null,
    explanation:
      'Aucune durée de conservation n’est fixée : les données doivent être supprimées ou archivées après l’activité.',
  },
  // Préférer un logiciel libre ou un outil institutionnel (ENT, GAR, apps.education.fr).
  {
    flag: RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
    raisedWhen: (a) => a.freeSoftware !== Answer.YES && !a.institutional,
    explanation:
      'L’outil n’est ni un logiciel libre ni un outil institutionnel (ENT, GAR, apps.education.fr) : préférez-en un s’il répond au besoin.',
  },
  // Le catalogue de l'académie : le DPD a examiné l'outil une fois pour tous les établissements.
  {
    flag: RiskFlag.CATALOG_DISCOURAGED,
    raisedWhen: (a) => a.catalogOpinion === CatalogOpinion.DISCOURAGED,
    explanation:
      'Le catalogue de l’académie déconseille cet outil : le DPD propose des alternatives, préférez-les.',
  },
  {
    flag: RiskFlag.CATALOG_FORBIDDEN,
    raisedWhen: (a) => a.catalogOpinion === CatalogOpinion.FORBIDDEN,
    explanation:
      'Le catalogue de l’académie interdit cet outil dans les établissements : il ne peut pas être approuvé.',
  },
];

/** What each flag means, in the order of the rules (the web app shows it beside the risk). */
export const RISK_FLAG_EXPLANATIONS = Object.fromEntries(
  RULES.map((rule) => [rule.flag, rule.explanation]),
) as Readonly<Record<RiskFlag, string>>;

/** The flags that alone make a tool high-risk. */
const HIGH_RISK_FLAGS: readonly RiskFlag[] = [
  RiskFlag.NON_EU_HOSTING,
  RiskFlag.COMMERCIAL_REUSE,
  RiskFlag.SENSITIVE_DATA,
  RiskFlag.CATALOG_FORBIDDEN,
];

/**
 * Risk flags and level of a declaration: computed from the answers, never entered. Pure. Any flag
 * makes it at least MEDIUM (CATALOG_DISCOURAGED among them); CATALOG_FORBIDDEN makes it HIGH.
 */
export function assessRisk(answers: RiskAnswers): RiskAssessment {
  return levelOf(RULES.filter((rule) => rule.raisedWhen(answers)).map((rule) => rule.flag));
}

/** A catalogue entry's own risk: its facts and opinion, the usage flags left out (RULES.md, "Catalogue"). */
export function assessToolRisk(facts: ToolRiskFacts): RiskAssessment {
  const answers: RiskAnswers = { ...facts, pseudonymsUsed: true, familiesInformed: true };
  return levelOf(RULES.filter((rule) => !rule.usage && rule.raisedWhen(answers)).map((rule) => rule.flag));
}

function levelOf(flags: RiskFlag[]): RiskAssessment {
  const level = flags.some((flag) => HIGH_RISK_FLAGS.includes(flag))
    ? RiskLevel.HIGH
    : flags.length > 0
      ? RiskLevel.MEDIUM
      : RiskLevel.LOW;
  return { flags, level };
}
