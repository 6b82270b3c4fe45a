import PDFDocument from 'pdfkit';
import { font, FontStyle } from './fonts';
import { printable } from './format';
import type { RenderedPdf } from './types';

/**
 * Layout helpers over pdfkit: A4 pages, French headings, "Label : value" fields that wrap (and
 * flow onto the next page) instead of being cut, and the running header and "Page n / N" footer
 * written once every page exists (pdfkit's bufferPages).
 *
 * Documents are archives (legal evidence kept for years): PDF/A-2b, with the fonts embedded
 * (fonts.ts), an sRGB output intent (the ICC profile pdfkit ships), and XMP metadata holding the
 * PDF/A identification, the document's title, author, subject and its document ID.
 */
export const PDF_A_PART = { part: 2, conformance: 'B' } as const;
const FONT = { regular: 'regular', bold: 'bold', italic: 'italic' } as const satisfies Record<
  FontStyle,
  string
>;
const COLOR = { text: '#111111', muted: '#4a4a4a', accent: '#1d3557', rule: '#a8b3c4' } as const;
/** DejaVu Sans is about a tenth wider than Helvetica: its sizes are a little smaller, for the same lines. */
const SIZE = {
  title: 18.5,
  subtitle: 10.5,
  section: 14,
  subsection: 11.5,
  entry: 10.5,
  body: 8.75,
  small: 7.5,
} as const;
const MARGIN = { top: 56, bottom: 56, left: 50, right: 50 } as const;
/**
 * Longest stretch of synchronous layout between two yields to the event loop, in milliseconds:
 * requests that arrive while a document renders wait at most about this long.
 */
const SLICE_MS = 3;

/** characters laid out between two yields, in a long text */
const TEXT_PIECE = 400;
/** A field up to this height (about eight lines) never starts at the foot of a page and ends on the next. */
const KEEP_WHOLE_HEIGHT = 110;

/** Cuts a text into pieces of about `size` characters, each ending after a space (or a line break). */
export function splitText(text: string, size: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > size * 1.5) {
    const window = rest.slice(0, size * 1.5);
    let cut = Math.max(window.lastIndexOf(' ', size), window.lastIndexOf('\n', size));
    if (cut < size / 2) cut = Math.max(window.indexOf(' ', size), window.indexOf('\n', size));
    if (cut <= 0) break;
    pieces.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Yields to the event loop: requests waiting are served before the rendering goes on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface WriterOptions {
  title: string;
  subject: string;
  author: string;
  keywords?: string;
  createdAt: Date;
}

/** A place on a page kept empty, written once what goes there is known (counts, page numbers). */
export interface Slot {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private sectionOutline: PDFKit.PDFOutline | null = null;
  /** while writing on a page already laid out: never add a page */
  private fixedPage = false;
  private lastYield = performance.now();

  constructor(options: WriterOptions) {
    this.doc = new PDFDocument({
      subset: `PDF/A-${PDF_A_PART.part}${PDF_A_PART.conformance.toLowerCase()}` as 'PDF/A-2b',
      pdfVersion: '1.7',
      tagged: false,
      size: 'A4',
      margins: { ...MARGIN },
      bufferPages: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        Title: printable(options.title),
        Subject: printable(options.subject),
        Author: printable(options.author),
        ...(options.keywords ? { Keywords: printable(options.keywords) } : {}),
        Creator: 'Registre RGPD',
        Producer: 'Registre RGPD (pdfkit)',
        CreationDate: options.createdAt,
      },
    });
    this.ended = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    for (const style of Object.keys(FONT) as FontStyle[])
      this.doc.registerFont(FONT[style], font(style) as unknown as PDFKit.Mixins.PDFFontSource);
    writeXmpMetadata(this.doc);
    this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  /** Index (0-based) of the last page: content is always written on the last page. */
  get lastPage(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /** Yields to the event loop when the current slice of work has lasted SLICE_MS. */
  async breathe(): Promise<void> {
    if (performance.now() - this.lastYield < SLICE_MS) return;
    await yieldToEventLoop();
    this.lastYield = performance.now();
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` points still fit on this one (keeps a heading with its text). */
  ensureSpace(height: number): void {
    if (this.fixedPage) return;
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  gap(lines = 0.6): void {
    this.doc.moveDown(lines);
  }

  title(text: string, subtitle?: string): void {
    const doc = this.doc;
    doc.x = this.left;
    doc
      .font(FONT.bold)
      .fontSize(SIZE.title)
      .fillColor(COLOR.accent)
      .text(printable(text), { width: this.width });
    if (subtitle) {
      doc.moveDown(0.2);
      doc.font(FONT.regular).fontSize(SIZE.subtitle).fillColor(COLOR.muted);
      doc.text(printable(subtitle), { width: this.width });
    }
    this.rule(1.2);
    doc.moveDown(0.6);
    this.resetText();
  }

  /** A part of the document ("Annexe — Traitements archivés"), bookmarked in the outline. */
  section(text: string, options: { newPage?: boolean } = {}): number {
    if (options.newPage) this.newPage();
    else this.ensureSpace(120);
    const doc = this.doc;
    doc.x = this.left;
    doc.moveDown(0.4);
    doc
      .font(FONT.bold)
      .fontSize(SIZE.section)
      .fillColor(COLOR.accent)
      .text(printable(text), { width: this.width });
    this.rule(0.8);
    doc.moveDown(0.5);
    this.resetText();
    this.sectionOutline = doc.outline.addItem(printable(text));
    return this.lastPage;
  }

  subsection(text: string): void {
    this.ensureSpace(90);
    const doc = this.doc;
    doc.x = this.left;
    doc.moveDown(0.3);
    doc.font(FONT.bold).fontSize(SIZE.subsection).fillColor(COLOR.accent);
    doc.text(printable(text), { width: this.width });
    doc.moveDown(0.3);
    this.resetText();
  }

  /**
   * The heading of one register entry, kept on the page of its first fields: `keepWith` is their
   * height (see rowHeight); a new page starts unless the heading and they fit here.
   */
  entry(text: string, keepWith = 60): void {
    const doc = this.doc;
    doc.font(FONT.bold).fontSize(SIZE.entry);
    const heading = doc.heightOfString(printable(text), { width: this.width });
    this.ensureSpace(heading + doc.currentLineHeight(true) * 1.2 + keepWith);
    doc.x = this.left;
    doc.moveDown(0.5);
    doc.fillColor(COLOR.accent).text(printable(text), { width: this.width });
    this.rule(0.5);
    doc.moveDown(0.35);
    this.resetText();
    (this.sectionOutline ?? doc.outline).addItem(printable(text));
  }

  /** The height a field ("Label : value") or a list (label, then one line per item) takes. */
  rowHeight(labelText: string, values: readonly string[]): number {
    const doc = this.doc;
    doc.font(FONT.regular).fontSize(SIZE.body);
    const gap = doc.currentLineHeight(true) * 0.25;
    if (values.length === 1) {
      return (
        doc.heightOfString(`${printable(labelText)} : ${printable(values[0]) || ' '}`, {
          width: this.width,
        }) + gap
      );
    }
    const items = values.reduce(
      (sum, item) => sum + doc.heightOfString(printable(item), { width: this.width - 18 }),
      doc.currentLineHeight(true),
    );
    this.resetText();
    return items + gap;
  }

  /** "Label : value" in one paragraph that wraps, and flows to the next page when long. */
  field(labelText: string, value: string): void {
    const doc = this.doc;
    // a field of a few lines is kept whole on one page: pdfkit breaking a `continued` paragraph at the
    // foot of a page misplaces its first characters (pdftotext lost the "E" of "(ENT" there)
    this.ensureSpace(Math.min(this.rowHeight(labelText, [value]), KEEP_WHOLE_HEIGHT));
    doc.x = this.left;
    doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.muted);
    doc.text(`${printable(labelText)} : `, { width: this.width, continued: true });
    doc
      .font(FONT.regular)
      .fillColor(COLOR.text)
      .text(printable(value) || ' ');
    doc.moveDown(0.25);
  }

  /**
   * A field whose value may be long (free texts hold up to 5,000 characters): the value is laid out
   * in pieces of a few hundred characters, continuing the same paragraph, with a yield between
   * pieces, so one long text does not hold the event loop for its whole layout.
   */
  async longField(labelText: string, value: string): Promise<void> {
    const pieces = splitText(printable(value), TEXT_PIECE);
    if (pieces.length <= 1) {
      this.field(labelText, value);
      return;
    }
    const doc = this.doc;
    this.ensureSpace(24);
    doc.x = this.left;
    doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.muted);
    doc.text(`${printable(labelText)} : `, { width: this.width, continued: true });
    doc.font(FONT.regular).fillColor(COLOR.text);
    for (let i = 0; i < pieces.length; i++) {
      doc.text(pieces[i], { width: this.width, continued: i < pieces.length - 1 });
      await this.breathe();
    }
    doc.moveDown(0.25);
  }

  /** "Label :" then one bulleted line per item, or "Label : empty" for an empty list. */
  async list(labelText: string, items: readonly string[], empty: string): Promise<void> {
    if (items.length === 0) {
      this.field(labelText, empty);
      return;
    }
    const doc = this.doc;
    this.ensureSpace(36);
    doc.x = this.left;
    doc
      .font(FONT.bold)
      .fontSize(SIZE.body)
      .fillColor(COLOR.muted)
      .text(`${printable(labelText)} :`, {
        width: this.width,
      });
    doc.font(FONT.regular).fillColor(COLOR.text);
    for (const item of items) {
      this.ensureSpace(doc.currentLineHeight(true));
      const y = doc.y;
      doc.text('•', this.left + 8, y, { lineBreak: false });
      // the item wraps under its own first letter, not under the bullet
      doc.text(printable(item), this.left + 18, y, { width: this.width - 18 });
      await this.breathe();
    }
    doc.x = this.left;
    doc.moveDown(0.25);
  }

  paragraph(text: string, options: { italic?: boolean; muted?: boolean; bold?: boolean } = {}): void {
    const doc = this.doc;
    doc.x = this.left;
    doc
      .font(options.bold ? FONT.bold : options.italic ? FONT.italic : FONT.regular)
      .fontSize(SIZE.body)
      .fillColor(options.muted ? COLOR.muted : COLOR.text)
      .text(printable(text), { width: this.width });
    doc.moveDown(0.3);
    this.resetText();
  }

  /** Keeps `lines` lines empty here, to be written later with `fill`. */
  reserve(lines = 1): Slot {
    const doc = this.doc;
    doc.font(FONT.regular).fontSize(SIZE.body);
    const height = doc.currentLineHeight(true) * lines;
    this.ensureSpace(height);
    const slot = { page: this.lastPage, x: this.left, y: doc.y, width: this.width, height };
    doc.y += height;
    doc.moveDown(0.3);
    return slot;
  }

  /** Writes a reserved slot, then returns to the end of the document. */
  fill(slot: Slot, text: string, options: { bold?: boolean } = {}): void {
    const doc = this.doc;
    const [page, x, y] = [this.lastPage, doc.x, doc.y];
    doc.switchToPage(slot.page);
    doc
      .font(options.bold ? FONT.bold : FONT.regular)
      .fontSize(SIZE.body)
      .fillColor(COLOR.text);
    // `height` bounds the text to the slot: it can neither overflow nor add a page
    doc.text(printable(text), slot.x, slot.y, { width: slot.width, height: slot.height + 1 });
    doc.switchToPage(page);
    doc.x = x;
    doc.y = y;
    this.resetText();
  }

  /** Writes on a page already laid out (the dossier's first page, written last). */
  onPage<T>(page: number, write: () => T): T {
    const doc = this.doc;
    const last = this.lastPage;
    doc.switchToPage(page);
    doc.x = this.left;
    doc.y = MARGIN.top;
    // what is written here must fit: nothing may push a page to the end of the document
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 20;
    const pages = this.pageCount;
    this.fixedPage = true;
    let result: T;
    try {
      result = write();
    } finally {
      this.fixedPage = false;
      doc.page.margins.bottom = bottom;
      doc.switchToPage(last);
    }
    if (this.pageCount !== pages) throw new Error(`Page ${page + 1} overflowed while written last`);
    return result;
  }

  /**
   * Writes the running header (from the second page) and the "Page n / N" footer on every page, then
   * ends the document. Pages are finished (compressed) a few at a time between yields to the event
   * loop: pdfkit's own flush would compress a long document in one go.
   */
  async finish(header: string, footer: string): Promise<RenderedPdf> {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    doc.font(FONT.regular).fontSize(SIZE.small);
    const widestPageText = doc.widthOfString(`Page ${count} / ${count}`);
    const headerLine = this.fit(printable(header), this.width);
    const footerLine = this.fit(printable(footer), this.width - widestPageText - 20);
    for (let i = start; i < start + count; i++) {
      this.decoratePage(i, i - start + 1, count, headerLine, footerLine);
      // finishing (compressing) a page costs about what decorating it did: half a slice each
      if (performance.now() - this.lastYield >= SLICE_MS / 2) {
        this.flushDecoratedPages();
        await yieldToEventLoop();
        this.lastYield = performance.now();
      }
    }
    doc.end();
    const content = await this.ended;
    return { content, pageCount: count };
  }

  /** `header` and `footer` already fit on one line (see `fit`). */
  private decoratePage(index: number, number: number, count: number, header: string, footer: string): void {
    const doc = this.doc;
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not add a page
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    if (number > 1) {
      doc.text(header, this.left, 28, { lineBreak: false });
      this.line(40);
    }
    const y = doc.page.height - 36;
    const pageText = `Page ${number} / ${count}`;
    const pageWidth = doc.widthOfString(pageText);
    this.line(y - 6);
    doc.text(footer, this.left, y, { lineBreak: false });
    doc.text(pageText, this.left + this.width - pageWidth, y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }

  /**
   * Ends the buffered pages but the current one. pdfkit only offers flushPages() (every buffered
   * page at once, current included); this is the same loop on a prefix. Should pdfkit's internals
   * differ, it does nothing and doc.end() flushes everything, as usual.
   */
  private flushDecoratedPages(): void {
    const internal = this.doc as unknown as {
      _pageBuffer?: { end(): void }[];
      _pageBufferStart?: number;
      endPageMarkings?: (page: unknown) => void;
    };
    if (
      !Array.isArray(internal._pageBuffer) ||
      typeof internal._pageBufferStart !== 'number' ||
      typeof internal.endPageMarkings !== 'function'
    ) {
      return;
    }
    const current = internal._pageBuffer.indexOf(this.doc.page);
    if (current <= 0) return;
    const pages = internal._pageBuffer.splice(0, current);
    internal._pageBufferStart += pages.length;
    for (const page of pages) {
      internal.endPageMarkings.call(this.doc, page);
      page.end();
    }
  }

  private line(y: number): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke();
  }

  /** Shortens a one-line text to `width` points (current font), with an ellipsis. */
  private fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    // the longest prefix that fits, by bisection
    let [low, high] = [0, text.length];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(`${text.slice(0, middle)}…`) <= width) low = middle;
      else high = middle - 1;
    }
    return `${text.slice(0, low).trimEnd()}…`;
  }

  private rule(gap: number): void {
    const doc = this.doc;
    doc.moveDown(gap * 0.25);
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.6)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.moveDown(gap * 0.25);
  }

  private resetText(): void {
    this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    this.doc.x = this.left;
  }
}

const xmlText = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** "uuid:…" from the 16 bytes of the file identifier pdfkit writes in the trailer. */
function documentId(id: Uint8Array | string): string {
  const hex =
    typeof id === 'string' ? Buffer.from(id, 'latin1').toString('hex') : Buffer.from(id).toString('hex');
  const h = hex.padEnd(32, '0').slice(0, 32);
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * pdfkit writes the XMP packet from the document's Info without escaping it (a school named
 * "Arts & Métiers" would break the XML): this writes the same properties, escaped, plus the
 * document and instance IDs (xmpMM), in place of pdfkit's own (its `_addInfo`, called at the end).
 * The PDF/A identification (pdfaid) is added by pdfkit's PDF/A support.
 */
function writeXmpMetadata(doc: PDFKit.PDFDocument): void {
  const internal = doc as unknown as {
    info: Record<string, unknown> & { CreationDate: Date };
    _id: Uint8Array | string;
    appendXML(xml: string): void;
    _addInfo?: () => void;
  };
  internal._addInfo = () => {
    const info = internal.info;
    const id = documentId(internal._id);
    const alt = (value: unknown) =>
      `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(value)}</rdf:li></rdf:Alt>`;
    internal.appendXML(
      [
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
        `<xmp:CreateDate>${info.CreationDate.toISOString().split('.')[0]}Z</xmp:CreateDate>`,
        `<xmp:ModifyDate>${info.CreationDate.toISOString().split('.')[0]}Z</xmp:ModifyDate>`,
        `<xmp:CreatorTool>${xmlText(info.Creator)}</xmp:CreatorTool>`,
        '</rdf:Description>',
        '<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
        `<xmpMM:DocumentID>${id}</xmpMM:DocumentID>`,
        `<xmpMM:InstanceID>${id}</xmpMM:InstanceID>`,
        '</rdf:Description>',
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        '<dc:format>application/pdf</dc:format>',
        `<dc:title>${alt(info.Title)}</dc:title>`,
        `<dc:creator><rdf:Seq><rdf:li>${xmlText(info.Author)}</rdf:li></rdf:Seq></dc:creator>`,
        `<dc:description>${alt(info.Subject)}</dc:description>`,
        '</rdf:Description>',
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
        `<pdf:Producer>${xmlText(info.Producer)}</pdf:Producer>`,
        ...(info.Keywords ? [`<pdf:Keywords>${xmlText(info.Keywords)}</pdf:Keywords>`] : []),
        '</rdf:Description>',
      ].join('\n'),
    );
  };
}
