import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExportFormat, ExportKind } from '@app/core';

/** A document handed over (PDF, XLSX or CSV), kept as evidence of what was handed over. */
@Entity('export_file')
export class ExportFileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ExportKind;
  @Column({ type: 'text' }) format: ExportFormat;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column({ name: 'created_by_id', type: 'uuid' }) createdById: string;
  @Column({ name: 'file_name' }) fileName: string;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ name: 'byte_size', type: 'int' }) byteSize: number;
  /** pages of a PDF, sheets of a workbook, 1 for a CSV */
  @Column({ name: 'page_count', type: 'int' }) pageCount: number;
  /** loaded only for the download */
  @Column({ type: 'bytea', select: false }) content: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
