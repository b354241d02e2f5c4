// The plan as a tagged PDF (issue 4 §7): the same content, in the same order, as the plan's page
// (views/plan.njk): the title with the child's name, the reference, version and issue date; sections A to K with
// their headings; the agreement. Drawn with pdfkit (docs/decisions/0009-plan-pdf.md): every piece of text is
// marked content under a structure element (H1, H2, H3, P, L/LI/Lbl/LBody), in reading order, so a screen reader
// and `pdftotext` read it as the page reads; running headers and page numbers are artifacts, outside the tree.
// The font (Source Sans 3, embedded and subset) covers Latin, Greek and Cyrillic, so names keep their letters.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { needTypes } from '../children/codes.ts';
import { formatDateTime, formatPlainDate } from '../platform/web/dates.ts';
import { needSections, pfaLabels, sectionKeys, sectionTitles, type Need, type PlanContent, type Provision, type SectionKey } from './model.ts';

export interface PlanPdfInput {
  childName: string;
  reference: string;
  version: { number: number; kind: 'draft' | 'final' | 'amendment'; state: 'editing' | 'issued'; issued_on: string | null };
  content: PlanContent;
  signoffs: { area: 'health' | 'social-care'; signed_by: string; role: string; comment: string | null; signed_at: Date | string }[];
}

/** The file name the PDF is offered under: `EHCP-990-00001-v2.pdf`. */
export function planPdfFilename(reference: string, versionNumber: number): string {
  return `${reference.replace(/[^A-Za-z0-9._-]+/g, '-')}-v${versionNumber}.pdf`;
}

export function planPdfTitle(v: Pick<PlanPdfInput, 'childName' | 'reference' | 'version'>): string {
  return `Education, health and care plan for ${v.childName} (${v.reference}, version ${v.version.number})`;
}

const require = createRequire(import.meta.url);
/**
 * A font as fontkit parses it. pdfkit (0.20) takes one in place of the file and embeds only the glyphs used;
 * @types/pdfkit (0.17) does not list it among font sources yet, hence the type.
 */
type ParsedFont = PDFKit.Mixins.PDFFontSource;
let fonts: { regular: ParsedFont; bold: ParsedFont } | null = null;
/**
 * Parsed once per process: parsing the two 430 kB TTF files costs about 90 ms, which every PDF would otherwise
 * pay again (bench/pdf.ts). fontkit is loaded as pdfkit resolves it, so the objects are the ones pdfkit expects.
 */
function parsedFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!fonts) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): ParsedFont };
    const load = (file: string) => fontkit.create(fs.readFileSync(require.resolve(`source-sans/TTF/${file}`)));
    fonts = { regular: load('SourceSans3-Regular.ttf'), bold: load('SourceSans3-Bold.ttf') };
  }
  return fonts;
}

// A4 in points, 2 cm margins; sizes in points. Body text 12 pt, nothing under 11 pt.
const margin = 57;
const size = { h1: 20, h2: 15, h3: 13, body: 12, small: 11 } as const;
const indent = 22;
const needTypeLabel: Record<string, string> = Object.fromEntries(needTypes);

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** Renders the plan version as a tagged, A4 PDF. */
export async function renderPlanPdf(view: PlanPdfInput): Promise<Buffer> {
  const { regular, bold } = parsedFonts();
  const title = planPdfTitle(view);
  const doc = new PDFDocument({
    size: 'A4', margin, font: '', pdfVersion: '1.7', tagged: true, displayTitle: true, lang: 'en-GB', bufferPages: true,
    info: { Title: title, Subject: `EHC plan ${view.reference}`, Creator: 'joinedup' },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  writePlan(w, root, view);
  root.end();
  w.pageFurniture(`EHC plan for ${view.childName} · ${view.reference} · version ${view.version.number}`);
  doc.end();
  return done;
}

function versionLine(v: PlanPdfInput['version']): string {
  const state = v.state === 'issued' ? `issued ${formatPlainDate(v.issued_on)}` : 'being written';
  return `Version ${v.number}, ${v.kind}, ${state}`;
}

function writePlan(w: Writer, root: Struct, view: PlanPdfInput): void {
  const c = view.content;
  w.heading(root, 'H1', `Education, health and care plan for ${view.childName}`);
  w.para(root, [{ text: `Reference: ${view.reference}` }]);
  w.para(root, [{ text: versionLine(view.version) }], view.version.state === 'issued' ? 14 : 6);
  if (view.version.state !== 'issued') w.para(root, [{ text: 'This version is being written. It has not been issued and may still change.', bold: true }], 14);

  const needText = new Map(needSections.flatMap((s) => c[s].map((n) => [n.id, `${s}: ${n.text}`] as const)));
  const outcomeText = new Map(c.E.map((o) => [o.id, o.outcome] as const));

  for (const s of sectionKeys) {
    const sect = w.doc.struct('Sect');
    root.add(sect);
    w.heading(sect, 'H2', `Section ${s}: ${sectionTitles[s]}`);
    writeSection(w, sect, s, c, view.version.kind, needText, outcomeText);
    sect.end();
    w.gap(10);
  }

  const agreement = w.doc.struct('Sect');
  root.add(agreement);
  w.heading(agreement, 'H2', 'Agreement');
  if (view.signoffs.length) {
    w.list(agreement, view.signoffs.map((so) => [{
      text: `${so.area === 'health' ? 'Health (sections C and G)' : 'Social care (sections D and H)'}: agreed by ${so.signed_by}, ${so.role}, ${formatDateTime(so.signed_at)}${so.comment ? `: “${so.comment}”` : ''}`,
    }]), 'bullet');
  } else w.para(agreement, [{ text: 'Not yet agreed by health or social care.' }]);
  agreement.end();
}

function writeSection(w: Writer, sect: Struct, s: SectionKey, c: PlanContent, kind: PlanPdfInput['version']['kind'], needText: Map<string, string>, outcomeText: Map<string, string>): void {
  switch (s) {
    case 'A': {
      const parts = ([['Views', c.A.views], ['Interests', c.A.interests], ['Aspirations', c.A.aspirations]] as const).filter(([, t]) => t.trim());
      if (!parts.length) return w.para(sect, [{ text: 'Not written yet.' }]);
      for (const [h, t] of parts) {
        w.heading(sect, 'H3', h);
        w.para(sect, [{ text: t }]);
      }
      return;
    }
    case 'B': case 'C': case 'D': {
      const needs: Need[] = c[s];
      if (!needs.length) return w.para(sect, [{ text: 'None.' }]);
      return w.list(sect, needs.map((n) => [
        { text: n.text },
        ...(n.needType ? [{ text: ` (${needTypeLabel[n.needType] ?? n.needType}${n.primary ? ', primary need' : ''})`, small: true }] : []),
      ]), 'bullet');
    }
    case 'E': {
      if (!c.E.length) return w.para(sect, [{ text: 'None.' }]);
      return w.items(sect, c.E.map((o) => (body: Struct) => {
        if (o.aspiration) w.para(body, [{ text: `Aspiration: ${o.aspiration}`, small: true }], 2);
        w.para(body, [{ text: o.outcome, bold: true }, ...(o.timeframe ? [{ text: ` (${o.timeframe})` }] : [])], 2);
        if (o.pfa) w.para(body, [{ text: `Preparing for adulthood: ${pfaLabels[o.pfa]}`, small: true }], 2);
        if (o.steps.length) w.list(body, o.steps.map((st) => [{ text: st.text + (st.by ? ` (by ${st.by})` : ''), small: true }]), 'bullet');
      }));
    }
    case 'F': case 'G': case 'H1': case 'H2': {
      const list: Provision[] = c[s];
      if (!list.length) return w.para(sect, [{ text: 'None.' }]);
      return w.items(sect, list.map((p) => (body: Struct) => {
        w.para(body, [{ text: p.what, bold: true }], 2);
        const details = [p.who && `Who: ${p.who}.`, p.frequency && `How often: ${p.frequency}.`, p.duration && `How long: ${p.duration}.`, p.groupSize && `Group: ${p.groupSize}.`, p.startDate && `From ${formatPlainDate(p.startDate)}.`].filter(Boolean).join(' ');
        if (details) w.para(body, [{ text: details, small: true }], 2);
        if (p.needIds.length || p.outcomeIds.length) {
          const meets = p.needIds.map((n) => needText.get(n) ?? 'a removed need').join('; ');
          const towards = p.outcomeIds.map((o) => outcomeText.get(o) ?? 'a removed outcome').join('; ');
          w.para(body, [{ text: [meets && `Meets: ${meets}.`, towards && `Towards: ${towards}.`].filter(Boolean).join(' '), small: true }], 2);
        }
      }));
    }
    case 'I': {
      const i = c.I;
      const text = i.name ? `${i.name}${i.urn ? ` (URN ${i.urn})` : ''}${i.type ? `, ${i.type}` : ''}`
        : i.type ? `Type of setting: ${i.type}` : `Not named yet${kind === 'draft' ? ': a draft plan does not name a setting' : ''}.`;
      return w.para(sect, [{ text }]);
    }
    case 'J':
      return w.para(sect, [{ text: `${c.J.personalBudget || 'No personal budget.'}${c.J.amount ? ` Amount: ${c.J.amount}.` : ''}` }]);
    case 'K':
      if (!c.K.length) return w.para(sect, [{ text: 'No advice received yet. This list is built from the advice as it comes in.' }]);
      return w.list(sect, c.K.map((k) => [{ text: `${k.title}, ${k.author}${k.date ? `, ${formatPlainDate(k.date)}` : ''}` }]), 'bullet');
  }
}

interface Run {
  text: string;
  bold?: boolean;
  small?: boolean;
}

/** Text laid out top to bottom, each piece marked as the content of a structure element. */
class Writer {
  readonly left = margin;
  readonly width: number;
  constructor(readonly doc: Doc) {
    this.width = doc.page.width - 2 * margin;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A new page unless `height` points still fit on this one. */
  private keep(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  heading(parent: Struct, tag: 'H1' | 'H2' | 'H3', text: string): void {
    const fontSize = tag === 'H1' ? size.h1 : tag === 'H2' ? size.h2 : size.h3;
    const doc = this.doc.font('bold').fontSize(fontSize);
    // A heading is kept with at least three lines of what follows it.
    this.keep(doc.heightOfString(text, { width: this.width }) + 3 * size.body * 1.3);
    parent.add(doc.struct(tag, {}, () => {
      doc.text(text, this.left, doc.y, { width: this.width });
    }));
    this.gap(tag === 'H1' ? 8 : 4);
  }

  /** A paragraph of runs (bold or small parts within it), indented to the depth of the list it is in. */
  para(parent: Struct, runs: Run[], after = 6): void {
    const doc = this.doc;
    const x = this.xFor(this.depth);
    const width = this.width - (x - this.left);
    // Text typed with line breaks becomes one paragraph a line, as the page shows it (white-space: pre-wrap): a
    // break inside one paragraph would reach a screen reader as no space at all ("trains.He").
    const lines: Run[][] = [[]];
    for (const r of runs) {
      r.text.split(/\r?\n/).forEach((part, i) => {
        if (i > 0) lines.push([]);
        lines.at(-1)?.push({ ...r, text: part });
      });
    }
    const paragraphs = lines.filter((l) => l.some((r) => r.text.trim()));
    if (!paragraphs.length) return;
    paragraphs.forEach((line, i) => {
      parent.add(doc.struct('P', {}, () => this.runs(line, x, width)));
      this.gap(i < paragraphs.length - 1 ? 4 : after);
    });
  }

  private runs(runs: Run[], x: number, width: number): void {
    const doc = this.doc;
    const visible = runs.filter((r) => r.text);
    visible.forEach((r, i) => {
      doc.font(r.bold ? 'bold' : 'regular').fontSize(r.small ? size.small : size.body);
      const opts = { width, continued: i < visible.length - 1, lineGap: 2 };
      if (i === 0) doc.text(r.text, x, doc.y, opts);
      else doc.text(r.text, opts);
    });
  }

  /** How deep in lists the writer is: each level indents its items' bodies. */
  private depth = 0;
  private xFor(depth: number): number {
    return this.left + depth * indent;
  }

  /** A list of one-paragraph items: L > LI > (Lbl, LBody). */
  list(parent: Struct, items: Run[][], kind: 'bullet' | 'numbered'): void {
    this.items(parent, items.map((runs) => (body: Struct) => this.para(body, runs, 3)), kind);
  }

  /** A list whose items are written by `write` into their LBody, each item labelled by a bullet or its number. */
  items(parent: Struct, writers: ((body: Struct) => void)[], kind: 'bullet' | 'numbered' = 'numbered'): void {
    const doc = this.doc;
    const l = doc.struct('L');
    parent.add(l);
    const x = this.xFor(this.depth);
    writers.forEach((write, i) => {
      this.keep(2 * size.body * 1.3);
      const li = doc.struct('LI');
      l.add(li);
      const y = doc.y;
      li.add(doc.struct('Lbl', {}, () => {
        doc.font(kind === 'numbered' ? 'bold' : 'regular').fontSize(size.body).text(kind === 'numbered' ? `${i + 1}.` : '•', x, y, { width: indent - 4, lineBreak: false });
      }));
      doc.y = y;
      const body = doc.struct('LBody');
      li.add(body);
      this.depth++;
      write(body);
      this.depth--;
      body.end();
      li.end();
      this.gap(kind === 'numbered' ? 5 : 1);
    });
    l.end();
    this.gap(3);
  }

  /** Running header (from page 2) and "Page n of m" footer on every page, as pagination artifacts. */
  pageFurniture(header: string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const savedBottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('regular').fontSize(size.small).fillColor('#505a5f');
      if (i > range.start) {
        doc.markContent('Artifact', { type: 'Pagination' });
        doc.text(header, this.left, margin / 2, { width: this.width, lineBreak: false });
        doc.endMarkedContent();
      }
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, doc.page.height - margin / 2 - size.small, { width: this.width, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = savedBottom;
      doc.fillColor('black');
    }
  }
}
