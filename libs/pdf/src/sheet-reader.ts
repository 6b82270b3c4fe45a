import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { decode } from 'iconv-lite';

/**
 * Reads the first sheet of an XLSX workbook or a CSV file as text cells (RULES.md, "Spreadsheets"),
 * for the import. It runs in a worker thread (sheet-read-pool.ts): a workbook is a zip of XML, and
 * unzipping and parsing it takes CPU the API's event loop must not spend. Everything it refuses, it
 * refuses with a French sentence (SheetRefused), which the API returns as BAD_USER_INPUT.
 */
export const MAX_IMPORT_ROWS = 2000;
/** Columns read from a sheet; the export has fewer than 40. */
export const MAX_IMPORT_COLUMNS = 200;
/** Bytes a workbook may unzip to, all parts together: a register of 2,000 rows takes a few MB. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
/** Parts in a workbook (a few dozen in any real one). */
export const MAX_ZIP_ENTRIES = 1000;

export interface SheetRow {
  /** 1-based line of the sheet, as a spreadsheet shows it */
  line: number;
  cells: string[];
}

export interface ReadSheet {
  /** the rows that hold at least one non-empty cell, headings included */
  rows: SheetRow[];
}

export class SheetRefused extends Error {}

const NOT_A_SPREADSHEET =
  "Ce fichier n'est pas un tableur lisible : envoyez un classeur XLSX ou un fichier CSV (séparateur point-virgule ou virgule).";

export async function readSheet(bytes: Uint8Array): Promise<ReadSheet> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) throw new SheetRefused('Le fichier est vide.');
  if (isZip(buffer)) return readXlsx(buffer);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new SheetRefused(
      'Les classeurs Excel 97-2003 (.xls) ne sont pas lus : enregistrez le fichier au format .xlsx ou .csv.',
    );
  }
  return readCsv(buffer);
}

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

// ---------------------------------------------------------------------------------------------- XLSX

async function readXlsx(buffer: Buffer): Promise<ReadSheet> {
  checkZip(buffer);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetRefused(NOT_A_SPREADSHEET);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetRefused(NOT_A_SPREADSHEET);
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1 + MAX_LEADING_ROWS) throw tooManyRows();
  const table: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    const width = Math.min(row.cellCount, MAX_IMPORT_COLUMNS);
    for (let column = 1; column <= width; column++) cells.push(readCellText(row.getCell(column).value));
    table.push({ line, cells });
  });
  return fromTable(table);
}

/**
 * A zip bomb is refused before anything is unzipped for good: the central directory's counts, then
 * each part inflated with an output bound (the declared sizes may lie), all parts within
 * MAX_UNZIPPED_BYTES together.
 */
function checkZip(buffer: Buffer): void {
  const end = findEndOfCentralDirectory(buffer);
  if (end < 0) throw new SheetRefused(NOT_A_SPREADSHEET);
  const entries = buffer.readUInt16LE(end + 10);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (entries > MAX_ZIP_ENTRIES) throw new SheetRefused('Classeur refusé : il contient trop de parties.');
  let offset = directoryOffset;
  let budget = MAX_UNZIPPED_BYTES;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new SheetRefused(NOT_A_SPREADSHEET);
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const declaredSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    if (declaredSize > budget || compressedSize === 0xffffffff) throw unzipsTooLarge();
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) {
      throw new SheetRefused(NOT_A_SPREADSHEET);
    }
    const dataStart =
      localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) {
      budget -= data.length;
    } else if (method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        if (error instanceof RangeError) throw unzipsTooLarge();
        throw new SheetRefused(NOT_A_SPREADSHEET);
      }
    } else {
      throw new SheetRefused(NOT_A_SPREADSHEET);
    }
    if (budget < 0) throw unzipsTooLarge();
    offset += 46 + nameLength + extraLength + commentLength;
  }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= lowest; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

const unzipsTooLarge = () =>
  new SheetRefused(
    `Classeur refusé : une fois décompressé, il dépasse ${MAX_UNZIPPED_BYTES / 1024 / 1024} Mo (un registre de ${MAX_IMPORT_ROWS} lignes en occupe quelques-uns).`,
  );

export const tooManyRows = () =>
  new SheetRefused(
    `Le fichier compte plus de ${MAX_IMPORT_ROWS.toLocaleString('fr-FR').replace(/\s/g, ' ')} lignes : importez-le en plusieurs fois.`,
  );

const two = (n: number) => String(n).padStart(2, '0');

/** A workbook cell as text; a date is read as the wall-clock time it shows. */
export function readCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (value instanceof Date) {
    return `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()} ${two(value.getUTCHours())}:${two(value.getUTCMinutes())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    // a formula: the value it computed when the file was saved
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return readCellText(v.result);
    if (v.text !== undefined) return readCellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

// ----------------------------------------------------------------------------------------------- CSV

/** UTF-8 with or without BOM, else Windows-1252 (what French Excel writes for "CSV (séparateur : point-virgule)"). */
export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(buffer.subarray(3));
  }
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new SheetRefused(
      'Les fichiers texte Unicode (UTF-16) ne sont pas lus : enregistrez le fichier en « CSV UTF-8 » ou en .xlsx.',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // iconv-lite: Node's TextDecoder reads windows-1252 as Latin-1 (0x80 would not be €)
    return decode(buffer, 'win1252');
  }
}

// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function readCsv(buffer: Buffer): ReadSheet {
  const text = decodeText(buffer);
  if (BINARY.test(text) || text.startsWith('%PDF')) throw new SheetRefused(NOT_A_SPREADSHEET);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  // at most 1 MB of text (the body limit): parsed whole, the row bound applies to the non-empty rows
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch {
    throw new SheetRefused(NOT_A_SPREADSHEET);
  }
  // a spreadsheet shows one record per line, a quoted line break inside its cell
  const table = records.map((cells, index) => ({
    line: index + 1,
    cells: cells.slice(0, MAX_IMPORT_COLUMNS).map(unquoteFormula),
  }));
  return fromTable(table);
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** The export writes '=… for a text starting like a formula (spreadsheet.ts): the apostrophe goes. */
const unquoteFormula = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** Rows before the headings a sheet may hold (a title, a blank line): the API finds the heading line. */
export const MAX_LEADING_ROWS = 20;

/** The non-empty rows, in order; the API picks the heading line among the first ones. */
function fromTable(table: SheetRow[]): ReadSheet {
  const rows = table.filter((row) => row.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new SheetRefused('Le fichier ne contient aucune ligne.');
  if (rows.length > MAX_IMPORT_ROWS + 1 + MAX_LEADING_ROWS) throw tooManyRows();
  return { rows };
}
