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
} from '../../../../libs/core/src';
import { paginate, pick, versionedUpdate, whereSearch } from '../../../../libs/database/src';
import { requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { DeclarationDecision } from '../common/enums';
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
import { assessRisk } from '../../../../libs/rules/src/risk-assessment';
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

export const DECLARATION_AUDITED_FIELDS: (keyof ToolDeclarationEntity)[] = [
  'schoolId',
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

const withRisk = (d: ToolDeclarationEntity): ToolDeclarationEntity => {
  const { flags, level } = assessRisk(d);
  return { ...d, riskFlags: flags, riskLevel: level };
};

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
    const school = await this.schools.findVisible(caller, input.schoolId);
    if (!school) throw notFound('Établissement');
    requireCan(caller, 'declaration.declare', {
      schoolId: school.id,
      academyId: school.academyId,
      declaredById: caller.userId,
    });
    const declaration = await this.tx.run(caller, async ({ em, audit }) => {
      // insert(), not save(): a new row needs none of save()'s change detection; the generated id,
      // version and dates come back into the entity all the same
      const declaration = em.create(
        ToolDeclarationEntity,
        withRisk({
          schoolId: school.id,
          academyId: school.academyId,
          declaredById: caller.userId,
          status: 'DRAFT',
          toolName: input.toolName,
          vendor: input.vendor ?? null,
          url: input.url ?? null,
          purpose: input.purpose,
          classes: input.classes ?? [],
          approxStudentCount: input.approxStudentCount ?? null,
          dataCategories: input.dataCategories,
          pseudonymsUsed: input.pseudonymsUsed,
          hosting: input.hosting,
          hostingCountry: input.hostingCountry ?? null,
          freeSoftware: input.freeSoftware,
          institutional: input.institutional,
          commercialReuse: input.commercialReuse,
          familiesInformed: input.familiesInformed,
          retentionMonths: input.retentionMonths ?? null,
          securityMeasures: input.securityMeasures ?? null,
          decisionComment: null,
          decidedById: null,
          treatmentId: null,
          submittedAt: null,
          decidedAt: null,
        } as ToolDeclarationEntity),
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
      const next: ToolDeclarationEntity = { ...current };
      for (const field of ANSWER_FIELDS) {
        if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] });
      }
      const assessed = withRisk(next);
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
