import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  Caller,
  conflict,
  isUuid,
  notFound,
  Page,
  PageArgs,
  pageArgs,
  staleVersion,
} from '@app/core';
import { pick, versionedUpdate, whereSearch } from '@app/database';
import { assessToolRisk, normaliseToolName } from '@app/rules';
import { can, requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { CatalogOpinion, RiskLevel } from '../common/enums';
import { AlertChain } from '../notifications/alert-chain.service';
import { DeclarationsService } from '../declarations/declarations.service';
import { TreatmentsService } from '../treatments/treatments.service';
import { CatalogToolEntity, CatalogToolNameEntity } from './catalog-tool.entity';
import { CatalogFilter, CatalogToolInput, CatalogToolPatch } from './dto/catalog-tool.input';

/** What the DPD writes in an entry; the risk, the review and the names' keys are derived. */
const EDITABLE_FIELDS = [
  'name',
  'aliases',
  'vendor',
  'url',
  'description',
  'dataCategories',
  'hosting',
  'hostingCountry',
  'freeSoftware',
  'institutional',
  'commercialReuse',
  'retentionMonths',
  'securityMeasures',
  'opinion',
  'conditions',
  'alternativeIds',
] as const satisfies readonly (keyof CatalogToolPatch & keyof CatalogToolEntity)[];

const WRITTEN_FIELDS = [
  ...EDITABLE_FIELDS,
  'riskFlags',
  'riskLevel',
  'reviewedById',
  'reviewedAt',
] as const satisfies readonly (keyof CatalogToolEntity)[];

export const CATALOG_AUDITED_FIELDS: (keyof CatalogToolEntity)[] = ['academyId', ...WRITTEN_FIELDS];

/** The opinions that need their conditions or their reason written. */
const NEEDS_CONDITIONS: CatalogOpinion[] = ['ALLOWED_WITH_CONDITIONS', 'DISCOURAGED', 'FORBIDDEN'];
/** An entry becoming one of these sends its schools' treatments back to review. */
const WARNING_OPINIONS: CatalogOpinion[] = ['DISCOURAGED', 'FORBIDDEN'];
/** The facts a treatment's review rests on (RULES.md, "Catalogue"). */
const REVIEWED_FACTS = ['hosting', 'commercialReuse', 'dataCategories'] as const;

const RISK_ORDER: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

export interface CatalogCandidateRow {
  toolName: string;
  vendor: string | null;
  schoolCount: number;
  declarationCount: number;
  highestRisk: RiskLevel;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function decode<T>(after: string, valid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // falls through
  }
  throw badInput({ after: 'Curseur invalide : utilisez pageInfo.endCursor.' });
}
const isNameCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isUuid(v[1]);
const isOffsetCursor = (v: unknown): v is { offset: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { offset: unknown }).offset) &&
  (v as { offset: number }).offset >= 0;

/**
 * The académie's tool catalogue (RULES.md, "Catalogue"): the DPD reviews a tool once, and every
 * declaration of that tool follows the entry, live (DeclarationsService.followCatalogTool, in the same
 * transaction as the entry's change).
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly declarations: DeclarationsService,
    private readonly treatments: TreatmentsService,
    private readonly alerts: AlertChain,
  ) {}

  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'catalogTool.read', 'c');
    return em.getRepository(CatalogToolEntity).createQueryBuilder('c').where(visible.sql, visible.params);
  }

  /** Ordered by normalised name, then id (keyset on both). */
  async list<M>(
    caller: Caller,
    filter: CatalogFilter | null | undefined,
    page: PageArgs,
    map: (entry: CatalogToolEntity) => M,
  ): Promise<Page<M>> {
    const { limit } = pageArgs({ first: page.first });
    const query = this.scoped(caller);
    if (filter?.academyId) query.andWhere('c.academy_id = :academyId', { academyId: filter.academyId });
    if (filter?.opinion) query.andWhere('c.opinion = :opinion', { opinion: filter.opinion });
    whereSearch(query, filter?.search);
    const counted = query.clone();
    if (page.after) {
      const [nameKey, id] = decode(page.after, isNameCursor);
      query.andWhere('(c.name_key, c.id) > (:afterKey, :afterId)', { afterKey: nameKey, afterId: id });
    }
    query
      .orderBy('c.name_key', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit + 1);
    const [rows, totalCount] = await Promise.all([
      query.getMany(),
      page.count === false ? null : counted.getCount(),
    ]);
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    return {
      nodes: kept.map(map),
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > limit,
        endCursor: last ? encode([last.nameKey, last.id]) : null,
      },
    };
  }

  async findVisible(caller: Caller, id: string): Promise<CatalogToolEntity | null> {
    if (!isUuid(id)) return null;
    return this.scoped(caller).andWhere('c.id = :id', { id }).getOne();
  }

  /** The DPD adds a tool to its académie's catalogue; the declarations of that name follow it at once. */
  async create(caller: Caller, input: CatalogToolInput): Promise<CatalogToolEntity> {
    const academyId = input.academyId ?? caller.academyId;
    if (!can(caller, 'catalogTool.read', { academyId })) throw notFound('Académie');
    requireCan(caller, 'catalogTool.write', { academyId });
    const values = {
      academyId,
      name: input.name,
      aliases: input.aliases ?? [],
      vendor: input.vendor ?? null,
      url: input.url ?? null,
      description: input.description ?? null,
      dataCategories: input.dataCategories,
      hosting: input.hosting,
      hostingCountry: input.hostingCountry ?? null,
      freeSoftware: input.freeSoftware,
      institutional: input.institutional,
      commercialReuse: input.commercialReuse,
      retentionMonths: input.retentionMonths ?? null,
      securityMeasures: input.securityMeasures ?? null,
      opinion: input.opinion,
      conditions: input.conditions ?? null,
      alternativeIds: input.alternativeIds ?? [],
      reviewedById: input.opinion === 'PENDING' ? null : caller.userId,
      reviewedAt: input.opinion === 'PENDING' ? null : new Date(),
    };
    const keys = this.checkValues(values);
    return this.tx.run(caller, async (ctx) => {
      await this.checkNamesFree(ctx, academyId, keys, null);
      await this.checkAlternatives(ctx, academyId, values.alternativeIds, null);
      const entry = ctx.em.create(CatalogToolEntity, withToolRisk(values as CatalogToolEntity));
      await ctx.em.insert(CatalogToolEntity, entry);
      await this.writeNames(ctx, entry, keys);
      const newly = await this.declarations.linkableByName(ctx, entry, keys);
      await this.declarations.followCatalogTool(ctx, entry, newly);
      ctx.audit({
        action: 'CREATE',
        entityType: 'CatalogTool',
        entityId: entry.id,
        schoolId: null,
        academyId,
        changes: {
          ...created(entry, CATALOG_AUDITED_FIELDS),
          ...(newly.length ? { linkedDeclarations: [0, newly.length] } : {}),
        },
      });
      return ctx.em.findOneByOrFail(CatalogToolEntity, { id: entry.id });
    });
  }

  /**
   * The DPD changes an entry. Its linked declarations follow in the same transaction (their facts and
   * risk); a renamed entry links the declarations of its new names; a warning opinion, or a change of
   * the facts a treatment's review rests on, sends their schools' treatments back to review.
   */
  update(caller: Caller, id: string, version: number, patch: CatalogToolPatch): Promise<CatalogToolEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      if (current.version !== version) throw staleVersion();
      const next: CatalogToolEntity = { ...current };
      for (const field of EDITABLE_FIELDS) {
        if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] ?? defaultOf(field) });
      }
      if (next.opinion !== current.opinion) {
        next.reviewedById = next.opinion === 'PENDING' ? null : caller.userId;
        next.reviewedAt = next.opinion === 'PENDING' ? null : new Date();
      }
      const keys = this.checkValues(next);
      const assessed = withToolRisk(next);
      const changes = diff(current, assessed, CATALOG_AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return current;
      if (changes.name || changes.aliases) {
        await this.checkNamesFree(ctx, current.academyId, keys, current.id);
        await ctx.em.delete(CatalogToolNameEntity, { catalogToolId: current.id });
        await this.writeNames(ctx, current, keys);
      }
      if (changes.alternativeIds) {
        await this.checkAlternatives(ctx, current.academyId, assessed.alternativeIds, current.id);
      }
      const before = await this.linkedCount(ctx, current.id);
      const newly =
        changes.name || changes.aliases ? await this.declarations.linkableByName(ctx, assessed, keys) : [];
      const following = await this.declarations.followCatalogTool(ctx, assessed, newly);
      const warns =
        WARNING_OPINIONS.includes(assessed.opinion) && !WARNING_OPINIONS.includes(current.opinion);
      if (warns || REVIEWED_FACTS.some((field) => changes[field])) {
        const sentBack = await this.treatments.sendBackToReview(ctx, following.approvedTreatmentIds);
        await this.alerts.catalogOpinionChanged(ctx.em, assessed, sentBack);
      }
      return versionedUpdate(ctx, {
        entity: CatalogToolEntity,
        entityType: 'CatalogTool',
        action: 'UPDATE',
        current,
        next: assessed,
        set: pick(assessed, WRITTEN_FIELDS),
        audited: CATALOG_AUDITED_FIELDS,
        extraChanges: { linkedDeclarations: [before, before + newly.length] },
      });
    });
  }

  /** The DPD links declarations by hand (a spelling the aliases did not catch). */
  link(caller: Caller, catalogToolId: string, declarationIds: readonly string[]): Promise<CatalogToolEntity> {
    return this.tx.run(caller, async (ctx) => {
      const entry = await this.lockForWrite(ctx, caller, catalogToolId);
      const newly = await this.declarations.linkableByHand(ctx, entry, declarationIds);
      if (newly.length === 0) return entry;
      const before = await this.linkedCount(ctx, entry.id);
      await this.declarations.followCatalogTool(ctx, entry, newly);
      ctx.audit({
        action: 'UPDATE',
        entityType: 'CatalogTool',
        entityId: entry.id,
        schoolId: null,
        academyId: entry.academyId,
        changes: {
          linkedDeclarations: [before, before + newly.length],
          linkedByHand: [null, newly],
        },
      });
      return entry;
    });
  }

  /**
   * Uncatalogued tools of the académie, grouped by normalised name: most schools first, then most
   * declarations, then name. DPD (its académie, the default) and ADMIN (any) only.
   */
  async candidates(
    caller: Caller,
    academyId: string | null | undefined,
    page: PageArgs,
  ): Promise<Page<CatalogCandidateRow>> {
    requireCan(caller, 'catalogTool.candidates');
    const id = academyId ?? caller.academyId;
    if (!isUuid(id) || !can(caller, 'catalogTool.candidates', { academyId: id })) throw notFound('Académie');
    const { limit } = pageArgs({ first: page.first });
    const offset = page.after ? decode(page.after, isOffsetCursor).offset : 0;
    const groups = `
      SELECT tool_key,
             mode() WITHIN GROUP (ORDER BY tool_name) AS tool_name,
             mode() WITHIN GROUP (ORDER BY vendor) AS vendor,
             count(DISTINCT school_id)::int AS school_count,
             count(*)::int AS declaration_count,
             max(CASE risk_level WHEN 'HIGH' THEN 2 WHEN 'MEDIUM' THEN 1 ELSE 0 END)::int AS risk
        FROM tool_declaration d
       WHERE academy_id = $1 AND catalog_tool_id IS NULL AND status <> 'WITHDRAWN' AND tool_key <> ''
         -- a name an entry holds is covered, even by a declaration not linked to it
         AND NOT EXISTS (SELECT 1 FROM catalog_tool_name n WHERE n.academy_id = $1 AND n.name_key = d.tool_key)
       GROUP BY tool_key`;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `${groups} ORDER BY school_count DESC, declaration_count DESC, tool_key ASC LIMIT $2 OFFSET $3`,
        [id, limit + 1, offset],
      ) as Promise<
        {
          tool_name: string;
          vendor: string | null;
          school_count: number;
          declaration_count: number;
          risk: number;
        }[]
      >,
      page.count === false
        ? Promise.resolve(null)
        : (
            this.dataSource.query(`SELECT count(*)::int AS n FROM (${groups}) g`, [id]) as Promise<
              { n: number }[]
            >
          ).then(([row]) => row.n),
    ]);
    const kept = rows.slice(0, limit);
    return {
      nodes: kept.map((row) => ({
        toolName: row.tool_name,
        vendor: row.vendor,
        schoolCount: row.school_count,
        declarationCount: row.declaration_count,
        highestRisk: RISK_ORDER[row.risk],
      })),
      totalCount: total,
      pageInfo: {
        hasNextPage: rows.length > limit,
        endCursor: kept.length ? encode({ offset: offset + kept.length }) : null,
      },
    };
  }

  /** The entry, row-locked until commit: NOT_FOUND out of scope, FORBIDDEN for anyone but its DPD. */
  private async lockForWrite(ctx: WriteContext, caller: Caller, id: string): Promise<CatalogToolEntity> {
    if (!isUuid(id)) throw notFound('Outil du catalogue');
    const entry = await this.scoped(caller, ctx.em)
      .andWhere('c.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!entry) throw notFound('Outil du catalogue');
    requireCan(caller, 'catalogTool.write', entry);
    return entry;
  }

  /** The rules the input alone decides; returns the entry's normalised names (name first). */
  private checkValues(
    values: Pick<CatalogToolEntity, 'name' | 'aliases' | 'opinion' | 'conditions'>,
  ): string[] {
    const nameKey = normaliseToolName(values.name);
    if (!nameKey) throw badInput({ name: 'Le nom doit contenir au moins une lettre ou un chiffre.' });
    const aliasKeys = values.aliases.map(normaliseToolName);
    if (aliasKeys.some((key) => !key)) {
      throw badInput({ aliases: 'Chaque alias doit contenir au moins une lettre ou un chiffre.' });
    }
    if (NEEDS_CONDITIONS.includes(values.opinion) && !values.conditions) {
      throw badInput({
        conditions:
          values.opinion === 'ALLOWED_WITH_CONDITIONS'
            ? 'Indiquez les conditions d’utilisation.'
            : 'Indiquez la raison de cet avis.',
      });
    }
    return [...new Set([nameKey, ...aliasKeys])];
  }

  /** CONFLICT when another entry of the académie already holds one of these names. */
  private async checkNamesFree(
    ctx: WriteContext,
    academyId: string,
    keys: readonly string[],
    self: string | null,
  ): Promise<void> {
    const taken: { name_key: string; name: string }[] = await ctx.em.query(
      `SELECT n.name_key, c.name FROM catalog_tool_name n JOIN catalog_tool c ON c.id = n.catalog_tool_id
        WHERE n.academy_id = $1 AND n.name_key = ANY($2) AND ($3::uuid IS NULL OR n.catalog_tool_id <> $3)
        LIMIT 1`,
      [academyId, keys, self],
    );
    if (taken.length > 0) {
      throw conflict(`« ${taken[0].name} » est déjà au catalogue de l’académie sous ce nom ou cet alias.`);
    }
  }

  private async writeNames(
    ctx: WriteContext,
    entry: CatalogToolEntity,
    keys: readonly string[],
  ): Promise<void> {
    await ctx.em.insert(
      CatalogToolNameEntity,
      keys.map((nameKey) => ({ academyId: entry.academyId, nameKey, catalogToolId: entry.id })),
    );
  }

  /** Alternatives are other entries of the same académie. */
  private async checkAlternatives(
    ctx: WriteContext,
    academyId: string,
    ids: readonly string[],
    self: string | null,
  ): Promise<void> {
    if (ids.length === 0) return;
    const message = 'Les alternatives sont d’autres outils du catalogue de la même académie.';
    if (self && ids.includes(self)) throw badInput({ alternativeIds: message });
    const [{ n }]: { n: number }[] = await ctx.em.query(
      `SELECT count(*)::int AS n FROM catalog_tool WHERE academy_id = $1 AND id = ANY($2)`,
      [academyId, ids],
    );
    if (n !== ids.length) throw badInput({ alternativeIds: message });
  }

  /** The entry's linked declarations that are not WITHDRAWN (its declarationCount). */
  private async linkedCount(ctx: WriteContext, id: string): Promise<number> {
    const [{ n }]: { n: number }[] = await ctx.em.query(
      `SELECT count(*)::int AS n FROM tool_declaration WHERE catalog_tool_id = $1 AND status <> 'WITHDRAWN'`,
      [id],
    );
    return n;
  }
}

/** An entry with its own risk: its facts and opinion, the usage flags left out. */
function withToolRisk(entry: CatalogToolEntity): CatalogToolEntity {
  const { flags, level } = assessToolRisk({ ...entry, catalogOpinion: entry.opinion });
  return { ...entry, riskFlags: flags, riskLevel: level };
}

/** What null means for a list field of a patch: empty. */
function defaultOf(field: (typeof EDITABLE_FIELDS)[number]): unknown {
  return field === 'aliases' || field === 'alternativeIds' ? [] : null;
}
