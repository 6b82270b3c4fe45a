import { Module } from '@nestjs/common';
import { TreatmentsModule } from '../treatments/treatments.module';
import { ImportResolver } from './import.resolver';
import { ImportService } from './import.service';

/** Importing a register from a spreadsheet (the export side lives in exports/). */
@Module({ imports: [TreatmentsModule], providers: [ImportService, ImportResolver] })
export class SpreadsheetsModule {}
