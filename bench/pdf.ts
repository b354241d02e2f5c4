// npx tsx bench/pdf.ts: the measurement behind docs/decisions/0009-plan-pdf.md. Renders a typical plan (40 items)
// and a large one (300 items) with each candidate and reports, per candidate and size: the median render time,
// the file size, what `pdfinfo` says (Tagged, pages), how many structure elements the tag tree has (pdfinfo
// -struct), and whether the text comes out in reading order, read two ways: by `pdftotext` (what the issue's
// check uses) and by the tag tree itself (what a screen reader follows).
//   pdfkit    src/plans/pdf.ts, the renderer the service uses
//   pdfmake   the same content as a pdfmake document definition, with its options tagged/displayTitle/language;
//             measured only when pdfmake can be loaded (it is not a dependency: `npm i --no-save pdfmake@0.3.11`,
//             or --pdfmake /path/to/node_modules/pdfmake)
//   chromium  the same content as semantic HTML, printed by headless Chromium (/usr/bin/chromium) through
//             playwright-core's page.pdf({ tagged: true, outline: true }); the browser's start is timed apart
// Options: --runs N (default 7), --out DIR (keeps the PDFs), --json (one JSON document on stdout).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { renderPlanPdf, planPdfTitle, type PlanPdfInput } from '../src/plans/pdf.ts';
import { needSections, pfaAreas, planContentSchema, provisionSections, sectionKeys, sectionTitles, type PlanContent, type SectionKey } from '../src/plans/model.ts';
import { needTypes } from '../src/children/codes.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    pdfmake: { type: 'string' },
  },
});
const runs = Math.max(1, Number(args.runs));
const chromiumPath = '/usr/bin/chromium';

// --- A synthetic plan: deterministic text of realistic lengths, spread over the sections as plans are -----------
const words = 'he she will be able to read write count talk with adults and friends in class at home during lunch break using a visual timetable without help for ten minutes each day by the end of the school year when asked'.split(' ');
function sentence(seed: number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(words[(seed * 7 + i * 13) % words.length] ?? 'and');
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** A plan with about `items` items: needs, outcomes (with steps), provision, advice. */
function syntheticPlan(items: number): PlanContent {
  const share = { B: 0.2, C: 0.07, D: 0.07, E: 0.2, F: 0.3, G: 0.07, H1: 0.03, H2: 0.03, K: 0.03 };
  const n = (s: keyof typeof share) => Math.max(1, Math.round(items * share[s]));
  let seed = 1;
  const need = (s: string, i: number) => ({ id: `${s}${i}`, text: `${s}${i} ${sentence(seed++, 12 + (i % 4) * 8)}.`, needType: s === 'B' ? needTypes[i % needTypes.length]?.[0] ?? null : null, primary: s === 'B' && i === 0 });
  const B = Array.from({ length: n('B') }, (_, i) => need('B', i));
  const C = Array.from({ length: n('C') }, (_, i) => need('C', i));
  const D = Array.from({ length: n('D') }, (_, i) => need('D', i));
  const E = Array.from({ length: n('E') }, (_, i) => ({
    id: `E${i}`, aspiration: i % 3 === 0 ? sentence(seed++, 8) : '', outcome: `E${i} ${sentence(seed++, 14 + (i % 3) * 6)}.`,
    steps: Array.from({ length: i % 3 }, (_, j) => ({ text: sentence(seed++, 8 + j), by: '' })), timeframe: 'July 2027', pfa: i % 4 === 0 ? pfaAreas[i % pfaAreas.length] ?? null : null,
  }));
  const provision = (s: string, count: number) => Array.from({ length: count }, (_, i) => ({
    id: `${s}${i}`, what: `${s}${i} ${sentence(seed++, 10 + (i % 3) * 5)}`, who: 'Teaching assistant trained by the speech and language therapist', frequency: '3 times a week',
    duration: '20 minutes for 12 weeks', groupSize: i % 2 ? '1 to 1' : 'up to 4', startDate: null, needIds: [B[i % B.length]?.id ?? 'B0'], outcomeIds: [E[i % E.length]?.id ?? 'E0'],
  }));
  return planContentSchema.parse({
    A: { views: sentence(seed++, 60), interests: sentence(seed++, 30), aspirations: sentence(seed++, 40) },
    B, C, D, E, F: provision('F', n('F')), G: provision('G', n('G')), H1: provision('H1', n('H1')), H2: provision('H2', n('H2')),
    I: { name: 'Oak Primary School', urn: '123456', ukprn: null, type: 'Mainstream primary' },
    J: { personalBudget: 'A direct payment for a personal assistant at weekends.', amount: '£2,400 a year' },
    K: Array.from({ length: n('K') }, (_, i) => ({ adviceRequestId: null, title: 'Health advice', author: `Adviser ${i}`, date: '2026-10-01' })),
  });
}

function itemCount(c: PlanContent): number {
  return [...needSections, 'E' as const, ...provisionSections, 'K' as const].reduce((t, s) => t + c[s].length, 0);
}

function input(items: number): PlanPdfInput {
  return {
    childName: 'Robin Lee', reference: 'EHCP-990-00001', content: syntheticPlan(items),
    version: { number: 2, kind: 'final', state: 'issued', issued_on: '2026-11-20' },
    signoffs: [{ area: 'health', signed_by: 'Dana Clinical', role: 'Designated clinical officer', comment: 'Agreed.', signed_at: new Date('2026-11-19T10:00:00Z') }],
  };
}

/** What must be read, in this order: the headings and, under each, the start of every item. */
function expectedOrder(v: PlanPdfInput): string[] {
  const c = v.content;
  const out: string[] = [];
  for (const s of sectionKeys) {
    out.push(`Section ${s}: ${sectionTitles[s].slice(0, 20)}`);
    const list = c[s];
    if (Array.isArray(list)) {
      for (const item of list as { id?: string; text?: string; outcome?: string; what?: string; title?: string; author?: string }[]) {
        const t = item.text ?? item.outcome ?? item.what ?? `${item.title ?? ''}, ${item.author ?? ''}`;
        out.push(t.slice(0, 24));
      }
    }
  }
  out.push('Agreement');
  return out;
}

/** How many of the expected strings are found, in order, in the text (each searched after the previous one). */
function inOrder(text: string, expected: string[]): { found: number; missingOrOutOfOrder: string[] } {
  const flat = text.replace(/\s+/g, ' ');
  let at = 0;
  let found = 0;
  const missing: string[] = [];
  for (const e of expected) {
    const i = flat.indexOf(e, at);
    if (i < 0) missing.push(e);
    else {
      found++;
      at = i + e.length;
    }
  }
  return { found, missingOrOutOfOrder: missing };
}

// --- The candidates ---------------------------------------------------------------------------------------------
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const needTypeLabel: Record<string, string> = Object.fromEntries(needTypes);

function itemLines(s: SectionKey, c: PlanContent): { strong?: string; text: string; sub?: string[] }[] {
  if (s === 'B' || s === 'C' || s === 'D') return c[s].map((n) => ({ text: n.text + (n.needType ? ` (${needTypeLabel[n.needType] ?? ''}${n.primary ? ', primary need' : ''})` : '') }));
  if (s === 'E') return c.E.map((o) => ({ strong: o.outcome, text: o.timeframe ? ` (${o.timeframe})` : '', sub: o.steps.map((x) => x.text) }));
  if (s === 'F' || s === 'G' || s === 'H1' || s === 'H2') return c[s].map((p) => ({ strong: p.what, text: '', sub: [`Who: ${p.who}. How often: ${p.frequency}. How long: ${p.duration}. Group: ${p.groupSize}.`] }));
  if (s === 'K') return c.K.map((k) => ({ text: `${k.title}, ${k.author}` }));
  return [];
}

function planHtml(v: PlanPdfInput): string {
  const c = v.content;
  const sections = sectionKeys.map((s) => {
    const items = itemLines(s, c);
    const list = ['B', 'C', 'D', 'K'].includes(s) ? 'ul' : 'ol';
    const li = (i: (typeof items)[number]) => `<li>${i.strong ? `<strong>${esc(i.strong)}</strong>` : ''}${esc(i.text)}${i.sub?.length ? `<ul>${i.sub.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}</li>`;
    const body = s === 'A' ? `<h3>Views</h3><p>${esc(c.A.views)}</p><h3>Interests</h3><p>${esc(c.A.interests)}</p><h3>Aspirations</h3><p>${esc(c.A.aspirations)}</p>`
      : s === 'I' ? `<p>${esc(c.I.name)}</p>` : s === 'J' ? `<p>${esc(c.J.personalBudget)}</p>`
      : items.length ? `<${list}>${items.map(li).join('')}</${list}>` : '<p>None.</p>';
    return `<section><h2>Section ${s}: ${esc(sectionTitles[s])}</h2>${body}</section>`;
  }).join('');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(planPdfTitle(v))}</title>
<style>body{font-family:'DejaVu Sans',sans-serif;font-size:12pt;line-height:1.35} h1{font-size:20pt} h2{font-size:15pt;break-after:avoid} h3{font-size:13pt}</style></head>
<body><main><h1>Education, health and care plan for ${esc(v.childName)}</h1><p>Reference: ${esc(v.reference)}</p><p>Version ${v.version.number}, ${v.version.kind}</p>${sections}<h2>Agreement</h2><p>Health: agreed by Dana Clinical</p></main></body></html>`;
}

interface PdfMakeLike {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(f: (u: string) => boolean): void;
  setLocalAccessPolicy(f: (p: string) => boolean): void;
  createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
}

async function loadPdfmake(): Promise<PdfMakeLike | null> {
  const from = args.pdfmake ?? 'pdfmake';
  try {
    const req = createRequire(import.meta.url);
    const pm = req(from) as PdfMakeLike;
    const font = (f: string) => createRequire(import.meta.url).resolve(`source-sans/TTF/${f}`);
    pm.setFonts({ SourceSans: { normal: font('SourceSans3-Regular.ttf'), bold: font('SourceSans3-Bold.ttf'), italics: font('SourceSans3-Regular.ttf'), bolditalics: font('SourceSans3-Bold.ttf') } });
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy((p) => p.includes('source-sans'));
    return pm;
  } catch {
    return null;
  }
}

function pdfmakeDefinition(v: PlanPdfInput): unknown {
  const c = v.content;
  const content: unknown[] = [
    { text: `Education, health and care plan for ${v.childName}`, style: 'h1' },
    { text: `Reference: ${v.reference}` }, { text: `Version ${v.version.number}, ${v.version.kind}`, margin: [0, 0, 0, 10] },
  ];
  for (const s of sectionKeys) {
    content.push({ text: `Section ${s}: ${sectionTitles[s]}`, style: 'h2', headlineLevel: 2 });
    const items = itemLines(s, c);
    if (s === 'A') content.push({ text: 'Views', style: 'h3' }, c.A.views, { text: 'Interests', style: 'h3' }, c.A.interests, { text: 'Aspirations', style: 'h3' }, c.A.aspirations);
    else if (s === 'I') content.push(c.I.name);
    else if (s === 'J') content.push(c.J.personalBudget);
    else if (!items.length) content.push('None.');
    else content.push({ [s === 'B' || s === 'C' || s === 'D' || s === 'K' ? 'ul' : 'ol']: items.map((i) => [{ text: [...(i.strong ? [{ text: i.strong, bold: true }] : []), i.text] }, ...(i.sub?.length ? [{ ul: i.sub }] : [])]) });
  }
  content.push({ text: 'Agreement', style: 'h2' }, 'Health: agreed by Dana Clinical');
  return {
    pageSize: 'A4', pageMargins: [57, 57, 57, 57], tagged: true, displayTitle: true, language: 'en-GB', version: '1.7',
    info: { title: planPdfTitle(v) }, defaultStyle: { font: 'SourceSans', fontSize: 12 },
    styles: { h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 15, bold: true, margin: [0, 10, 0, 4] }, h3: { fontSize: 13, bold: true } },
    footer: (page: number, pages: number) => ({ text: `Page ${page} of ${pages}`, alignment: 'right', margin: [57, 10], fontSize: 11 }),
    content,
  };
}

type Render = (v: PlanPdfInput) => Promise<Buffer>;
interface Candidate {
  name: string;
  render: Render;
  startMs?: number;
  close?: () => Promise<void>;
}

async function candidates(): Promise<{ list: Candidate[]; skipped: string[] }> {
  const list: Candidate[] = [{ name: 'pdfkit', render: renderPlanPdf }];
  const skipped: string[] = [];
  const pm = await loadPdfmake();
  if (pm) list.push({ name: 'pdfmake', render: (v) => pm.createPdf(pdfmakeDefinition(v)).getBuffer() });
  else skipped.push('pdfmake: not installed (npm i --no-save pdfmake@0.3.11, or --pdfmake PATH)');
  if (fs.existsSync(chromiumPath)) {
    const t0 = performance.now();
    const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const context = await browser.newContext();
    const startMs = performance.now() - t0;
    list.push({
      name: 'chromium', startMs, close: () => browser.close(),
      render: async (v) => {
        const page = await context.newPage();
        try {
          await page.setContent(planHtml(v), { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', tagged: true, outline: true, margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:11pt;width:100%;text-align:right;margin-right:2cm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>' });
        } finally {
          await page.close();
        }
      },
    });
  } else skipped.push(`chromium: ${chromiumPath} not found`);
  return { list, skipped };
}

// --- Measuring --------------------------------------------------------------------------------------------------
function pdfTool(tool: 'pdfinfo' | 'pdftotext', argv: string[]): string {
  // stderr is dropped: poppler 22 complains once per PDF 2.0 tag it does not know (Chromium's Strong).
  return execFileSync(`/usr/bin/${tool}`, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

interface Row {
  candidate: string;
  items: number;
  medianMs: number;
  minMs: number;
  bytes: number;
  pages: number;
  tagged: boolean;
  title: string;
  structElements: number;
  headings: number;
  listItems: number;
  textOrder: string;
  tagOrder: string;
}

async function measure(c: Candidate, v: PlanPdfInput, dir: string): Promise<Row> {
  await c.render(v); // warm-up: fonts parsed, code compiled
  const times: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pdf = await c.render(v);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const items = itemCount(v.content);
  const file = path.join(dir, `${c.name}-${items}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = pdfTool('pdfinfo', [file]);
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const struct = (() => {
    try {
      return pdfTool('pdfinfo', ['-struct', file]);
    } catch {
      return '';
    }
  })();
  const structText = (() => {
    try {
      return pdfTool('pdfinfo', ['-struct-text', file]).split('\n').filter((l) => /^\s*"/.test(l)).map((l) => l.trim().replace(/^"|"$/g, '')).join(' ');
    } catch {
      return '';
    }
  })();
  const types = struct.split('\n').map((l) => l.trim().split(/\s/)[0] ?? '').filter(Boolean);
  const expected = expectedOrder(v);
  const fmt = (r: { found: number; missingOrOutOfOrder: string[] }) => `${r.found}/${expected.length}${r.missingOrOutOfOrder.length ? ` (first miss: "${r.missingOrOutOfOrder[0] ?? ''}")` : ''}`;
  return {
    candidate: c.name, items, medianMs: Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10, minMs: Math.round((times[0] ?? 0) * 10) / 10,
    bytes: pdf.length, pages: Number(field('Pages')), tagged: field('Tagged') === 'yes', title: field('Title'),
    structElements: types.length, headings: types.filter((t) => /^H\d?$/.test(t)).length, listItems: types.filter((t) => t === 'LI').length,
    textOrder: fmt(inOrder(pdfTool('pdftotext', [file, '-']), expected)),
    tagOrder: structText ? fmt(inOrder(structText, expected)) : 'no tag tree',
  };
}

const dir = args.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plan-pdf-'));
fs.mkdirSync(dir, { recursive: true });
const { list, skipped } = await candidates();
const rows: Row[] = [];
try {
  for (const c of list) for (const items of [40, 300]) rows.push(await measure(c, input(items), dir));
} finally {
  for (const c of list) await c.close?.();
}
const result = { at: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model ?? '', runs, chromiumStartMs: list.find((c) => c.startMs)?.startMs, rows, skipped, pdfs: dir };
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`node ${result.node}, ${result.cpu}, median of ${runs} runs after one warm-up; PDFs in ${dir}`);
  if (result.chromiumStartMs) console.log(`chromium: browser start ${Math.round(result.chromiumStartMs)} ms (once per process if kept open)`);
  console.table(rows.map((r) => ({ ...r, title: r.title.slice(0, 30) })));
  for (const s of skipped) console.log(`skipped ${s}`);
}
