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
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
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
    found = keepCodePoints(fontkit.create(fontData(style)));
    parsed.set(style, found);
  }
  return found;
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points it was first asked for. Subsetting
 * a composite glyph ("É" is "E" plus an accent) asks for its components without code points, so a
 * shared font that subset an "É" before it laid out an "E" gave every later "E" no code point: the
 * PDF drew it, but its text (ToUnicode) lost it, and pdftotext read "(NT" for "(ENT". A glyph asked
 * for again with its code points gets them back.
 */
function keepCodePoints(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
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
