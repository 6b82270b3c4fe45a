import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The documents' fonts: DejaVu Sans, shipped by the `dejavu-fonts-ttf` npm package (free licence,
 * see its LICENSE), embedded in every PDF (PDF/A requires it). It covers every Latin letter (Ł, ő,
 * ễ…), Greek and Cyrillic, so a name prints as typed; never a system font.
 */
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const buffers = new Map<FontStyle, Buffer>();

/** The font file's bytes, read once per process (pdfkit subsets what a document uses). */
export function fontData(style: FontStyle): Buffer {
  let data = buffers.get(style);
  if (!data) {
    data = readFileSync(join(FONT_DIR, FONT_FILES[style]));
    buffers.set(style, data);
  }
  return data;
}

/** What the documents use of a font parsed by fontkit (pdfkit's own font parser). */
interface ParsedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): unknown;
}
const parsed = new Map<FontStyle, ParsedFont>();

/**
 * The font parsed once per process (or worker thread) and shared by every document: pdfkit takes a
 * fontkit font as it takes the file, and subsets it per document; parsing it for each document
 * would cost more than laying a small one out.
 */
export function font(style: FontStyle): ParsedFont {
  let found = parsed.get(style);
  if (!found) {
    // pdfkit's own font parser, a dependency of pdfkit (it ships no types: loaded untyped)
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
      create(data: Buffer): ParsedFont;
    };
    found = fontkit.create(fontData(style));
    parsed.set(style, found);
  }
  return found;
}

const coverage = new Map<number, boolean>();

/** Whether every style of the documents' font draws this character (no missing glyph in a PDF/A). */
export function fontCovers(codePoint: number): boolean {
  const known = coverage.get(codePoint);
  if (known !== undefined) return known;
  const covered = (Object.keys(FONT_FILES) as FontStyle[]).every((style) =>
    font(style).hasGlyphForCodePoint(codePoint),
  );
  coverage.set(codePoint, covered);
  return covered;
}
