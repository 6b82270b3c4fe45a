import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ACADEMY_AUDITED_FIELDS } from '../apps/api/src/academies/academies.service';
import { AcademyEntity } from '../apps/api/src/academies/academy.entity';
import { AppModule } from '../apps/api/src/app.module';
import { AuditedTransactions } from '../apps/api/src/audit/audited-transaction.service';
import { created, diff } from '../apps/api/src/audit/changes';
import { AuthService } from '../apps/api/src/auth/auth.service';
import { CatalogToolInput } from '../apps/api/src/catalog/dto/catalog-tool.input';
import { CatalogService } from '../apps/api/src/catalog/catalog.service';
import { DeclarationsService } from '../apps/api/src/declarations/declarations.service';
import {
  DeclarationDecisionInput,
  ToolDeclarationInput,
} from '../apps/api/src/declarations/dto/tool-declaration.input';
import { entities } from '../apps/api/src/entities';
import { ReviewInput } from '../apps/api/src/reviews/dto/review.input';
import { ReviewsService } from '../apps/api/src/reviews/reviews.service';
import { CreateSchoolInput } from '../apps/api/src/schools/dto/school.input';
import { SchoolsService } from '../apps/api/src/schools/schools.service';
import { TreatmentInput } from '../apps/api/src/treatments/dto/treatment.input';
import { TreatmentsService } from '../apps/api/src/treatments/treatments.service';
import { CreateUserInput } from '../apps/api/src/users/dto/user.input';
import { UsersService } from '../apps/api/src/users/users.service';
import { ViolationInput, ViolationPatch } from '../apps/api/src/violations/dto/violation.input';
import { ViolationsService } from '../apps/api/src/violations/violations.service';
import {
  RightsRequestInput,
  RightsRequestTransitionInput,
} from '../apps/api/src/rights-requests/dto/rights-request.input';
import { RightsRequestsService } from '../apps/api/src/rights-requests/rights-requests.service';
import {
  AppConfig,
  AUDIT_HMAC_KEY_FILE,
  Caller,
  ConfigError,
  DomainError,
  loadEnvironment,
  persistentSecret,
  toAppConfig,
  validateAs,
} from '@app/core';
import { AppDatabaseError, openAppDatabase, runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { DEMO_CATALOG, DemoCatalogTool } from './demo-catalog';
import {
  DEMO_ACADEMY,
  DEMO_ADMIN_EMAIL,
  DEMO_DECLARATIONS,
  DEMO_PASSWORD,
  DEMO_REVIEWS,
  DEMO_RIGHTS_REQUESTS,
  DemoRightsRequest,
  DEMO_SCHOOLS,
  DEMO_TREATMENTS,
  DEMO_USERS,
  DEMO_VIOLATIONS,
  DemoDeclaration,
  DemoReview,
  DemoUser,
  DemoViolation,
} from './demo-data';

/**
 * `npm run seed:demo [-- [--reset] [--force]]`: loads the demo académie (scripts/demo-data.ts) into the database
 * `npm start` uses (DATABASE_URL, or the embedded PostgreSQL of DATA_DIR/pg, started here or already
 * running), through the services, as the demo users themselves: every entry has its real audit
 * events and `verifyAuditTrail` stays valid.
 *
 * - Idempotent: every demo entry has a natural key (a school's UAI, an account's email, a treatment's
 *   name in its school, a declaration's tool and author, a breach's title, a review's target and text);
 *   what already exists is left as it is, so a second run changes nothing.
 * - Refuses a database holding anything but the demo and the bootstrap administrator (ADMIN_EMAIL)
 *   with its academy, unless --force.
 * - `--reset` empties the database first (every table, the audit trail included: it drops the schema
 *   and runs the migrations again), then loads the demo: a demo or a training can be replayed from
 *   the start. It refuses a database holding non-demo data as above, unless --force (which then
 *   erases that data too). The bootstrap administrator is created again at the next `npm start`.
 */

export interface SeedDemoOptions {
  databaseUrl: string;
  /** seed even when the database holds other schools or accounts (with reset: erase them too) */
  force?: boolean;
  /** empty the database first, then load the demo from the start */
  reset?: boolean;
  /** default: the environment's, without the bootstrap administrator */
  config?: AppConfig;
  /** "now" of the breaches' dates; default: the current time */
  now?: Date;
  log?: (message: string) => void;
}

export interface DemoAccount {
  email: string;
  displayName: string;
  role: 'ADMIN' | 'DPD' | 'HEAD' | 'TEACHER';
  /** school names, or the academy for academy-wide roles */
  where: string;
  job: string;
}

export interface SeedDemoResult {
  /** demo entries created by this run (0 on a second run) */
  created: number;
  /** demo entries that were already there */
  existing: number;
  academyId: string;
  /** what the demo academy holds now */
  counts: Record<string, number>;
  accounts: DemoAccount[];
  warnings: string[];
}

/** The database holds schools or accounts that are not the demo's (and --force was not given). */
export class ForeignDataError extends Error {}

/** The configuration the seed boots the API's services with: the environment's, no bootstrap admin. */
export function seedConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const { ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...rest } = env;
  const environment = loadEnvironment(rest);
  // no token is signed here: any secret does; the audit events are keyed as the API keys them
  return toAppConfig(
    environment,
    randomBytes(48).toString('base64url'),
    persistentSecret(environment.DATA_DIR, AUDIT_HMAC_KEY_FILE, environment.AUDIT_HMAC_KEY),
  );
}

export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  await runMigrations({ url: options.databaseUrl, entities, migrations });
  const config = options.config ?? seedConfig();
  const withApp = async <T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> => {
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ config, databaseUrl: options.databaseUrl }),
      { logger: ['error', 'warn'] },
    );
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  };
  const warnings: string[] = [];
  if (options.reset) {
    // the same refusal as a plain seed, before anything is erased
    const foreign = await withApp((app) => new DemoSeeder(app, options).checkForeignData());
    if (foreign) warnings.push(foreign);
    options.log?.('Reset: emptying the database…');
    await emptyDatabase(options.databaseUrl);
    await runMigrations({ url: options.databaseUrl, entities, migrations });
  }
  const result = await withApp((app) => new DemoSeeder(app, { ...options, reset: false }).run());
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

/**
 * Drops the current schema (every table, type, function and the migrations' record) and creates it
 * again empty, with PostgreSQL's default owner and rights for `public`. The audit table refuses
 * DELETE: dropping is the only way to empty it, and it takes the whole trail, which stays consistent.
 */
export async function emptyDatabase(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ schema }] = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
    const name = `"${schema.replace(/"/g, '""')}"`;
    await client.query('BEGIN');
    await client.query(`DROP SCHEMA ${name} CASCADE`);
    await client.query(`CREATE SCHEMA ${name}`);
    if (schema === 'public') {
      await client.query('ALTER SCHEMA public OWNER TO pg_database_owner');
      await client.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

const HOUR = 3_600_000;
const DEMO_UAIS = DEMO_SCHOOLS.map((s) => s.uai);
const DEMO_EMAILS = [DEMO_ADMIN_EMAIL, ...DEMO_USERS.map((u) => u.email)];

class DemoSeeder {
  private readonly ds: DataSource;
  private readonly tx: AuditedTransactions;
  private readonly auth: AuthService;
  private readonly users: UsersService;
  private readonly schools: SchoolsService;
  private readonly treatments: TreatmentsService;
  private readonly declarations: DeclarationsService;
  private readonly violations: ViolationsService;
  private readonly rightsRequests: RightsRequestsService;
  private readonly reviews: ReviewsService;
  private readonly catalog: CatalogService;
  private readonly log: (message: string) => void;
  private readonly now: Date;

  private created = 0;
  private foreignData = false;
  private existing = 0;
  private readonly warnings: string[] = [];
  private academyId = '';
  private readonly schoolIds = new Map<string, string>();
  private readonly userIds = new Map<string, string>();
  private readonly callers = new Map<string, Caller>();
  private readonly treatmentIds = new Map<string, string>();
  private readonly declarationIds = new Map<string, string>();
  private readonly violationIds = new Map<string, string>();

  constructor(
    app: INestApplicationContext,
    private readonly options: SeedDemoOptions,
  ) {
    this.ds = app.get(DataSource);
    this.tx = app.get(AuditedTransactions);
    this.auth = app.get(AuthService);
    this.users = app.get(UsersService);
    this.schools = app.get(SchoolsService);
    this.treatments = app.get(TreatmentsService);
    this.declarations = app.get(DeclarationsService);
    this.violations = app.get(ViolationsService);
    this.rightsRequests = app.get(RightsRequestsService);
    this.reviews = app.get(ReviewsService);
    this.catalog = app.get(CatalogService);
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? new Date();
  }

  async run(): Promise<SeedDemoResult> {
    const foreign = await this.checkForeignData();
    if (foreign)
      this.warn(`${foreign} --force: adding the demo académie anyway (its counts will include that data).`);
    await this.ensureAcademy();
    const admin = await this.ensureAdmin();
    for (const school of DEMO_SCHOOLS) await this.ensureSchool(admin, school);
    // password hashing dominates: the DPD and the heads together, then the teachers (created by them)
    await Promise.all(DEMO_USERS.filter((u) => u.role !== 'TEACHER').map((u) => this.ensureUser(admin, u)));
    await Promise.all(DEMO_USERS.filter((u) => u.role === 'TEACHER').map((u) => this.ensureUser(admin, u)));
    for (const treatment of DEMO_TREATMENTS) await this.ensureTreatment(treatment);
    for (const declaration of DEMO_DECLARATIONS) await this.ensureDeclaration(declaration);
    for (const violation of DEMO_VIOLATIONS) await this.ensureViolation(violation);
    for (const review of DEMO_REVIEWS) await this.ensureReview(review);
    for (const request of DEMO_RIGHTS_REQUESTS) await this.ensureRightsRequest(request);
    // the DPD reviews the tools once for the académie: the declarations already made are linked
    for (const tool of DEMO_CATALOG) await this.ensureCatalogTool(tool);
    return {
      created: this.created,
      existing: this.existing,
      academyId: this.academyId,
      counts: await this.counts(),
      accounts: this.accounts(),
      warnings: this.warnings,
    };
  }

  // ------------------------------------------------------------ what is already there

  /**
   * Allowed besides the demo: ADMIN-only accounts (the bootstrap administrator of ADMIN_EMAIL) and
   * academies without schools (its academy). Anything else is someone's data.
   */
  /** Throws ForeignDataError without --force; with it, returns what the database holds besides. */
  async checkForeignData(): Promise<string | null> {
    const schools: { uai: string; name: string }[] = await this.ds.query(
      `SELECT s.uai, s.name FROM school s JOIN academy a ON a.id = s.academy_id
        WHERE NOT (s.uai = ANY($1) AND a.code = $2) ORDER BY s.uai`,
      [DEMO_UAIS, DEMO_ACADEMY.code],
    );
    const accounts: { email: string }[] = await this.ds.query(
      `SELECT u.email FROM app_user u JOIN academy a ON a.id = u.academy_id
        WHERE NOT (u.email = ANY($1) AND a.code = $2)
          AND (NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id)
               OR EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role <> 'ADMIN'))
        ORDER BY u.email`,
      [DEMO_EMAILS, DEMO_ACADEMY.code],
    );
    if (!schools.length && !accounts.length) return null;
    this.foreignData = true;
    const sample = (items: string[]) => items.slice(0, 5).join(', ') + (items.length > 5 ? ', …' : '');
    const parts = [
      ...(schools.length ? [`${schools.length} school(s) (${sample(schools.map((s) => s.uai))})`] : []),
      ...(accounts.length ? [`${accounts.length} account(s) (${sample(accounts.map((a) => a.email))})`] : []),
    ];
    const what = `This database holds data that is not the demo's: ${parts.join(' and ')}.`;
    if (!this.options.force) {
      throw new ForeignDataError(
        this.options.reset
          ? `${what} seed:demo --reset erases the whole database; add --force to erase that data too.`
          : `${what} seed:demo fills an empty database (or one holding only the bootstrap administrator); ` +
              'add --force to add the demo académie to it anyway.',
      );
    }
    return this.options.reset ? `${what} --reset --force: erased with the rest.` : what;
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.log(`warning: ${message}`);
  }

  private async idOf(sql: string, params: unknown[]): Promise<string | null> {
    const rows: { id: string }[] = await this.ds.query(sql, params);
    return rows[0]?.id ?? null;
  }

  private async callerOf(userKey: string): Promise<Caller> {
    const known = this.callers.get(userKey);
    if (known) return known;
    const id = this.userIds.get(userKey);
    const caller = id ? await this.auth.loadCaller(id) : null;
    if (!caller) throw new Error(`The demo account "${userKey}" is missing or deactivated.`);
    this.callers.set(userKey, caller);
    return caller;
  }

  private headOf(schoolKey: string): string {
    const head = DEMO_USERS.find((u) => u.role === 'HEAD' && u.schools.includes(schoolKey));
    if (!head) throw new Error(`No demo head for ${schoolKey}`);
    return head.key;
  }

  private school(key: string): string {
    const id = this.schoolIds.get(key);
    if (!id) throw new Error(`Unknown demo school ${key}`);
    return id;
  }

  // ------------------------------------------------------------ people and places

  /**
   * The academy the bootstrap administrator uses (ADMIN_ACADEMY_CODE, default TOULOUSE). Created here
   * when missing, as a system event (actor null) like the bootstrap one, with its DPD's contact.
   */
  private async ensureAcademy(): Promise<void> {
    const existing = await this.ds.getRepository(AcademyEntity).findOneBy({ code: DEMO_ACADEMY.code });
    if (existing) {
      this.academyId = existing.id;
      this.existing++;
      const noContact = !existing.dpoName && !existing.dpoEmail && !existing.rssiEmail;
      // the bootstrap administrator's academy has no DPD contact (no mutation edits an academy): the
      // demo's, so that the exported documents name one; never on a database holding other data
      if (noContact && !this.foreignData) await this.fillContacts(existing);
      return;
    }
    const academy = await this.tx.run(null, async ({ em, audit }) => {
      const saved = await em.save(em.create(AcademyEntity, { ...DEMO_ACADEMY }));
      audit({
        action: 'CREATE',
        entityType: 'Academy',
        entityId: saved.id,
        academyId: saved.id,
        changes: created(saved, ACADEMY_AUDITED_FIELDS),
      });
      return saved;
    });
    this.academyId = academy.id;
    this.created++;
    this.log(`${DEMO_ACADEMY.name} created`);
  }

  private async fillContacts(academy: AcademyEntity): Promise<void> {
    const contacts = {
      dpoName: DEMO_ACADEMY.dpoName,
      dpoEmail: DEMO_ACADEMY.dpoEmail,
      rssiEmail: DEMO_ACADEMY.rssiEmail,
    };
    await this.tx.run(null, async ({ em, audit }) => {
      const result = await em
        .createQueryBuilder()
        .update(AcademyEntity)
        .set({ ...contacts, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: academy.id, version: academy.version })
        .execute();
      if (result.affected !== 1) throw new Error('The academy changed meanwhile: run seed:demo again.');
      audit({
        action: 'UPDATE',
        entityType: 'Academy',
        entityId: academy.id,
        academyId: academy.id,
        changes: diff(academy, { ...academy, ...contacts }, ['dpoName', 'dpoEmail', 'rssiEmail']),
      });
    });
    this.created++;
    this.log(`${academy.name}: DPD contact recorded (${DEMO_ACADEMY.dpoName}, ${DEMO_ACADEMY.dpoEmail})`);
  }

  /** The demo administrator, created exactly as ADMIN_EMAIL's is at start (UsersService.bootstrapAdmin). */
  private async ensureAdmin(): Promise<Caller> {
    const lookup = () => this.idOf(`SELECT id FROM app_user WHERE email = $1`, [DEMO_ADMIN_EMAIL]);
    let id = await lookup();
    if (id) {
      this.existing++;
    } else {
      await this.users.bootstrapAdmin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_ACADEMY.code);
      id = await lookup();
      this.created++;
    }
    const caller = id ? await this.auth.loadCaller(id) : null;
    if (!caller?.isAdmin) throw new Error(`${DEMO_ADMIN_EMAIL} exists but is not an active administrator.`);
    return caller;
  }

  private async ensureSchool(admin: Caller, school: (typeof DEMO_SCHOOLS)[number]): Promise<void> {
    const existing = await this.idOf(`SELECT id FROM school WHERE uai = $1`, [school.uai]);
    if (existing) {
      this.schoolIds.set(school.key, existing);
      this.existing++;
      return;
    }
    const input = validateAs(CreateSchoolInput, {
      academyId: this.academyId,
      uai: school.uai,
      name: school.name,
      kind: school.kind,
      city: school.city,
    });
    const saved = await this.schools.create(admin, input);
    this.schoolIds.set(school.key, saved.id);
    this.created++;
  }

  /**
   * The DPD and the heads are created by the administrator; a teacher by the head of its school (a
   * head creates the teachers of its schools), or by the administrator when it works in two schools.
   */
  private async ensureUser(admin: Caller, user: DemoUser): Promise<void> {
    const existing = await this.idOf(`SELECT id FROM app_user WHERE email = $1`, [user.email]);
    if (existing) {
      this.userIds.set(user.key, existing);
      this.existing++;
      return;
    }
    const input = validateAs(CreateUserInput, {
      academyId: this.academyId,
      email: user.email,
      displayName: user.displayName,
      password: DEMO_PASSWORD,
      grants:
        user.role === 'DPD'
          ? [{ role: 'DPD' }]
          : user.schools.map((school) => ({ role: user.role, schoolId: this.school(school) })),
    });
    const creator =
      user.role === 'TEACHER' && user.schools.length === 1
        ? await this.callerOf(this.headOf(user.schools[0]))
        : admin;
    const saved = await this.users.create(creator, input);
    this.userIds.set(user.key, saved.id);
    this.created++;
  }

  // ------------------------------------------------------------ registers

  private async ensureTreatment(treatment: (typeof DEMO_TREATMENTS)[number]): Promise<void> {
    const schoolId = this.school(treatment.school);
    const existing = await this.idOf(`SELECT id FROM treatment WHERE school_id = $1 AND name = $2`, [
      schoolId,
      treatment.name,
    ]);
    if (existing) {
      this.treatmentIds.set(treatment.key, existing);
      this.existing++;
      return;
    }
    const { key: _key, school: _school, archivedReason, ...values } = treatment;
    const head = await this.callerOf(this.headOf(treatment.school));
    const saved = await this.treatments.create(head, validateAs(TreatmentInput, { ...values, schoolId }));
    if (archivedReason) await this.treatments.archive(head, saved.id, archivedReason);
    this.treatmentIds.set(treatment.key, saved.id);
    this.created++;
  }

  /** An entry of the académie's catalogue, written by the demo DPD (alternatives by name, earlier entries). */
  private async ensureCatalogTool(tool: DemoCatalogTool): Promise<void> {
    const dpd = await this.callerOf('dpd');
    const existing = await this.idOf(
      `SELECT id FROM catalog_tool WHERE academy_id = $1 AND name_key = tool_name_key($2)`,
      [this.academyId, tool.name],
    );
    if (existing) {
      this.existing++;
      return;
    }
    const { alternatives, ...values } = tool;
    const alternativeIds: string[] = [];
    for (const name of alternatives ?? []) {
      const id = await this.idOf(
        `SELECT id FROM catalog_tool WHERE academy_id = $1 AND name_key = tool_name_key($2)`,
        [this.academyId, name],
      );
      if (id) alternativeIds.push(id);
    }
    await this.catalog.create(dpd, validateAs(CatalogToolInput, { ...values, alternativeIds }));
    this.created++;
  }

  /** The author declares and submits (or withdraws); the head of the school decides. */
  private async ensureDeclaration(declaration: DemoDeclaration): Promise<void> {
    const schoolId = this.school(declaration.school);
    const author = await this.callerOf(declaration.author);
    const existing = await this.idOf(
      // a declaration linked to the catalogue carries its entry's name: found through the entry's names
      `SELECT d.id FROM tool_declaration d
        WHERE d.school_id = $1 AND d.declared_by_id = $2
          AND (d.tool_name = $3 OR EXISTS (SELECT 1 FROM catalog_tool_name n
                                            WHERE n.catalog_tool_id = d.catalog_tool_id
                                              AND n.name_key = tool_name_key($3)))`,
      [schoolId, author.userId, declaration.answers.toolName],
    );
    if (existing) {
      this.declarationIds.set(declaration.key, existing);
      this.existing++;
      return;
    }
    const input = validateAs(ToolDeclarationInput, { ...declaration.answers, schoolId });
    let current = (await this.declarations.create(author, input)).declaration;
    for (const step of declaration.steps) {
      switch (step.do) {
        case 'submit':
          current = await this.declarations.submit(author, current.id);
          break;
        case 'withdraw':
          current = await this.declarations.withdraw(author, current.id);
          break;
        case 'decide': {
          const head = await this.callerOf(this.headOf(declaration.school));
          const decision = validateAs(DeclarationDecisionInput, {
            decision: step.decision,
            comment: step.comment,
            treatmentId: step.treatment ? this.treatmentIds.get(step.treatment) : undefined,
          });
          current = await this.declarations.decide(head, current.id, decision);
          break;
        }
      }
    }
    this.declarationIds.set(declaration.key, current.id);
    this.created++;
  }

  /** Recorded by its reporter; the head completes the follow-up, and closes it when done. */
  private async ensureViolation(violation: DemoViolation): Promise<void> {
    const schoolId = this.school(violation.school);
    const existing = await this.idOf(`SELECT id FROM violation WHERE school_id = $1 AND title = $2`, [
      schoolId,
      violation.title,
    ]);
    if (existing) {
      this.violationIds.set(violation.key, existing);
      this.existing++;
      return;
    }
    const ago = (hours: number | undefined) =>
      hours === undefined ? undefined : new Date(this.now.getTime() - hours * HOUR);
    const reporter = await this.callerOf(violation.reporter);
    let current = await this.violations.record(
      reporter,
      validateAs(ViolationInput, {
        schoolId,
        title: violation.title,
        description: violation.description,
        incidentType: violation.incidentType,
        natures: violation.natures,
        occurredAt: ago(violation.occurredHoursAgo),
        discoveredAt: ago(violation.discoveredHoursAgo),
        dataCategories: violation.dataCategories,
        subjectCategories: violation.subjectCategories,
        approxSubjectCount: violation.approxSubjectCount,
        approxRecordCount: violation.approxRecordCount,
        consequences: violation.consequences,
        measuresTaken: violation.measuresTaken,
        risk: violation.risk,
        treatmentIds: violation.treatments?.map((key) => this.treatmentIds.get(key)),
      }),
    );
    const head = await this.callerOf(this.headOf(violation.school));
    const followUp = violation.followUp;
    if (followUp) {
      current = await this.violations.update(
        head,
        current.id,
        current.version,
        validateAs(ViolationPatch, {
          cnilNotifiedAt: ago(followUp.cnilNotifiedHoursAgo),
          cnilReference: followUp.cnilReference,
          subjectsInformedAt: ago(followUp.subjectsInformedHoursAgo),
          rssiInformedAt: ago(followUp.rssiInformedHoursAgo),
          hierarchyInformedAt: ago(followUp.hierarchyInformedHoursAgo),
        }),
      );
    }
    if (violation.close) current = await this.violations.close(head, current.id, current.version);
    this.violationIds.set(violation.key, current.id);
    this.created++;
  }

  /** Recorded by the school's head on its day of receipt, then moved as it was, each step on its day. */
  private async ensureRightsRequest(request: DemoRightsRequest): Promise<void> {
    const schoolId = this.school(request.school);
    const existing = await this.idOf(
      `SELECT id FROM rights_request WHERE school_id = $1 AND description = $2`,
      [schoolId, request.description],
    );
    if (existing) {
      this.existing++;
      return;
    }
    const ago = (days: number) => new Date(this.now.getTime() - days * 24 * HOUR);
    const head = await this.callerOf(this.headOf(request.school));
    let current = await this.rightsRequests.record(
      head,
      validateAs(RightsRequestInput, {
        schoolId,
        rightTypes: request.rightTypes,
        channel: request.channel,
        receivedAt: ago(request.receivedDaysAgo),
        requesterName: request.requesterName,
        requesterRelation: request.requesterRelation,
        subjectName: request.subjectName,
        subjectCategory: request.subjectCategory,
        description: request.description,
        treatmentIds: request.treatments?.map((key) => this.treatmentIds.get(key)),
      }),
    );
    for (const step of request.steps ?? []) {
      const { daysAgo, ...move } = step;
      current = await this.rightsRequests.transition(
        head,
        current.id,
        current.version,
        validateAs(RightsRequestTransitionInput, {
          ...move,
          at: ago(daysAgo),
          ...(move.transition === 'EXTEND' ? { extensionNotifiedAt: ago(daysAgo) } : {}),
        }),
      );
    }
    this.created++;
  }

  private async reviewTargetId(target: DemoReview['target']): Promise<string | undefined> {
    if ('ofDeclaration' in target) {
      const declarationId = this.declarationIds.get(target.ofDeclaration);
      const rows: { treatment_id: string | null }[] = await this.ds.query(
        `SELECT treatment_id FROM tool_declaration WHERE id = $1`,
        [declarationId],
      );
      return rows[0]?.treatment_id ?? undefined;
    }
    const ids =
      target.type === 'TREATMENT'
        ? this.treatmentIds
        : target.type === 'TOOL_DECLARATION'
          ? this.declarationIds
          : this.violationIds;
    return ids.get(target.key);
  }

  private async ensureReview(review: DemoReview): Promise<void> {
    const dpd = await this.callerOf('dpd');
    const targetId = await this.reviewTargetId(review.target);
    if (!targetId) {
      this.warn(`review skipped: its target ${JSON.stringify(review.target)} is missing`);
      return;
    }
    const existing = await this.idOf(
      `SELECT id FROM review WHERE target_id = $1 AND reviewer_id = $2 AND verdict = $3
          AND comment IS NOT DISTINCT FROM $4`,
      [targetId, dpd.userId, review.verdict, review.comment ?? null],
    );
    if (existing) {
      this.existing++;
      return;
    }
    await this.reviews.review(
      dpd,
      validateAs(ReviewInput, {
        targetType: review.target.type,
        targetId,
        verdict: review.verdict,
        comment: review.comment,
      }),
    );
    this.created++;
  }

  // ------------------------------------------------------------ the summary

  private async counts(): Promise<Record<string, number>> {
    const [row]: Record<string, number>[] = await this.ds.query(
      `SELECT (SELECT count(*) FROM school WHERE academy_id = $1)::int AS schools,
              (SELECT count(*) FROM app_user WHERE academy_id = $1)::int AS accounts,
              (SELECT count(*) FROM tool_declaration WHERE academy_id = $1)::int AS declarations,
              (SELECT count(*) FROM tool_declaration WHERE academy_id = $1 AND status = 'SUBMITTED')::int
                AS "pendingDeclarations",
              (SELECT count(*) FROM treatment WHERE academy_id = $1)::int AS treatments,
              (SELECT count(*) FROM treatment WHERE academy_id = $1 AND status = 'ACTIVE')::int
                AS "activeTreatments",
              (SELECT count(*) FROM violation WHERE academy_id = $1)::int AS violations,
              (SELECT count(*) FROM violation WHERE academy_id = $1 AND status = 'OPEN')::int
                AS "openViolations",
              (SELECT count(*) FROM review WHERE academy_id = $1)::int AS reviews,
              (SELECT count(*) FROM rights_request WHERE academy_id = $1)::int AS "rightsRequests",
              (SELECT count(*) FROM audit_event WHERE academy_id = $1)::int AS "auditEvents"`,
      [this.academyId],
    );
    return row;
  }

  private accounts(): DemoAccount[] {
    const schoolName = new Map(DEMO_SCHOOLS.map((s) => [s.key, `${s.name} (${s.city})`]));
    return [
      {
        email: DEMO_ADMIN_EMAIL,
        displayName: 'Administrateur',
        role: 'ADMIN',
        where: DEMO_ACADEMY.name,
        job: 'administrateur',
      },
      ...DEMO_USERS.map((u) => ({
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        where: u.schools.length ? u.schools.map((s) => schoolName.get(s)).join(' ; ') : DEMO_ACADEMY.name,
        job: u.job,
      })),
    ];
  }
}

/** The demo accounts, one a line, for the terminal. */
export function formatAccounts(accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.email.length));
  return accounts
    .map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(width)}  ${a.displayName}, ${a.job} — ${a.where}`)
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--force' && a !== '--reset');
  if (unknown.length)
    throw new Error(
      `Unknown argument(s): ${unknown.join(' ')} (usage: npm run seed:demo [-- [--reset] [--force]])`,
    );
  const env = loadEnvironment();
  const database = await openAppDatabase(env, console.log);
  try {
    console.log(`Seeding the demo académie into ${database.description}…`);
    const result = await seedDemo({
      databaseUrl: database.url,
      force: args.includes('--force'),
      reset: args.includes('--reset'),
      log: console.log,
    });
    const c = result.counts;
    console.log(
      result.created === 0
        ? 'The demo académie was already there: nothing changed.'
        : `Demo académie ready (${result.created} entries created, ${result.existing} already there).`,
    );
    console.log(
      `${DEMO_ACADEMY.name} (${DEMO_ACADEMY.code}): ${c.schools} schools, ${c.accounts} accounts, ` +
        `${c.declarations} tool declarations (${c.pendingDeclarations} to decide), ${c.treatments} treatments, ` +
        `${c.violations} breaches (${c.openViolations} open), ${c.reviews} DPD reviews, ${c.auditEvents} audit events.`,
    );
    console.log(
      `\nDemo accounts — password for every one: ${DEMO_PASSWORD}\n${formatAccounts(result.accounts)}`,
    );
    if (args.includes('--reset')) {
      console.log(
        '\nThe database was emptied first: a bootstrap administrator (ADMIN_EMAIL) is created again at the next start.',
      );
    }
    console.log('\nNext: npm start, then follow README.md, section "Walkthrough".');
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof DomainError) {
        console.error(
          `${error.code}: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`,
        );
      } else if (
        error instanceof ForeignDataError ||
        error instanceof ConfigError ||
        error instanceof AppDatabaseError
      ) {
        console.error(error.message);
      } else {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      }
      process.exit(1);
    },
  );
}
