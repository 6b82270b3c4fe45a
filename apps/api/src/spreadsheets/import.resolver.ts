import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { Treatment } from '../treatments/treatment.model';
import { ImportReport } from './import-report.model';
import { ImportService } from './import.service';

@Resolver(() => ImportReport)
export class ImportResolver {
  constructor(private readonly service: ImportService) {}

  @Mutation(() => ImportReport, {
    description:
      "an XLSX or CSV register in the export's columns; nothing is written unless every row is valid",
  })
  async importTreatments(
    @CurrentCaller() caller: Caller,
    @Args('schoolId', { type: () => ID }) schoolId: string,
    @Args('fileName') fileName: string,
    @Args('contentBase64') contentBase64: string,
    @Args('dryRun') dryRun: boolean,
  ): Promise<ImportReport> {
    const outcome = await this.service.importTreatments(caller, schoolId, fileName, contentBase64, dryRun);
    const rows = outcome.rows.map((r) => ({
      line: r.line,
      name: r.name,
      status: r.errors.length ? ('REJECTED' as const) : ('OK' as const),
      errors: r.errors,
      treatment: r.treatment && Treatment.from(r.treatment),
    }));
    return {
      dryRun: outcome.dryRun,
      applied: outcome.applied,
      rowCount: rows.length,
      rejectedCount: rows.filter((r) => r.status === 'REJECTED').length,
      ignoredColumns: outcome.ignoredColumns,
      rows,
    };
  }
}
