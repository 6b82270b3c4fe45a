import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, forbidden, isUuid, notFound } from '../../../../libs/core/src';
import { AcademyEntity } from '../academies/academy.entity';
import { cnilOverdueSql } from '../violations/violation.rules';

export interface AcademyCounts {
  schools: number;
  schoolsWithoutTreatments: number;
  pendingDeclarations: number;
  highRiskDeclarations: number;
  treatmentsAwaitingReview: number;
  openViolations: number;
  overdueCnilNotifications: number;
}

@Injectable()
export class DashboardService {
  /** Counts being computed, by academy: concurrent callers share one computation (single flight). */
  private readonly inFlight = new Map<string, Promise<AcademyCounts>>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The academy's counts of what still needs acting on (RULES.md, "Reviews"). DPD: its academy (the
   * default); ADMIN: any academy, its own by default; anyone else: FORBIDDEN.
   */
  async academyDashboard(
    caller: Caller,
    academyId: string | null | undefined,
  ): Promise<{ academy: AcademyEntity; counts: AcademyCounts }> {
    if (!caller.isAdmin && caller.dpdAcademyIds.length === 0) {
      throw forbidden("Le tableau de bord de l'académie est réservé au délégué à la protection des données.");
    }
    const id = academyId ?? caller.academyId;
    const academy = isUuid(id) ? await this.dataSource.getRepository(AcademyEntity).findOneBy({ id }) : null;
    if (!academy || (!caller.isAdmin && !caller.isDpdOf(academy.id))) throw notFound('Académie');
    return { academy, counts: await this.sharedCounts(academy.id) };
  }

  /**
   * A DPD's dashboard is polled by many screens at once: a request arriving while the same academy's
   * counts are being computed joins that computation instead of starting another one. Nothing is
   * cached beyond it: a request made after a computation ends always counts anew.
   */
  private sharedCounts(academyId: string): Promise<AcademyCounts> {
    let counts = this.inFlight.get(academyId);
    if (!counts) {
      counts = this.counts(academyId).finally(() => this.inFlight.delete(academyId));
      this.inFlight.set(academyId, counts);
    }
    return counts;
  }

  /** One query; each part reads an academy index (school_academy_page, treatment_academy_review…). */
  private async counts(academyId: string): Promise<AcademyCounts> {
    const [row]: Record<string, number>[] = await this.dataSource.query(
      `WITH schools AS (
              SELECT count(*)::int AS schools,
                     count(*) FILTER (WHERE NOT EXISTS (
                       SELECT 1 FROM treatment t WHERE t.school_id = s.id AND t.status = 'ACTIVE'))::int
                       AS schools_without_treatments
                FROM school s WHERE s.academy_id = $1),
            declarations AS (
              SELECT count(*)::int AS pending_declarations,
                     count(*) FILTER (WHERE d.risk_level = 'HIGH')::int AS high_risk_declarations
                FROM tool_declaration d WHERE d.academy_id = $1 AND d.status = 'SUBMITTED'),
            treatments AS (
              SELECT count(*)::int AS treatments_awaiting_review
                FROM treatment t
               WHERE t.academy_id = $1 AND t.review_state = 'NOT_REVIEWED' AND t.status = 'ACTIVE'),
            violations AS (
              SELECT count(*)::int AS open_violations,
                     count(*) FILTER (WHERE ${cnilOverdueSql('v')})::int AS overdue_cnil_notifications
                FROM violation v WHERE v.academy_id = $1 AND v.status = 'OPEN')
       SELECT * FROM schools, declarations, treatments, violations`,
      [academyId],
    );
    return {
      schools: row.schools,
      schoolsWithoutTreatments: row.schools_without_treatments,
      pendingDeclarations: row.pending_declarations,
      highRiskDeclarations: row.high_risk_declarations,
      treatmentsAwaitingReview: row.treatments_awaiting_review,
      openViolations: row.open_violations,
      overdueCnilNotifications: row.overdue_cnil_notifications,
    };
  }
}
