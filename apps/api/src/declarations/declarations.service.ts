import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertUnreachable,
  badInput,
  Caller,
  conflict,
  isUuid,
  notFound,
  Page,
  PageArgs,
  staleVersion,
} from '@app/core';
import { paginate, pick, versionedUpdate, whereSearch } from '@app/database';
import { requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { CatalogToolEntity } from '../catalog/catalog-tool.entity';
import { catalogToolNamed, findVisibleCatalogTool, linkedCatalogTool } from '../catalog/catalog-tool.reads';
import { CatalogOpinion, DeclarationDecision } from '../common/enums';
import { AlertChain } from '../notifications/alert-chain.service';
import { SchoolEntity } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { TreatmentValues, TreatmentsService } from '../treatments/treatments.service';
import {
  DeclarationDecisionInput,
  DeclarationFilter,
  ToolDeclarationInput,
  ToolDeclarationPatch,
} from './dto/tool-declaration.input';
import { assessRisk } from '@app/rules/risk-assessment';
import { DeclarationStatusValue, ToolDeclarationEntity } from './tool-declaration.entity';

/** What the author answers; everything else is computed or decided. */
const ANSWER_FIELDS = [
  'toolName',
  'vendor',
  'url',
  'purpose',
  'classes',
  'approxStudentCount',
  'dataCategories',
  'pseudonymsUsed',
  'hosting',
  'hostingCountry',
  'freeSoftware',
  'institutional',
  'commercialReuse',
  'familiesInformed',
  'retentionMonths',
  'securityMeasures',
] as const satisfies readonly (keyof ToolDeclarationPatch & keyof ToolDeclarationEntity)[];

/**
 * The tool-level facts: a declaration linked to a catalogue entry reads them from the entry, live
 * (RULES.md, "Catalogue"); the usage facts (purpose, classes, data…) stay the teacher's.
 */
export const TOOL_FACTS = [
  'toolName',
  'vendor',
  'url',
  'hosting',
  'hostingCountry',
  'freeSoftware',
  'institutional',
  'commercialReuse',
] as const satisfies readonly (keyof ToolDeclarationInput & keyof ToolDeclarationEntity)[];
type ToolFacts = Pick<ToolDeclarationEntity, (typeof TOOL_FACTS)[number]>;

/** The facts a declaration without a catalogue entry must give (optional in the input since v2). */
const REQUIRED_WITHOUT_CATALOG = [
  'toolName',
  'hosting',
  'freeSoftware',
  'institutional',
  'commercialReuse',
] as const satisfies readonly (typeof TOOL_FACTS)[number][];

/** A catalogue entry's tool-level facts, as a linked declaration carries them. */
export const factsOf = (entry: CatalogToolEntity): ToolFacts => ({
  toolName: entry.name,
  vendor: entry.vendor,
  url: entry.url,
  hosting: entry.hosting,
  hostingCountry: entry.hostingCountry,
  freeSoftware: entry.freeSoftware,
  institutional: entry.institutional,
  commercialReuse: entry.commercialReuse,
});

const FROM_CATALOG =
  'Cette information vient du catalogue de l’académie : ne l’envoyez pas pour un outil du catalogue.';

export const DECLARATION_AUDITED_FIELDS: (keyof ToolDeclarationEntity)[] = [
  'schoolId',
  'catalogToolId',
  'declaredById',
  'status',
  ...ANSWER_FIELDS,
  'riskFlags',
  'riskLevel',
  'decisionComment',
  'decidedById',
  'treatmentId',
  'submittedAt',
  'decidedAt',
];

/** The columns a write sets (the others never change after creation). */
const WRITTEN_FIELDS = [
  'status',
  'catalogToolId',
  ...ANSWER_FIELDS,
  'riskFlags',
  'riskLevel',
  'decisionComment',
  'decidedById',
  'treatmentId',
  'submittedAt',
  'decidedAt',
] as const satisfies readonly (keyof ToolDeclarationEntity)[];

/** RULES.md, "Tool declarations": the states each action starts from. */
const EDITABLE: DeclarationStatusValue[] = ['DRAFT', 'CHANGES_REQUESTED'];
const SUBMITTABLE: DeclarationStatusValue[] = ['DRAFT', 'CHANGES_REQUESTED'];
const WITHDRAWABLE: DeclarationStatusValue[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED'];

const STATUS_LABELS: Record<DeclarationStatusValue, string> = {
  DRAFT: 'en brouillon',
  SUBMITTED: 'soumise',
  CHANGES_REQUESTED: 'à modifier',
  APPROVED: 'approuvée',
  REJECTED: 'refusée',
  WITHDRAWN: 'retirée',
};
const refused = (action: string, status: DeclarationStatusValue) =>
  conflict(`Impossible de ${action} une déclaration ${STATUS_LABELS[status]}.`);

/**
 * The register entry an approved declaration becomes, field by field as RULES.md lists it.
 * The DPIA answer is left to the derivation (sensitive data requires one).
 */
export function treatmentFromDeclaration(d: ToolDeclarationEntity): TreatmentValues {
  return {
    name: d.toolName,
    purposes: [d.purpose],
    legalBasis: 'PUBLIC_INTEREST',
    subjectCategories: ['STUDENTS'],
    dataCategories: [...d.dataCategories],
    recipients: [],
    processors: d.vendor ? [d.vendor] : [],
    transfers:
      d.hosting === 'NON_EU'
        ? [{ country: d.hostingCountry ?? 'Inconnu', recipient: d.vendor ?? d.toolName, safeguard: 'OTHER' }]
        : [],
    retention:
      d.retentionMonths === null ? 'À définir' : `${d.retentionMonths} mois après la fin de l'activité`,
    retentionMonths: d.retentionMonths,
    securityMeasures: d.securityMeasures ? [d.securityMeasures] : [],
    dpiaRequired: false,
  };
}

/** The declaration with its risk assessed; a linked one with its entry's opinion (RULES.md, "Catalogue"). */
const withRisk = (d: ToolDeclarationEntity, catalogOpinion: CatalogOpinion | null): ToolDeclarationEntity => {
  const { flags, level } = assessRisk({ ...d, catalogOpinion });
  return { ...d, riskFlags: flags, riskLevel: level };
};

/**
 * What following an entry reads of each linked declaration: the facts it takes from the entry, the
 * answers its risk rests on (every field a rule of libs/rules/src/risk-assessment.ts reads), its risk,
 * and what says whether its treatment goes back to review.
 */
const FOLLOWING_COLUMNS = [
  'id',
  // the tenant-isolation check of every loaded row (common/tenant-isolation.ts) reads these two
  'schoolId',
  'academyId',
  'status',
  'treatmentId',
  'catalogToolId',
  ...TOOL_FACTS,
  'dataCategories',
  'pseudonymsUsed',
  'familiesInformed',
  'retentionMonths',
  'riskFlags',
  'riskLevel',
] as const satisfies readonly (keyof ToolDeclarationEntity)[];

/** What following an entry changed (DeclarationsService.followCatalogTool). */
export interface CatalogFollowing {
  /** the declarations written (linked now, or whose facts or risk changed) */
  written: number;
  /** the treatments of the linked APPROVED declarations */
  approvedTreatmentIds: string[];
}

@Injectable()
export class DeclarationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly schools: SchoolsService,
    private readonly treatments: TreatmentsService,
    private readonly alerts: AlertChain,
  ) {}

  /** The declarations the caller reads (access/permissions.ts, `declaration.read`). */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'declaration.read', 'd');
    return em.getRepository(ToolDeclarationEntity).createQueryBuilder('d').where(visible.sql, visible.params);
  }

  list<M>(
    caller: Caller,
    filter: DeclarationFilter | null | undefined,
    page: PageArgs,
    map: (d: ToolDeclarationEntity) => M,
  ): Promise<Page<M>> {
    const query = this.scoped(caller);
    if (filter?.schoolId) query.andWhere('d.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter?.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter?.riskLevel) query.andWhere('d.risk_level = :riskLevel', { riskLevel: filter.riskLevel });
    whereSearch(query, filter?.search);
    return paginate(query, page, map);
  }

  /** null when the declaration does not exist or is out of the caller's scope. */
  async findVisible(caller: Caller, id: string): Promise<ToolDeclarationEntity | null> {
    if (!isUuid(id)) return null;
    return this.scoped(caller).andWhere('d.id = :id', { id }).getOne();
  }

  /**
   * A TEACHER or HEAD of the school declares a tool; the declaration starts as a draft. Returns the
   * school too: the resolver answers the declaration's `school` field with it, without reading it again.
   */
  async create(
    caller: Caller,
    input: ToolDeclarationInput,
  ): Promise<{ declaration: ToolDeclarationEntity; school: SchoolEntity }> {
    if (input.catalogToolId) {
      const sent = TOOL_FACTS.filter((field) => input[field] !== undefined && input[field] !== null);
      if (sent.length > 0) throw badInput(Object.fromEntries(sent.map((field) => [field, FROM_CATALOG])));
    } else {
      const missing = REQUIRED_WITHOUT_CATALOG.filter((f) => input[f] === undefined || input[f] === null);
      if (missing.length > 0) {
        throw badInput(
          Object.fromEntries(
            missing.map((field) => [
              field,
              'Ce champ est obligatoire, sauf pour un outil choisi dans le catalogue (catalogToolId).',
            ]),
          ),
        );
      }
    }
    const school = await this.schools.findVisible(caller, input.schoolId);
    if (!school) throw notFound('Établissement');
    requireCan(caller, 'declaration.declare', {
      schoolId: school.id,
      academyId: school.academyId,
      declaredById: caller.userId,
    });
    const declaration = await this.tx.run(caller, async ({ em, audit }) => {
      // held until commit: a change of the entry waits for this declaration, then follows it too. A
      // tool declared under a catalogued name (or alias) is that entry's: linked, its facts the entry's
      const entry = input.catalogToolId
        ? await findVisibleCatalogTool(em, caller, input.catalogToolId, { share: true })
        : await catalogToolNamed(em, school.academyId, input.toolName as string);
      if (input.catalogToolId && !entry) throw notFound('Outil du catalogue');
      if (entry && entry.academyId !== school.academyId) {
        throw badInput({
          catalogToolId: 'Cet outil n’est pas au catalogue de l’académie de l’établissement.',
        });
      }
      const facts: ToolFacts = entry
        ? factsOf(entry)
        : {
            toolName: input.toolName as string,
            vendor: input.vendor ?? null,
            url: input.url ?? null,
            hosting: input.hosting as ToolFacts['hosting'],
            hostingCountry: input.hostingCountry ?? null,
            freeSoftware: input.freeSoftware as ToolFacts['freeSoftware'],
            institutional: input.institutional as boolean,
            commercialReuse: input.commercialReuse as ToolFacts['commercialReuse'],
          };
      // insert(), not save(): a new row needs none of save()'s change detection; the generated id,
      // version and dates come back into the entity all the same
      const declaration = em.create(
        ToolDeclarationEntity,
        withRisk(
          {
            schoolId: school.id,
            academyId: school.academyId,
            declaredById: caller.userId,
            status: 'DRAFT',
            catalogToolId: entry?.id ?? null,
            ...facts,
            purpose: input.purpose,
            classes: input.classes ?? [],
            approxStudentCount: input.approxStudentCount ?? null,
            dataCategories: input.dataCategories,
            pseudonymsUsed: input.pseudonymsUsed,
            familiesInformed: input.familiesInformed,
            retentionMonths: input.retentionMonths ?? null,
            securityMeasures: input.securityMeasures ?? null,
            decisionComment: null,
            decidedById: null,
            treatmentId: null,
            submittedAt: null,
            decidedAt: null,
          } as ToolDeclarationEntity,
          entry?.opinion ?? null,
        ),
      );
      await em.insert(ToolDeclarationEntity, declaration);
      audit({
        action: 'CREATE',
        entityType: 'ToolDeclaration',
        entityId: declaration.id,
        schoolId: declaration.schoolId,
        academyId: declaration.academyId,
        changes: created(declaration, DECLARATION_AUDITED_FIELDS),
      });
      return declaration;
    });
    return { declaration, school };
  }

  /** The author edits a draft, or a declaration sent back for changes; the risk is assessed again. */
  update(
    caller: Caller,
    id: string,
    version: number,
    patch: ToolDeclarationPatch,
  ): Promise<ToolDeclarationEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      this.assertAuthor(caller, current);
      if (!EDITABLE.includes(current.status)) throw refused('modifier', current.status);
      if (current.version !== version) throw staleVersion();
      const entry = current.catalogToolId
        ? await linkedCatalogTool(ctx.em, current.catalogToolId)
        : patch.toolName
          ? await catalogToolNamed(ctx.em, current.academyId, patch.toolName)
          : null;
      if (current.catalogToolId && entry) {
        const sent = TOOL_FACTS.filter((field) => patch[field] !== undefined);
        if (sent.length > 0) throw badInput(Object.fromEntries(sent.map((field) => [field, FROM_CATALOG])));
      }
      const next: ToolDeclarationEntity = { ...current };
      for (const field of ANSWER_FIELDS) {
        if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] });
      }
      // renamed to a catalogued name: linked from now on, the entry's facts over the author's
      if (entry) Object.assign(next, factsOf(entry), { catalogToolId: entry.id });
      const assessed = withRisk(next, entry?.opinion ?? null);
      if (Object.keys(diff(current, assessed, DECLARATION_AUDITED_FIELDS)).length === 0) return current;
      return this.write(ctx, current, assessed, 'UPDATE');
    });
  }

  submit(caller: Caller, id: string): Promise<ToolDeclarationEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      this.assertAuthor(caller, current);
      if (!SUBMITTABLE.includes(current.status)) throw refused('soumettre', current.status);
      const submitted = await this.write(
        ctx,
        current,
        { ...current, status: 'SUBMITTED', submittedAt: new Date() },
        'TRANSITION',
      );
      await this.alerts.declarationSubmitted(ctx.em, submitted.id);
      return submitted;
    });
  }

  withdraw(caller: Caller, id: string): Promise<ToolDeclarationEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      this.assertAuthor(caller, current);
      if (!WITHDRAWABLE.includes(current.status)) throw refused('retirer', current.status);
      return this.write(ctx, current, { ...current, status: 'WITHDRAWN' }, 'TRANSITION');
    });
  }

  /**
   * A HEAD of the school decides a SUBMITTED declaration. APPROVE files it under an ACTIVE treatment of
   * the school (adding its data categories) or under a new one built from it, in the same transaction.
   */
  decide(caller: Caller, id: string, input: DeclarationDecisionInput): Promise<ToolDeclarationEntity> {
    const comment = input.comment ?? null;
    if (input.decision !== DeclarationDecision.APPROVE) {
      if (!comment) {
        throw badInput({
          comment:
            'Expliquez votre décision : un commentaire est requis pour refuser ou demander des modifications.',
        });
      }
      if (input.treatmentId) {
        throw badInput({ treatmentId: 'Un traitement ne se choisit que pour une approbation.' });
      }
    }
    return this.tx.run(caller, async (ctx) => {
      const result = await this.applyDecision(ctx, caller, id, input, comment);
      await this.alerts.declarationDecided(ctx.em, result.id, input.decision, comment);
      return result;
    });
  }

  private async applyDecision(
    ctx: WriteContext,
    caller: Caller,
    id: string,
    input: DeclarationDecisionInput,
    comment: string | null,
  ): Promise<ToolDeclarationEntity> {
    const current = await this.lockForWrite(ctx, caller, id);
    requireCan(caller, 'declaration.decide', current);
    if (current.status !== 'SUBMITTED') throw refused('décider', current.status);
    if (input.decision === DeclarationDecision.APPROVE && current.catalogToolId) {
      const { opinion } = await linkedCatalogTool(ctx.em, current.catalogToolId);
      if (opinion === 'FORBIDDEN') {
        throw conflict(
          'Le catalogue de l’académie interdit cet outil : la déclaration ne peut pas être approuvée.',
        );
      }
      if (opinion === 'DISCOURAGED' && !comment) {
        throw badInput({
          comment: 'Le catalogue de l’académie déconseille cet outil : expliquez pourquoi vous l’approuvez.',
        });
      }
    }
    const decided = {
      ...current,
      decisionComment: comment,
      decidedById: caller.userId,
      decidedAt: new Date(),
    };
    switch (input.decision) {
      case DeclarationDecision.REJECT:
        return this.write(ctx, current, { ...decided, status: 'REJECTED' }, 'TRANSITION');
      case DeclarationDecision.REQUEST_CHANGES:
        return this.write(ctx, current, { ...decided, status: 'CHANGES_REQUESTED' }, 'TRANSITION');
      case DeclarationDecision.APPROVE: {
        const treatment = input.treatmentId
          ? await this.treatments.addDataCategories(
              ctx,
              await this.treatments.lockForFiling(ctx, caller, input.treatmentId, current.schoolId),
              current.dataCategories,
            )
          : await this.treatments.createInTransaction(
              ctx,
              { id: current.schoolId, academyId: current.academyId },
              treatmentFromDeclaration(current),
            );
        return this.write(
          ctx,
          current,
          { ...decided, status: 'APPROVED', treatmentId: treatment.id },
          'TRANSITION',
        );
      }
      default:
        return assertUnreachable(input.decision);
    }
  }

  /**
   * The uncatalogued, non-WITHDRAWN declarations of the entry's académie whose normalised tool name is
   * one of `keys` (the entry's name and aliases), row-locked: what a new or renamed entry links.
   */
  async linkableByName(
    ctx: WriteContext,
    entry: CatalogToolEntity,
    keys: readonly string[],
  ): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: { id: string }[] = await ctx.em.query(
      `SELECT id FROM tool_declaration
        WHERE academy_id = $1 AND catalog_tool_id IS NULL AND status <> 'WITHDRAWN' AND tool_key = ANY($2)
        ORDER BY id FOR UPDATE`,
      [entry.academyId, keys],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The declarations the DPD links by hand (linkDeclarationsToCatalog), row-locked: each of the entry's
   * académie and not WITHDRAWN (else BAD_USER_INPUT on declarationIds); one linked to another entry is
   * CONFLICT (a link never moves silently). Returns those not linked to it yet.
   */
  async linkableByHand(
    ctx: WriteContext,
    entry: CatalogToolEntity,
    declarationIds: readonly string[],
  ): Promise<string[]> {
    const ids = [...new Set(declarationIds)];
    if (ids.length === 0 || !ids.every(isUuid)) {
      throw badInput({ declarationIds: 'Indiquez une ou plusieurs déclarations (identifiants valides).' });
    }
    const rows: { id: string; academy_id: string; status: string; catalog_tool_id: string | null }[] =
      await ctx.em.query(
        `SELECT id, academy_id, status, catalog_tool_id FROM tool_declaration
          WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
        [ids],
      );
    const usable = rows.filter((row) => row.academy_id === entry.academyId && row.status !== 'WITHDRAWN');
    if (usable.length !== ids.length) {
      throw badInput({
        declarationIds:
          'Seules les déclarations non retirées des établissements de l’académie de cet outil se rattachent au catalogue.',
      });
    }
    if (usable.some((row) => row.catalog_tool_id && row.catalog_tool_id !== entry.id)) {
      throw conflict(
        'Une de ces déclarations est déjà rattachée à un autre outil du catalogue : un rattachement ne se déplace pas.',
      );
    }
    return usable.filter((row) => row.catalog_tool_id === null).map((row) => row.id);
  }

  /**
   * The live link (RULES.md, "Catalogue"): links `newlyLinked` to the entry, then brings every
   * declaration linked to it to the entry's current tool-level facts, its risk assessed again with the
   * entry's opinion, in one UPDATE of the caller's transaction (the entry's audit event, written by
   * CatalogService, counts them). The caller has locked the entry.
   */
  async followCatalogTool(
    ctx: WriteContext,
    entry: CatalogToolEntity,
    newlyLinked: readonly string[] = [],
  ): Promise<CatalogFollowing> {
    // only the columns the risk and the comparison need: an entry may have thousands of declarations
    const linked = await ctx.em
      .getRepository(ToolDeclarationEntity)
      .createQueryBuilder('d')
      .select(FOLLOWING_COLUMNS.map((field) => `d.${field}`))
      .where('(d.catalog_tool_id = :entryId OR d.id = ANY(:newlyLinked))', {
        entryId: entry.id,
        newlyLinked: [...newlyLinked],
      })
      .orderBy('d.id')
      .setLock('pessimistic_write')
      .getMany();
    const facts = factsOf(entry);
    const writes: { id: string; flags: string; level: string }[] = [];
    for (const current of linked) {
      const next = withRisk({ ...current, ...facts, catalogToolId: entry.id }, entry.opinion);
      if (Object.keys(diff(current, next, DECLARATION_AUDITED_FIELDS)).length === 0) continue;
      writes.push({ id: next.id, flags: next.riskFlags.join(','), level: next.riskLevel });
    }
    if (writes.length > 0) {
      await ctx.em.query(
        `UPDATE tool_declaration d
            SET catalog_tool_id = $1, tool_name = $2, vendor = $3, url = $4, hosting = $5,
                hosting_country = $6, free_software = $7, institutional = $8, commercial_reuse = $9,
                risk_flags = string_to_array(u.flags, ','), risk_level = u.level,
                version = d.version + 1, updated_at = now()
           FROM unnest($10::uuid[], $11::text[], $12::text[]) AS u(id, flags, level)
          WHERE d.id = u.id`,
        [
          entry.id,
          facts.toolName,
          facts.vendor,
          facts.url,
          facts.hosting,
          facts.hostingCountry,
          facts.freeSoftware,
          facts.institutional,
          facts.commercialReuse,
          writes.map((w) => w.id),
          writes.map((w) => w.flags),
          writes.map((w) => w.level),
        ],
      );
    }
    return {
      written: writes.length,
      approvedTreatmentIds: linked
        .filter((d) => d.status === 'APPROVED' && d.treatmentId)
        .map((d) => d.treatmentId as string),
    };
  }

  /** The visible declaration, row-locked until commit; NOT_FOUND when absent or out of scope. */
  private async lockForWrite(ctx: WriteContext, caller: Caller, id: string): Promise<ToolDeclarationEntity> {
    if (!isUuid(id)) throw notFound('Déclaration');
    const declaration = await this.scoped(caller, ctx.em)
      .andWhere('d.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!declaration) throw notFound('Déclaration');
    return declaration;
  }

  private assertAuthor(caller: Caller, declaration: ToolDeclarationEntity): void {
    requireCan(caller, 'declaration.edit', declaration);
  }

  /** Writes `next` over `current` if nobody changed it since (version in SQL), with its audit event. */
  private write(
    ctx: WriteContext,
    current: ToolDeclarationEntity,
    next: ToolDeclarationEntity,
    action: 'UPDATE' | 'TRANSITION',
  ): Promise<ToolDeclarationEntity> {
    return versionedUpdate(ctx, {
      entity: ToolDeclarationEntity,
      entityType: 'ToolDeclaration',
      action,
      current,
      next,
      set: pick(next, WRITTEN_FIELDS),
      audited: DECLARATION_AUDITED_FIELDS,
    });
  }
}
