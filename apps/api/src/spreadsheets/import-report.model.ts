import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ImportRowStatus } from '../common/enums';
import { Treatment } from '../treatments/treatment.model';

@ObjectType()
export class ImportFieldError {
  @Field({ description: "the column's heading as written in the file" }) column: string;
  @Field() message: string;
}

@ObjectType()
export class ImportRow {
  @Field(() => Int, { description: '1-based line of the sheet, header line included' }) line: number;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => ImportRowStatus) status: ImportRowStatus;
  @Field(() => [ImportFieldError]) errors: ImportFieldError[];
  @Field(() => Treatment, { nullable: true, description: 'the created entry, when applied' })
  treatment: Treatment | null;
}

@ObjectType()
export class ImportReport {
  @Field() dryRun: boolean;
  @Field({ description: 'true when the rows were created: not a dry run, and no row was rejected' })
  applied: boolean;
  @Field(() => Int) rowCount: number;
  @Field(() => Int) rejectedCount: number;
  @Field(() => [String], { description: 'headings that were not recognised (ignored)' })
  ignoredColumns: string[];
  @Field(() => [ImportRow]) rows: ImportRow[];
}
