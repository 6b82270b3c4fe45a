import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';
import { ReviewTargetType } from '../common/enums';
import {
  breachRecorded,
  catalogOpinionChanged,
  declarationDecided,
  declarationSubmitted,
  DeclarationFacts,
  entryLink,
  reviewRecorded,
  SchoolRef,
  ViolationFacts,
} from './notification-messages';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsService } from './notifications.service';

/** The audit trail's (and the links') name of each kind of reviewed entry. */
const REVIEWED_ENTITY: Record<ReviewTargetType, string> = {
  TREATMENT: 'Treatment',
  TOOL_DECLARATION: 'ToolDeclaration',
  VIOLATION: 'Violation',
  RIGHTS_REQUEST: 'RightsRequest',
};

/**
 * Who is told of what (RULES.md, "Alert chain and notifications"), for the domains' mutations: each
 * call writes the notifications in the mutation's transaction `em`.
 */
@Injectable()
export class AlertChain {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get publicUrl(): string {
    return (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/+$/, '');
  }

  /** recordViolation: the school's heads, the DPD (users and dpoEmail), the RSSI and the hierarchy. */
  async breachRecorded(em: EntityManager, violationId: string): Promise<void> {
    const v = await this.violationFacts(em, violationId);
    const who = new NotificationRecipients(em);
    await this.notifications.enqueue(em, [
      {
        kind: 'BREACH_RECORDED',
        recipients: [
          ...(await who.heads(v.schoolId)),
          ...(await who.dpd(v.academyId)),
          ...(await who.rssiAndHierarchy(v.academyId)),
        ],
        message: breachRecorded(v),
        academyId: v.academyId,
        schoolId: v.schoolId,
        entityType: 'Violation',
        entityId: violationId,
      },
    ]);
  }

  /** submitDeclaration: the school's heads. */
  async declarationSubmitted(em: EntityManager, declarationId: string): Promise<void> {
    const d = await this.declarationFacts(em, declarationId);
    await this.notifications.enqueue(em, [
      {
        kind: 'DECLARATION_SUBMITTED',
        recipients: await new NotificationRecipients(em).heads(d.schoolId),
        message: declarationSubmitted(d),
        academyId: d.academyId,
        schoolId: d.schoolId,
        entityType: 'ToolDeclaration',
        entityId: declarationId,
      },
    ]);
  }

  /** decideDeclaration: the author, with the comment. */
  async declarationDecided(
    em: EntityManager,
    declarationId: string,
    decision: string,
    comment: string | null,
  ): Promise<void> {
    const d = await this.declarationFacts(em, declarationId);
    await this.notifications.enqueue(em, [
      {
        kind: 'DECLARATION_DECIDED',
        recipients: await new NotificationRecipients(em).user(d.authorId),
        message: declarationDecided(d, decision, comment),
        academyId: d.academyId,
        schoolId: d.schoolId,
        entityType: 'ToolDeclaration',
        entityId: declarationId,
      },
    ]);
  }

  /** reviewEntry: the heads of the entry's school, and the author of a declaration. */
  async reviewRecorded(em: EntityManager, reviewId: string): Promise<void> {
    const [r] = await em.query(
      `SELECT r.target_type, r.target_id, r.verdict, r.comment, r.school_id, r.academy_id,
              reviewer.display_name AS reviewer_name, s.name AS school_name, s.uai,
              coalesce(t.reference, d.tool_name, v.reference, rr.reference) AS target_name,
              d.declared_by_id AS author_id
         FROM review r
         JOIN school s ON s.id = r.school_id
         JOIN app_user reviewer ON reviewer.id = r.reviewer_id
         LEFT JOIN treatment t ON r.target_type = 'TREATMENT' AND t.id = r.target_id
         LEFT JOIN tool_declaration d ON r.target_type = 'TOOL_DECLARATION' AND d.id = r.target_id
         LEFT JOIN violation v ON r.target_type = 'VIOLATION' AND v.id = r.target_id
         LEFT JOIN rights_request rr ON r.target_type = 'RIGHTS_REQUEST' AND rr.id = r.target_id
        WHERE r.id = $1`,
      [reviewId],
    );
    const entityType = REVIEWED_ENTITY[r.target_type as ReviewTargetType];
    const who = new NotificationRecipients(em);
    await this.notifications.enqueue(em, [
      {
        kind: 'REVIEW_RECORDED',
        recipients: [...(await who.heads(r.school_id)), ...(r.author_id ? await who.user(r.author_id) : [])],
        message: reviewRecorded({
          targetType: r.target_type,
          targetName: r.target_name,
          verdict: r.verdict,
          comment: r.comment,
          reviewerName: r.reviewer_name,
          school: { name: r.school_name, uai: r.uai },
          link: entryLink(this.publicUrl, entityType, r.target_id),
        }),
        academyId: r.academy_id,
        schoolId: r.school_id,
        entityType,
        entityId: r.target_id,
      },
    ]);
  }

  /**
   * A catalogue entry's opinion or reviewed facts changed (updateCatalogTool): the heads of each school
   * whose ACTIVE treatments, filed from a linked declaration, went back to NOT_REVIEWED; one
   * notification per school, naming its treatments.
   */
  async catalogOpinionChanged(
    em: EntityManager,
    entry: { id: string; name: string; opinion: string; conditions: string | null; academyId: string },
    sentBack: readonly { id: string; schoolId: string; reference: string; name: string }[],
  ): Promise<void> {
    const bySchool = new Map<string, (typeof sentBack)[number][]>();
    for (const t of sentBack) bySchool.set(t.schoolId, [...(bySchool.get(t.schoolId) ?? []), t]);
    if (bySchool.size === 0) return;
    const schools: { id: string; name: string; uai: string }[] = await em.query(
      `SELECT id, name, uai FROM school WHERE id = ANY($1) ORDER BY id`,
      [[...bySchool.keys()]],
    );
    const heads = await new NotificationRecipients(em).headsOf([...bySchool.keys()]);
    const items = [];
    for (const school of schools) {
      const treatments = bySchool.get(school.id)!;
      items.push({
        kind: 'CATALOG_OPINION_CHANGED' as const,
        recipients: heads.get(school.id) ?? [],
        message: catalogOpinionChanged({
          toolName: entry.name,
          opinion: entry.opinion,
          conditions: entry.conditions,
          school: { name: school.name, uai: school.uai },
          treatments: treatments.map((t) => ({ reference: t.reference, name: t.name })),
          link: entryLink(this.publicUrl, 'Treatment', treatments[0].id),
        }),
        academyId: entry.academyId,
        schoolId: school.id,
        entityType: 'CatalogTool',
        entityId: entry.id,
      });
    }
    await this.notifications.enqueue(em, items);
  }

  /** What a mail says of a violation; read in `em` (the scheduler reads its candidates the same way). */
  async violationFacts(
    em: EntityManager,
    violationId: string,
  ): Promise<ViolationFacts & { schoolId: string; academyId: string }> {
    const [row] = await em.query(
      `SELECT v.reference, v.title, v.incident_type, v.risk, v.cnil_notification_required, v.cnil_deadline,
              v.school_id, v.academy_id, s.name AS school_name, s.uai
         FROM violation v JOIN school s ON s.id = v.school_id WHERE v.id = $1`,
      [violationId],
    );
    return {
      reference: row.reference,
      title: row.title,
      incidentType: row.incident_type,
      risk: row.risk,
      cnilNotificationRequired: row.cnil_notification_required,
      cnilDeadline: new Date(row.cnil_deadline),
      school: { name: row.school_name, uai: row.uai } satisfies SchoolRef,
      schoolId: row.school_id,
      academyId: row.academy_id,
      link: entryLink(this.publicUrl, 'Violation', violationId),
    };
  }

  private async declarationFacts(
    em: EntityManager,
    declarationId: string,
  ): Promise<DeclarationFacts & { schoolId: string; academyId: string; authorId: string }> {
    const [row] = await em.query(
      `SELECT d.tool_name, d.risk_level, d.school_id, d.academy_id, d.declared_by_id,
              u.display_name AS author_name, s.name AS school_name, s.uai
         FROM tool_declaration d JOIN school s ON s.id = d.school_id JOIN app_user u ON u.id = d.declared_by_id
        WHERE d.id = $1`,
      [declarationId],
    );
    return {
      toolName: row.tool_name,
      riskLevel: row.risk_level,
      authorName: row.author_name,
      school: { name: row.school_name, uai: row.uai },
      link: entryLink(this.publicUrl, 'ToolDeclaration', declarationId),
      schoolId: row.school_id,
      academyId: row.academy_id,
      authorId: row.declared_by_id,
    };
  }
}
