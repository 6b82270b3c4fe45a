import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ExportKind } from '../common/enums';
import { ExportFileEntity } from './export-file.entity';

/** A stored PDF export. `school` and `createdBy` are resolved by field resolvers. */
@ObjectType()
export class ExportFile {
  @Field(() => ID) id: string;
  @Field(() => ExportKind) kind: ExportKind;
  @Field() createdAt: Date;
  @Field() sha256: string;
  @Field(() => Int) byteSize: number;
  @Field(() => Int) pageCount: number;
  @Field({ description: 'GET it with the same bearer token: application/pdf' }) downloadPath: string;
  schoolId: string;
  academyId: string;
  createdById: string;

  static from(e: ExportFileEntity): ExportFile {
    return Object.assign(new ExportFile(), {
      id: e.id,
      kind: e.kind,
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
