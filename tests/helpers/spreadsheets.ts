import { crc32, deflateRawSync } from 'node:zlib';
import request from 'supertest';
import { Workbook } from 'exceljs';
import type { TestApp } from './test-app';

/** Spreadsheet tests: the export's mutation, the binary download, and files built by hand. */
export const EXPORT_SHEET = `mutation ($schoolId: ID!, $kind: ExportKind!, $format: ExportFormat) {
  exportRegister(schoolId: $schoolId, kind: $kind, format: $format) {
    id kind format fileName contentType sha256 byteSize pageCount downloadPath
  }
}`;

export interface SheetFile {
  id: string;
  kind: string;
  format: string;
  fileName: string;
  contentType: string;
  sha256: string;
  byteSize: number;
  pageCount: number;
  downloadPath: string;
}

export const IMPORT = `mutation ($schoolId: ID!, $fileName: String!, $contentBase64: String!, $dryRun: Boolean!) {
  importTreatments(schoolId: $schoolId, fileName: $fileName, contentBase64: $contentBase64, dryRun: $dryRun) {
    dryRun applied rowCount rejectedCount ignoredColumns
    rows { line name status errors { column message } treatment { id reference name } }
  }
}`;

export interface ImportReportView {
  dryRun: boolean;
  applied: boolean;
  rowCount: number;
  rejectedCount: number;
  ignoredColumns: string[];
  rows: {
    line: number;
    name: string | null;
    status: 'OK' | 'REJECTED';
    errors: { column: string; message: string }[];
    treatment: { id: string; reference: string; name: string } | null;
  }[];
}

export const importFile = (
  t: TestApp,
  token: string,
  schoolId: string,
  content: Buffer,
  dryRun: boolean,
  fileName = 'registre.csv',
) =>
  t.gql<{ importTreatments: ImportReportView }>(
    IMPORT,
    { schoolId, fileName, contentBase64: content.toString('base64'), dryRun },
    token,
  );

/** GET with a binary body (supertest only buffers text types by itself). */
export function download(t: TestApp, path: string, token?: string) {
  const req = request(t.app.getHttpServer())
    .get(path)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req;
}

export async function readWorkbook(content: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

/** The rows of a sheet as arrays of cell values (column 1 first). */
export function sheetRows(workbook: Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1));
  });
  return rows;
}

/** A zip archive with the given parts (stored deflated); `declare` overrides a part's declared size. */
export function zip(parts: { name: string; content: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = deflateRawSync(part.content);
    const crc = crc32(part.content);
    const size = part.declare ?? part.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The treatments' headings of RULES.md, in order. */
export const TREATMENT_HEADINGS = [
  'Référence',
  'Nom du traitement',
  'Finalités',
  'Base légale',
  'Catégories de personnes',
  'Catégories de données',
  'Données sensibles',
  'Destinataires',
  'Sous-traitants',
  'Transferts hors UE',
  'Durée de conservation',
  'Durée de conservation (mois)',
  'Mesures de sécurité',
  'AIPD requise',
  'Statut',
  'Créé le',
  'Modifié le',
];
