import { font } from './fonts';

/** fontkit's glyph run and subset, as pdfkit uses them (fontkit ships no types) */
interface Glyph {
  id: number;
  codePoints: number[];
}
interface FontkitFont {
  layout(text: string): { glyphs: Glyph[] };
  createSubset(): { includeGlyph(id: number): number; encode(): unknown };
}

describe('the shared font', () => {
  it('gives "E" its code point even after subsetting an "É" (a composite glyph built on "E")', () => {
    // this spec file has its own module registry: the font is parsed afresh, nothing laid out yet
    const bold = font('bold') as unknown as FontkitFont;
    const subset = bold.createSubset();
    for (const glyph of bold.layout('Établissement').glyphs) subset.includeGlyph(glyph.id);
    subset.encode();
    const glyphs = bold.layout('(ENT').glyphs;
    expect(glyphs.map((g) => g.codePoints)).toEqual([[0x28], [0x45], [0x4e], [0x54]]);
  });
});
