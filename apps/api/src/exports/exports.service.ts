import { createHash, randomUUID } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { badInput, Caller, ExportFormat, ExportKind, isUuid, notFound, tooManyRequests } from '@app/core';
import { DocumentContext, exportFileName, Render, RenderedPdf, RenderPool, ROLE_LABELS } from '@app/pdf';
import { requireCan, scope } from '../access';
import { AcademyEntity } from '../academies/academy.entity';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { AuditService } from '../audit/audit.service';
import { created } from '../audit/changes';
import { bindCaller } from '../common/tenant-isolation';
import { SchoolEntity } from '../schools/school.entity';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { ExportFileEntity } from './export-file.entity';
import { ExportSourceReader } from './export-sources';

/**
 * Documents rendering at once (one worker thread each, off the API's event loop), and renders
 * allowed to wait for a worker; beyond that exportRegister answers TOO_MANY_REQUESTS. A render holds
 * its whole document in memory (pdfkit keeps the pages until their footers are written, and the
 * file is stored as one value) plus one batch of entries: at most MAX_CONCURRENT_RENDERS documents
 * are held together.
 */
export const MAX_CONCURRENT_RENDERS = 2;
export const MAX_WAITING_RENDERS = 8;

const AUDITED_FIELDS: (keyof ExportFileEntity)[] = [
  'kind',
  'format',
  'fileName',
  'sha256',
  'byteSize',
  'pageCount',
];

export interface Download {
  fileName: string;
  format: ExportFormat;
  sha256: string;
  content: Buffer;
}

@Injectable()
export class ExportsService implements OnModuleDestroy {
  private readonly renders = new RenderPool(MAX_CONCURRENT_RENDERS, MAX_WAITING_RENDERS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
  ) {}

  onModuleDestroy(): Promise<void> {
    return this.renders.close();
  }

  /** The PDF render queue, for the metrics (observability/metrics.ts). */
  get renderQueue(): Pick<RenderPool, 'active' | 'waiting' | 'workerCount'> {
    return this.renders;
  }

  /**
   * Renders the document (PDF, or a spreadsheet: libs/pdf/src/spreadsheet.ts), stores it with its SHA-256, and records the EXPORT audit event in the
   * same transaction as the stored file.
   */
  async exportRegister(
    caller: Caller,
    schoolId: string,
    kind: ExportKind,
    format: ExportFormat = 'PDF',
  ): Promise<ExportFileEntity> {
    const school = await this.schoolForExport(caller, schoolId);
    if (!school) throw notFound('Établissement');
    if (format === 'CSV' && kind === 'CNIL_DOSSIER') {
      // a CSV holds one table (RULES.md: one register per file); the dossier has six parts
      throw badInput({
        format:
          'Le dossier CNIL réunit plusieurs registres : exportez-le en XLSX (une feuille par partie) ou en PDF, ou exportez chaque registre en CSV.',
      });
    }
    // a worker first, then the database snapshot: no transaction stays open waiting in line
    const { generatedAt, ...rendered } = await this.renders.withWorker(
      (render) => this.render(render, caller, school, kind, format),
      () => tooManyRequests("Trop d'exports sont en cours : réessayez dans un instant."),
    );
    const file = Object.assign(new ExportFileEntity(), {
      id: randomUUID(),
      kind,
      format,
      schoolId: school.id,
      academyId: school.academyId,
      createdById: caller.userId,
      fileName: exportFileName(kind, school.uai, generatedAt, format),
      sha256: createHash('sha256').update(rendered.content).digest('hex'),
      byteSize: rendered.content.length,
      pageCount: rendered.pageCount,
      content: rendered.content,
      createdAt: generatedAt,
    });
    return this.tx.run(caller, async ({ em, audit }) => {
      await em.query(
        `INSERT INTO export_file
           (id, kind, format, school_id, academy_id, created_by_id, file_name, sha256, byte_size, page_count, content, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          file.id,
          file.kind,
          file.format,
          file.schoolId,
          file.academyId,
          file.createdById,
          file.fileName,
          file.sha256,
          file.byteSize,
          file.pageCount,
          file.content,
          file.createdAt,
        ],
      );
      audit({
        action: 'EXPORT',
        entityType: 'ExportFile',
        entityId: file.id,
        schoolId: file.schoolId,
        academyId: file.academyId,
        changes: created(file, AUDITED_FIELDS),
      });
      return file;
    });
  }

  /**
   * The school's exports, newest first. A school out of scope (or unknown) gives an empty list, as
   * every list silently leaves out what the caller may not read; a TEACHER or an ADMIN, who may read
   * the school but not export for it, gets FORBIDDEN.
   */
  async list(caller: Caller, schoolId: string): Promise<ExportFileEntity[]> {
    const school = await this.schoolForExport(caller, schoolId);
    if (!school) return [];
    return this.dataSource.getRepository(ExportFileEntity).find({
      where: { schoolId: school.id },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The stored file, or null for anyone who may not export for its school (the download answers 404). */
  async findForDownload(caller: Caller, id: string): Promise<Download | null> {
    if (!isUuid(id)) return null;
    // the export rule, in SQL: a file the caller may not have is never loaded
    const visible = scope(caller, 'export.read', 'f');
    if (visible.sql === 'FALSE') return null;
    const file = await this.dataSource
      .getRepository(ExportFileEntity)
      .createQueryBuilder('f')
      .addSelect('f.content')
      .where('f.id = :id', { id })
      .andWhere(visible.sql, visible.params)
      .getOne();
    if (!file) return null;
    return { fileName: file.fileName, format: file.format, sha256: file.sha256, content: file.content };
  }

  /** null when out of scope; FORBIDDEN when visible but the role may not export. */
  private async schoolForExport(caller: Caller, schoolId: string): Promise<SchoolEntity | null> {
    if (!isUuid(schoolId)) return null;
    // read through the caller's scope: a school it may not see is never loaded (tenant isolation)
    const visible = scope(caller, 'school.read', 's');
    const school = await this.dataSource
      .getRepository(SchoolEntity)
      .createQueryBuilder('s')
      .where('s.id = :exportSchoolId', { exportSchoolId: schoolId })
      .andWhere(visible.sql, visible.params)
      .getOne();
    if (!school) return null;
    requireCan(caller, 'export.create', { schoolId: school.id, academyId: school.academyId });
    return school;
  }

  /**
   * Reads the registers in one REPEATABLE READ, read-only transaction: every part of the document
   * (and the dossier's counts) reflects the same instant, whatever is written meanwhile.
   */
  private render(
    render: Render,
    caller: Caller,
    school: SchoolEntity,
    kind: ExportKind,
    format: ExportFormat,
  ): Promise<RenderedPdf & { generatedAt: Date }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      bindCaller(em, caller);
      // the date the document states: the instant of the snapshot it shows
      const generatedAt = new Date();
      await em.query('SET TRANSACTION READ ONLY');
      const academy = await em.getRepository(AcademyEntity).findOneByOrFail({ id: school.academyId });
      const headGrants = await em
        .getRepository(RoleGrantEntity)
        .find({ where: { role: 'HEAD', schoolId: school.id }, order: { createdAt: 'ASC' } });
      const heads = headGrants.length
        ? await em.getRepository(UserEntity).find({
            where: { id: In(headGrants.map((g) => g.userId)), active: true },
            order: { displayName: 'ASC' },
          })
        : [];
      const author = await em.getRepository(UserEntity).findOneByOrFail({ id: caller.userId });
      // the school chain's head in this snapshot: the document prints it (docs/audit-trail.md)
      const auditHead = await AuditService.chainHead(em, school.id);
      const context: DocumentContext = {
        kind,
        format,
        academy: {
          code: academy.code,
          name: academy.name,
          dpoName: academy.dpoName,
          dpoEmail: academy.dpoEmail,
          dpoPhone: academy.dpoPhone,
          dpoAddress: academy.dpoAddress,
          rssiEmail: academy.rssiEmail,
          hierarchyEmail: academy.hierarchyEmail,
        },
        school: {
          uai: school.uai,
          name: school.name,
          kind: school.kind,
          city: school.city,
          address: school.address,
          email: school.email,
          phone: school.phone,
        },
        heads: heads.map((u) => ({ displayName: u.displayName, email: u.email })),
        generatedAt,
        generatedBy: {
          displayName: author.displayName,
          email: author.email,
          role: caller.isHeadOf(school.id) ? ROLE_LABELS.HEAD : ROLE_LABELS.DPD,
        },
        auditHead: auditHead && { seq: auditHead.seq, hash: auditHead.hash },
      };
      return { ...(await render(context, new ExportSourceReader(em, school.id))), generatedAt };
    });
  }
}
