import { Injectable } from '@nestjs/common';
import { badInput, Caller, hasNulCharacter, SHORT_TEXT, tooManyRequests } from '@app/core';
import {
  MAX_IMPORT_ROWS,
  MAX_LEADING_ROWS,
  ReadSheet,
  SheetReadPool,
  SheetRefused,
  SheetRow,
  tooManyRows,
} from '@app/pdf';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { TreatmentsService } from '../treatments/treatments.service';
import { checkRow, CheckedRow, ColumnMap, mapColumns } from './treatment-sheet';

/**
 * The heading line: the first of the leading rows that names all the required columns (a sheet may
 * open with a title), else the first row.
 */
function headingLine(rows: SheetRow[]): { columns: ColumnMap; entries: SheetRow[] } {
  for (let i = 0; i < Math.min(rows.length, MAX_LEADING_ROWS + 1); i++) {
    const columns = mapColumns(rows[i].cells.map((c) => c.trim()));
    if (columns.missing.length === 0) return { columns, entries: rows.slice(i + 1) };
  }
  return { columns: mapColumns(rows[0].cells.map((c) => c.trim())), entries: rows.slice(1) };
}

/** Rows checked between two turns of the event loop. */
const CHECK_CHUNK = 20;

export interface ImportOutcome {
  dryRun: boolean;
  applied: boolean;
  ignoredColumns: string[];
  rows: (CheckedRow & { line: number; treatment: TreatmentEntity | null })[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * importTreatments (RULES.md, "Spreadsheets"): the file is read in a worker thread, every row is
 * checked as createTreatment checks its input, and unless it is a dry run and only when no row is
 * rejected, the rows are created in file order in one transaction, through TreatmentsService, each
 * with its reference and its CREATE audit event. Nothing is written otherwise.
 */
@Injectable()
export class ImportService {
  private readonly reads = new SheetReadPool();

  constructor(
    private readonly tx: AuditedTransactions,
    private readonly treatments: TreatmentsService,
  ) {}

  async importTreatments(
    caller: Caller,
    schoolId: string,
    fileName: string,
    contentBase64: string,
    dryRun: boolean,
  ): Promise<ImportOutcome> {
    const name = typeof fileName === 'string' ? fileName.trim() : '';
    if (!name) throw badInput({ fileName: 'Ce champ est obligatoire.' });
    if (name.length > SHORT_TEXT || hasNulCharacter(name)) {
      throw badInput({ fileName: `Nom de fichier invalide (${SHORT_TEXT} caractères au maximum).` });
    }
    const base64 = contentBase64.replace(/\s+/g, '');
    if (!BASE64.test(base64) || base64.length % 4 === 1) {
      throw badInput({ contentBase64: 'Le contenu du fichier doit être encodé en base64.' });
    }
    // who may import is who may create treatments: checked before the file is read
    const school = await this.treatments.schoolForCreation(caller, schoolId);

    const sheet = await this.read(Buffer.from(base64, 'base64'));
    const { columns, entries } = headingLine(sheet.rows);
    if (columns.missing.length) {
      throw badInput({
        contentBase64: `Colonnes obligatoires absentes : ${columns.missing.map((h) => `« ${h} »`).join(', ')}. La première ligne doit porter les intitulés des colonnes de l'export.`,
      });
    }
    if (entries.length === 0) throw badInput({ contentBase64: 'Le fichier ne contient aucun traitement.' });
    if (entries.length > MAX_IMPORT_ROWS) throw badInput({ contentBase64: tooManyRows().message });

    const rows: ImportOutcome['rows'] = [];
    for (let i = 0; i < entries.length; i++) {
      // a 2,000-row file is checked in slices: the event loop serves other requests in between
      if (i > 0 && i % CHECK_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = entries[i];
      rows.push({ line: row.line, treatment: null, ...checkRow(school.id, columns, row.cells) });
    }
    const rejected = rows.some((r) => r.errors.length > 0);
    if (dryRun || rejected) {
      return { dryRun, applied: false, ignoredColumns: columns.ignored, rows };
    }
    const created = await this.tx.run(caller, (ctx) =>
      this.treatments.createManyInTransaction(
        ctx,
        school,
        rows.map((row) => row.values!),
      ),
    );
    rows.forEach((row, i) => (row.treatment = created[i]));
    return { dryRun, applied: true, ignoredColumns: columns.ignored, rows };
  }

  private async read(bytes: Buffer): Promise<ReadSheet> {
    try {
      return await this.reads.read(bytes, () =>
        tooManyRequests("Trop d'imports sont en cours : réessayez dans un instant."),
      );
    } catch (error) {
      if (error instanceof SheetRefused) throw badInput({ contentBase64: error.message }, error.message);
      throw error;
    }
  }
}
