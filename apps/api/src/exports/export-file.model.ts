import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CONTENT_TYPES } from '@app/pdf';
import { ExportFormat, ExportKind } from '../common/enums';
import { ExportFileEntity } from './export-file.entity';

/** A stored export (PDF, XLSX or CSV). `school` and `createdBy` are resolved by field resolvers. */
@ObjectType()
export class ExportFile {
  @Field(() => ID) id: string;
  @Field(() => ExportKind) kind: ExportKind;
  @Field(() => ExportFormat) format: ExportFormat;
  @Field({ description: 'the French file name the download carries' }) fileName: string;
  @Field() contentType: string;
  @Field() createdAt: Date;
  @Field() sha256: string;
  @Field(() => Int) byteSize: number;
  @Field(() => Int) pageCount: number;
  @Field({ description: 'GET it with the same bearer token: the bytes, with contentType' })
  downloadPath: string;
  schoolId: string;
  academyId: string;
  createdById: string;

  static from(e: ExportFileEntity): ExportFile {
    return Object.assign(new ExportFile(), {
      id: e.id,
      kind: e.kind,
      format: e.format,
      fileName: e.fileName,
      contentType: CONTENT_TYPES[e.format],
      createdAt: e.createdAt,
      sha256: e.sha256,
      byteSize: e.byteSize,
      pageCount: e.pageCount,
      downloadPath: `/exports/${e.id}/download`,
      schoolId: e.schoolId,
      academyId: e.academyId,
      createdById: e.createdById,
    });
  }
}
