import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports in three formats (RULES.md, "Spreadsheets"): the PDF documents and the registers as XLSX
 * workbooks or CSV files, stored and traced alike. Every file stored before is a PDF. For a
 * spreadsheet, page_count holds its number of sheets (1 for a CSV).
 */
export class ExportFormat1764000005000 implements MigrationInterface {
  name = 'ExportFormat1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE export_file ADD COLUMN format text NOT NULL DEFAULT 'PDF' CHECK (format IN ('PDF','XLSX','CSV'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM export_file WHERE format <> 'PDF'`);
    await q.query(`ALTER TABLE export_file DROP COLUMN format`);
  }
}
