import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Caller } from '@app/core';
import { DashboardService } from '../reviews/dashboard.service';
import { AlertChain } from './alert-chain.service';
import {
  deadlinePassed,
  deadlineReminder,
  entryLink,
  parisDateTime,
  rightsRequestDueSoon,
  rightsRequestOverdue,
  weeklyDigest,
} from './notification-messages';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsService } from './notifications.service';

/** The reminder stages: hours before the CNIL deadline. */
export const REMINDER_HOURS = [48, 24, 6] as const;
/** The reminder stages of a rights request: days before its deadline (RULES.md, "Rights requests"). */
export const RIGHTS_REMINDER_DAYS = [7, 2] as const;
/** A rights request whose clock runs: received or in progress (paused while AWAITING_REQUESTER; final once answered). */
const RIGHTS_CLOCK_RUNS = `r.status IN ('RECEIVED', 'IN_PROGRESS')`;
/** Items one tick handles at most of each sort (the next tick takes the rest). */
const BATCH = 200;

/** A required notification to the CNIL that is neither made nor justified away, on an OPEN violation. */
const AWAITING_CNIL = `v.status = 'OPEN' AND v.cnil_notification_required AND v.cnil_notified_at IS NULL
  AND v.no_notification_justification IS NULL`;

/**
 * The scheduled notifications (reminders, weekly digests), in every API process, every
 * SCHEDULER_INTERVAL_SECONDS, from the database's clock (now()):
 * - each due item is claimed by inserting its key into notification_event, in the transaction that
 *   writes its notifications: several processes, or two ticks, write it once;
 * - what is due is read from the registers' state, not from timers, so a process that was stopped
 *   catches up at its first tick: the latest reminder stage reached (not every stage missed), the
 *   deadline passed, this week's digest until a day after its time.
 * A tick is one transaction under a try-lock: a process that finds another one ticking skips its turn.
 */
@Injectable()
export class NotificationScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly chain: AlertChain,
    private readonly dashboard: DashboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.SCHEDULER_INTERVAL_SECONDS;
    if (seconds === 0) return;
    const tick = () => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`scheduler tick failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, seconds * 1000);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: every due reminder, passed deadline and digest. The number of items written. */
  async tick(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = await em.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('notification-scheduler', 0)) AS locked`,
      );
      if (!locked) return 0;
      return (
        (await this.reminders(em)) +
        (await this.passedDeadlines(em)) +
        (await this.rightsRequestReminders(em)) +
        (await this.digests(em))
      );
    });
  }

  /** Claims a key; false when it was claimed before. */
  private async claim(em: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO notification_event (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key],
    );
    return rows.length === 1;
  }

  /** 48 h, 24 h and 6 h before the deadline: the latest stage reached since the violation was recorded. */
  private async reminders(em: EntityManager): Promise<number> {
    const due: { id: string; hours: number }[] = await em.query(
      `SELECT v.id, stage.hours FROM violation v
         CROSS JOIN LATERAL (
           SELECT min(h) AS hours FROM unnest($1::int[]) h
            WHERE now() >= v.cnil_deadline - h * interval '1 hour'
              AND v.created_at <= v.cnil_deadline - h * interval '1 hour'
         ) stage
        WHERE ${AWAITING_CNIL} AND now() < v.cnil_deadline
          AND v.cnil_deadline <= now() + $2::int * interval '1 hour'
          AND stage.hours IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM notification_event e
                           WHERE e.key = 'violation:' || v.id || ':reminder:' || stage.hours)
        ORDER BY v.cnil_deadline LIMIT ${BATCH}`,
      [REMINDER_HOURS, Math.max(...REMINDER_HOURS)],
    );
    let written = 0;
    for (const { id, hours } of due) {
      if (!(await this.claim(em, `violation:${id}:reminder:${hours}`))) continue;
      const v = await this.chain.violationFacts(em, id);
      const hoursLeft = Math.max(
        1,
        Math.round((v.cnilDeadline.getTime() - (await this.now(em))) / 3_600_000),
      );
      written += await this.toHeadsAndDpd(
        em,
        v,
        'CNIL_DEADLINE_REMINDER',
        deadlineReminder(v, hoursLeft),
        id,
      );
    }
    return written;
  }

  /** Once after the deadline, while the notification is still not made. */
  private async passedDeadlines(em: EntityManager): Promise<number> {
    const due: { id: string }[] = await em.query(
      `SELECT v.id FROM violation v
        WHERE ${AWAITING_CNIL} AND now() >= v.cnil_deadline
          AND NOT EXISTS (SELECT 1 FROM notification_event e WHERE e.key = 'violation:' || v.id || ':passed')
        ORDER BY v.cnil_deadline LIMIT ${BATCH}`,
    );
    let written = 0;
    for (const { id } of due) {
      if (!(await this.claim(em, `violation:${id}:passed`))) continue;
      const v = await this.chain.violationFacts(em, id);
      written += await this.toHeadsAndDpd(em, v, 'CNIL_DEADLINE_PASSED', deadlinePassed(v), id);
    }
    return written;
  }

  /**
   * Rights requests: 7 and 2 days before the deadline (the latest stage reached since the request was
   * recorded; a new deadline, once extended, has its own), then once when it has passed, while the
   * clock runs; to the school's heads and the DPD.
   */
  private async rightsRequestReminders(em: EntityManager): Promise<number> {
    const due: { id: string; key: string; days: number | null }[] = await em.query(
      `SELECT r.id, 'rights:' || r.id || ':due:' || stage.days || ':' || floor(extract(epoch FROM r.due_at))::bigint AS key,
              stage.days
         FROM rights_request r
         CROSS JOIN LATERAL (
           SELECT min(d) AS days FROM unnest($1::int[]) d
            WHERE now() >= r.due_at - d * interval '1 day' AND r.created_at <= r.due_at - d * interval '1 day'
         ) stage
        WHERE ${RIGHTS_CLOCK_RUNS} AND now() < r.due_at AND stage.days IS NOT NULL
       UNION ALL
       SELECT r.id, 'rights:' || r.id || ':overdue' AS key, NULL AS days
         FROM rights_request r
        WHERE ${RIGHTS_CLOCK_RUNS} AND now() >= r.due_at
       ORDER BY key LIMIT ${BATCH * 2}`,
      [RIGHTS_REMINDER_DAYS],
    );
    let written = 0;
    for (const { id, key, days } of due) {
      if (!(await this.claim(em, key))) continue;
      const [r]: {
        reference: string;
        right_types: string[];
        due_at: Date;
        school_id: string;
        academy_id: string;
        name: string;
        uai: string;
      }[] = await em.query(
        `SELECT r.reference, r.right_types, r.due_at, r.school_id, r.academy_id, s.name, s.uai
           FROM rights_request r JOIN school s ON s.id = r.school_id WHERE r.id = $1`,
        [id],
      );
      const facts = {
        reference: r.reference,
        rightTypes: r.right_types,
        dueAt: r.due_at,
        school: { name: r.name, uai: r.uai },
        link: entryLink(this.chain.publicUrl, 'RightsRequest', id),
      };
      const who = new NotificationRecipients(em);
      written += await this.notifications.enqueue(em, [
        {
          kind: days === null ? 'RIGHTS_REQUEST_OVERDUE' : 'RIGHTS_REQUEST_DUE_SOON',
          recipients: [...(await who.heads(r.school_id)), ...(await who.dpd(r.academy_id))],
          message: days === null ? rightsRequestOverdue(facts) : rightsRequestDueSoon(facts, days),
          academyId: r.academy_id,
          schoolId: r.school_id,
          entityType: 'RightsRequest',
          entityId: id,
        },
      ]);
    }
    return written;
  }

  private async toHeadsAndDpd(
    em: EntityManager,
    v: Awaited<ReturnType<AlertChain['violationFacts']>>,
    kind: 'CNIL_DEADLINE_REMINDER' | 'CNIL_DEADLINE_PASSED',
    message: { subject: string; body: string },
    violationId: string,
  ): Promise<number> {
    const who = new NotificationRecipients(em);
    return this.notifications.enqueue(em, [
      {
        kind,
        recipients: [...(await who.heads(v.schoolId)), ...(await who.dpd(v.academyId))],
        message,
        academyId: v.academyId,
        schoolId: v.schoolId,
        entityType: 'Violation',
        entityId: violationId,
      },
    ]);
  }

  /** Each active DPD user, once a week at WEEKLY_DIGEST_AT (Europe/Paris), until a day after it. */
  private async digests(em: EntityManager): Promise<number> {
    const [day, time] = this.config.WEEKLY_DIGEST_AT.split(' ');
    const [hour, minute] = time.split(':').map(Number);
    const due: { id: string; academy_id: string; week: string }[] = await em.query(
      `WITH local AS (SELECT now() AT TIME ZONE 'Europe/Paris' AS t),
            anchor AS (
              SELECT date_trunc('week', local.t) + ($1::int - 1) * interval '1 day' + $2::int * interval '1 minute'
                     - k * interval '7 days' AS at
                FROM local, (VALUES (0), (1)) weeks(k)
            ),
            current AS (
              SELECT anchor.at FROM anchor, local WHERE local.t >= anchor.at AND local.t < anchor.at + interval '1 day'
            )
       SELECT DISTINCT u.id, u.academy_id, to_char(current.at, 'YYYY-MM-DD') AS week
         FROM current, app_user u JOIN role_grant g ON g.user_id = u.id AND g.role = 'DPD'
        WHERE u.active
          AND NOT EXISTS (SELECT 1 FROM notification_event e
                           WHERE e.key = 'digest:' || u.id || ':' || to_char(current.at, 'YYYY-MM-DD'))
        LIMIT ${BATCH}`,
      [Number(day), hour * 60 + minute],
    );
    let written = 0;
    for (const dpd of due) {
      if (!(await this.claim(em, `digest:${dpd.id}:${dpd.week}`))) continue;
      written += await this.digest(em, dpd.id, dpd.academy_id);
    }
    return written;
  }

  private async digest(em: EntityManager, userId: string, academyId: string): Promise<number> {
    const caller = new Caller(userId, academyId, [{ role: 'DPD', schoolId: null }]);
    const { academy, counts } = await this.dashboard.academyDashboard(caller, academyId);
    const url = this.chain.publicUrl;
    const violations: { id: string; reference: string; school: string; deadline: Date; late: boolean }[] =
      await em.query(
        `SELECT v.id, v.reference, s.name AS school, v.cnil_deadline AS deadline, now() > v.cnil_deadline AS late
           FROM violation v JOIN school s ON s.id = v.school_id
          WHERE v.academy_id = $1 AND ${AWAITING_CNIL}
          ORDER BY v.cnil_deadline LIMIT 10`,
        [academyId],
      );
    const declarations: {
      id: string;
      tool_name: string;
      school: string;
      risk_level: string;
      submitted_at: Date;
    }[] = await em.query(
      `SELECT d.id, d.tool_name, s.name AS school, d.risk_level, d.submitted_at
           FROM tool_declaration d JOIN school s ON s.id = d.school_id
          WHERE d.academy_id = $1 AND d.status = 'SUBMITTED'
          ORDER BY (d.risk_level = 'HIGH') DESC, d.submitted_at LIMIT 10`,
      [academyId],
    );
    const items = [
      ...violations.map((v) => ({
        line: v.late
          ? `Violation ${v.reference} (${v.school}) : notification CNIL en retard depuis le ${parisDateTime(new Date(v.deadline))}`
          : `Violation ${v.reference} (${v.school}) : notification CNIL avant le ${parisDateTime(new Date(v.deadline))}`,
        link: entryLink(url, 'Violation', v.id),
      })),
      ...declarations.map((d) => ({
        line: `Déclaration « ${d.tool_name} » (${d.school}) en attente de décision${d.risk_level === 'HIGH' ? ', risque élevé' : ''}`,
        link: entryLink(url, 'ToolDeclaration', d.id),
      })),
    ].slice(0, 10);
    const message = weeklyDigest({
      academyName: academy.name,
      counts: [
        { label: 'Établissements', value: counts.schools },
        { label: 'Établissements sans traitement actif', value: counts.schoolsWithoutTreatments },
        { label: 'Déclarations en attente', value: counts.pendingDeclarations },
        { label: 'dont à risque élevé', value: counts.highRiskDeclarations },
        { label: 'Traitements actifs à examiner', value: counts.treatmentsAwaitingReview },
        { label: 'Violations ouvertes', value: counts.openViolations },
        { label: 'Notifications CNIL en retard', value: counts.overdueCnilNotifications },
      ],
      items,
      dashboardLink: `${url}/tableau-de-bord`,
    });
    return this.notifications.enqueue(em, [
      {
        kind: 'WEEKLY_DIGEST',
        recipients: await new NotificationRecipients(em).user(userId),
        message,
        academyId,
      },
    ]);
  }

  private async now(em: EntityManager): Promise<number> {
    const [{ now }] = await em.query(`SELECT now() AS now`);
    return new Date(now).getTime();
  }
}
