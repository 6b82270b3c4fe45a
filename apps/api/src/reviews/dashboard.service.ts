import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, isUuid, notFound } from '@app/core';
import { SCHOOL_KIND_LABELS } from '@app/pdf';
import { cnilOverdueSql, departementCode, departementLabel, openOverdueRightsRequestSql } from '@app/rules';
import { can, requireCan } from '../access';
import { AcademyEntity } from '../academies/academy.entity';
import type { SchoolKind } from '../common/enums';
import { SchoolGrouping } from './dashboard.model';

export interface SchoolGroup {
  key: string;
  label: string;
  schools: number;
  schoolsWithoutTreatments: number;
  schoolsWithOpenViolations: number;
  highRiskDeclarations: number;
  treatmentsAwaitingReview: number;
}

export interface AcademyCounts {
  schools: number;
  schoolsWithoutTreatments: number;
  pendingDeclarations: number;
  highRiskDeclarations: number;
  treatmentsAwaitingReview: number;
  openViolations: number;
  overdueCnilNotifications: number;
  openRightsRequests: number;
  overdueRightsRequests: number;
  pendingCatalogTools: number;
  catalogCandidates: number;
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
    requireCan(caller, 'academy.dashboard');
    const id = academyId ?? caller.academyId;
    const academy = isUuid(id) ? await this.dataSource.getRepository(AcademyEntity).findOneBy({ id }) : null;
    if (!academy || !can(caller, 'academy.dashboard', academy)) throw notFound('Académie');
    return { academy, counts: await this.sharedCounts(academy.id) };
  }

  /**
   * A DPD's dashboard is polled by many screens at once: a request arriving while the same academy's
   * counts are being read joins that reading instead of starting another one. Nothing is cached
   * beyond it: a request made after a reading ends always reads the counters anew.
   */
  private sharedCounts(academyId: string): Promise<AcademyCounts> {
    let counts = this.inFlight.get(academyId);
    if (!counts) {
      counts = this.counts(academyId).finally(() => this.inFlight.delete(academyId));
      this.inFlight.set(academyId, counts);
    }
    return counts;
  }

  /**
   * One statement. Recounting an académie's registers on every call costs tens of milliseconds at
   * the size of Toulouse (3,000 schools, 300,000 declarations); school_stats keeps the counts per
   * school instead (migrations/1764000000400-school-stats.ts), so this sums one small row per school.
   * Those counters are exact, not a cache: triggers change them in the transaction of every write to
   * the registers, so they commit with it or not at all. Only the overdue CNIL notifications and
   * rights requests, which depend on now(), are counted from violation and rights_request (indexes
   * violation_academy_open, rights_request_academy_open), and the catalogue's two counts from
   * catalog_tool and the uncatalogued declarations (index tool_declaration_uncatalogued): the
   * candidates (names declared in two schools or more) by the académie's distinct names, each one's
   * first school and whether a second exists, a few index probes per name instead of grouping every
   * uncatalogued declaration (37 ms at the size of Toulouse).
   */
  private async counts(academyId: string): Promise<AcademyCounts> {
    const [row]: Record<string, number>[] = await this.dataSource.query(
      `WITH RECURSIVE candidate_names AS (
         -- the distinct names of the académie's uncatalogued declarations, one index probe each
         -- (tool_declaration_uncatalogued, migrations/1764000007000-uncatalogued-by-school.ts)
         (SELECT d.tool_key FROM tool_declaration d
           WHERE d.academy_id = $1 AND d.catalog_tool_id IS NULL AND d.status <> 'WITHDRAWN' AND d.tool_key > ''
           ORDER BY d.tool_key LIMIT 1)
         UNION ALL
         SELECT (SELECT d.tool_key FROM tool_declaration d
                  WHERE d.academy_id = $1 AND d.catalog_tool_id IS NULL AND d.status <> 'WITHDRAWN'
                    AND d.tool_key > k.tool_key
                  ORDER BY d.tool_key LIMIT 1)
           FROM candidate_names k WHERE k.tool_key IS NOT NULL)
       SELECT count(*)::int AS schools,
              count(*) FILTER (WHERE st.active_treatments = 0)::int AS schools_without_treatments,
              coalesce(sum(st.pending_declarations), 0)::int AS pending_declarations,
              coalesce(sum(st.high_risk_declarations), 0)::int AS high_risk_declarations,
              coalesce(sum(st.treatments_awaiting_review), 0)::int AS treatments_awaiting_review,
              coalesce(sum(st.open_violations), 0)::int AS open_violations,
              (SELECT count(*)::int FROM violation v
                WHERE v.academy_id = $1 AND v.status = 'OPEN' AND ${cnilOverdueSql('v')})
                AS overdue_cnil_notifications,
              coalesce(sum(st.open_rights_requests), 0)::int AS open_rights_requests,
              (SELECT count(*)::int FROM rights_request r
                WHERE r.academy_id = $1 AND r.status IN ('RECEIVED','AWAITING_REQUESTER','IN_PROGRESS')
                  AND ${openOverdueRightsRequestSql('r')})
                AS overdue_rights_requests,
              (SELECT count(*)::int FROM catalog_tool c WHERE c.academy_id = $1 AND c.opinion = 'PENDING')
                AS pending_catalog_tools,
              (SELECT count(*)::int FROM candidate_names k
                WHERE k.tool_key IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM catalog_tool_name n
                                   WHERE n.academy_id = $1 AND n.name_key = k.tool_key)
                  AND EXISTS (SELECT 1 FROM tool_declaration d
                               WHERE d.academy_id = $1 AND d.catalog_tool_id IS NULL AND d.status <> 'WITHDRAWN'
                                 AND d.tool_key = k.tool_key
                                 AND d.school_id > (SELECT f.school_id FROM tool_declaration f
                                                     WHERE f.academy_id = $1 AND f.catalog_tool_id IS NULL
                                                       AND f.status <> 'WITHDRAWN' AND f.tool_key = k.tool_key
                                                     ORDER BY f.school_id LIMIT 1)))
                AS catalog_candidates
         FROM school_stats st
        WHERE st.academy_id = $1`,
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
      openRightsRequests: row.open_rights_requests,
      overdueRightsRequests: row.overdue_rights_requests,
      pendingCatalogTools: row.pending_catalog_tools,
      catalogCandidates: row.catalog_candidates,
    };
  }

  /**
   * The académie's schools in groups, for the dashboard's chart: by département (the UAI's first
   * three digits) or by kind, from the same per-school counters as the totals. Called only after
   * academyDashboard has checked the caller (it is a field of the dashboard), in key order.
   */
  async schoolGroups(academyId: string, by: SchoolGrouping): Promise<SchoolGroup[]> {
    const key = by === SchoolGrouping.DEPARTEMENT ? 'left(s.uai, 3)' : 's.kind';
    const rows: Record<string, string | number>[] = await this.dataSource.query(
      `SELECT ${key} AS key,
              count(*)::int AS schools,
              count(*) FILTER (WHERE st.active_treatments = 0)::int AS schools_without_treatments,
              count(*) FILTER (WHERE st.open_violations > 0)::int AS schools_with_open_violations,
              coalesce(sum(st.high_risk_declarations), 0)::int AS high_risk_declarations,
              coalesce(sum(st.treatments_awaiting_review), 0)::int AS treatments_awaiting_review
         FROM school_stats st JOIN school s ON s.id = st.school_id
        WHERE st.academy_id = $1
        GROUP BY 1 ORDER BY 1`,
      [academyId],
    );
    return rows.map((row) => {
      const raw = String(row.key);
      return {
        key: by === SchoolGrouping.DEPARTEMENT ? departementCode(raw) : raw,
        label:
          by === SchoolGrouping.DEPARTEMENT ? departementLabel(raw) : SCHOOL_KIND_LABELS[raw as SchoolKind],
        schools: Number(row.schools),
        schoolsWithoutTreatments: Number(row.schools_without_treatments),
        schoolsWithOpenViolations: Number(row.schools_with_open_violations),
        highRiskDeclarations: Number(row.high_risk_declarations),
        treatmentsAwaitingReview: Number(row.treatments_awaiting_review),
      };
    });
  }
}
