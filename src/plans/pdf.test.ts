// The plan's PDF read back as its readers get it: `pdftotext` (the check of the reading order), the tag
// tree a screen reader follows (`pdfinfo -struct-text`), and what `pdfinfo` says of the file (tagged, title, A4).
// Needs poppler-utils (/usr/bin/pdftotext, /usr/bin/pdfinfo); skipped with that message where it is missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planContentSchema, sectionKeys, sectionTitles, type PlanContent } from './model.ts';
import { planPdfFilename, renderPlanPdf, type PlanPdfInput } from './pdf.ts';

const poppler = ['pdftotext', 'pdfinfo', 'pdffonts'].every((t) => fs.existsSync(`/usr/bin/${t}`));
const skip = poppler ? false : 'poppler-utils is not installed (/usr/bin/pdftotext, pdfinfo, pdffonts): apt-get install poppler-utils';

const fixture: PlanContent = planContentSchema.parse({
  A: { views: 'Łucja likes trains and drawing.\nShe wants adults to understand her.', interests: 'Trains, drawing, swimming', aspirations: 'To be a train driver' },
  B: [
    { id: 'b1', text: 'Speech is hard to understand for adults who do not know her', needType: 'SLCN', primary: true },
    { id: 'b2', text: 'Finds it hard to wait her turn in a group', needType: 'SEMH' },
  ],
  C: [{ id: 'c1', text: 'Speech sound disorder diagnosed by the therapy service' }],
  D: [{ id: 'd1', text: 'Needs help with personal care after school' }],
  E: [{
    id: 'e1', aspiration: 'To talk with her friends', outcome: 'By July 2027 Łucja will be understood by adults she does not know', timeframe: 'July 2027', pfa: 'community',
    steps: [{ text: 'Uses three-word sentences in class by Easter 2027' }, { text: 'Asks an adult for help when she needs it', by: 'December 2026' }],
  }],
  F: [{ id: 'f1', what: 'Small-group speech practice', who: 'Teaching assistant trained by the therapist', frequency: '3 times a week', duration: '15 minutes', groupSize: 'up to 4', needIds: ['b1'], outcomeIds: ['e1'] }],
  G: [{ id: 'g1', what: 'Speech and language therapy sessions', who: 'Speech and language therapist', frequency: 'Weekly', duration: '30 minutes for 12 weeks', needIds: ['c1'], outcomeIds: ['e1'] }],
  H1: [{ id: 'h1', what: 'Personal care support at home after school', who: 'Care worker', frequency: 'Daily', needIds: ['d1'], outcomeIds: ['e1'] }],
  H2: [],
  I: { name: 'Oak Primary School', urn: '123456', type: 'Mainstream primary' },
  J: { personalBudget: 'A direct payment for a personal assistant at weekends.', amount: '£2,400 a year' },
  K: [{ adviceRequestId: null, title: 'Health advice', author: 'Theo Therapist', date: '2026-10-31' }],
});

const view = (over: Partial<PlanPdfInput> = {}): PlanPdfInput => ({
  childName: 'Łucja Żółć-Lee', reference: 'EHCP-990-00001', content: fixture,
  version: { number: 2, kind: 'final', state: 'issued', issued_on: '2026-11-20' },
  signoffs: [{ area: 'health', signed_by: 'Dana Clinical', role: 'Designated clinical officer', comment: 'Agreed.', signed_at: new Date('2026-11-19T10:00:00Z') }],
  ...over,
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-pdf-test-'));
async function write(name: string, v: PlanPdfInput): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await renderPlanPdf(v));
  return file;
}
const run = (tool: string, ...args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The tag tree as pdfinfo -struct-text prints it: one node a line, children indented by two spaces. */
interface Node {
  type: string;
  text: string;
  children: Node[];
}
function tagTree(file: string): Node {
  const root: Node = { type: 'root', text: '', children: [] };
  const stack: { depth: number; node: Node }[] = [{ depth: -1, node: root }];
  for (const line of run('pdfinfo', '-struct-text', file).split('\n')) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    while ((stack.at(-1)?.depth ?? -1) >= depth) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    const t = line.trim();
    if (t.startsWith('"')) parent.text += t.slice(1, -1);
    else {
      const node: Node = { type: t.split(/\s/)[0] ?? '', text: '', children: [] };
      parent.children.push(node);
      stack.push({ depth, node });
    }
  }
  return root;
}
const textOf = (n: Node): string => n.text + n.children.map(textOf).join(' ');
const all = (n: Node, type: string): Node[] => [...(n.type === type ? [n] : []), ...n.children.flatMap((c) => all(c, type))];

describe('the plan as a tagged PDF', () => {
  let file = '';
  let text = '';
  before(async () => {
    file = await write('plan', view());
    if (poppler) text = run('pdftotext', file, '-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('pdfinfo: tagged, titled with the child and the reference, A4, PDF 1.7', { skip }, () => {
    const info = run('pdfinfo', file);
    assert.match(info, /^Tagged:\s+yes$/m);
    assert.match(info, /^Title:\s+Education, health and care plan for Łucja Żółć-Lee \(EHCP-990-00001, version 2\)$/m);
    assert.match(info, /^Page size:\s+595\.2\d x 841\.8\d pts \(A4\)$/m);
    assert.match(info, /^PDF version:\s+1\.7$/m);
  });

  test('pdftotext: the headings in order, Section A to Section K, then the agreement', { skip }, () => {
    const headings = [`Education, health and care plan for Łucja Żółć-Lee`, ...sectionKeys.map((s) => `Section ${s}: ${sectionTitles[s]}`), 'Agreement'];
    let at = 0;
    for (const h of headings) {
      const i = flat(text).indexOf(h, at);
      assert.ok(i >= at, `"${h}" after position ${at}`);
      at = i + h.length;
    }
  });

  test('pdftotext: each item under its own section, with its details, in the order of the plan', { skip }, () => {
    const t = flat(text);
    const section = (s: string) => {
      const start = t.indexOf(`Section ${s}:`);
      const next = sectionKeys[sectionKeys.indexOf(s as never) + 1];
      const end = next ? t.indexOf(`Section ${next}:`) : t.indexOf('Agreement', start);
      assert.ok(start >= 0 && end > start, `section ${s} found`);
      return t.slice(start, end);
    };
    const inOrder = (s: string, ...parts: string[]) => {
      const body = section(s);
      let at = 0;
      for (const p of parts) {
        const i = body.indexOf(p, at);
        assert.ok(i >= 0, `section ${s} reads "${p}" (after "${body.slice(Math.max(0, at - 30), at)}")`);
        at = i + p.length;
      }
    };
    inOrder('A', 'Views', 'Łucja likes trains and drawing.', 'She wants adults to understand her.', 'Interests', 'Trains, drawing, swimming', 'Aspirations', 'To be a train driver');
    inOrder('B', 'Speech is hard to understand for adults who do not know her (Speech, language and communication needs, primary need)', 'Finds it hard to wait her turn in a group (Social, emotional and mental health)');
    inOrder('C', 'Speech sound disorder diagnosed by the therapy service');
    inOrder('D', 'Needs help with personal care after school');
    inOrder('E', '1.', 'Aspiration: To talk with her friends', 'By July 2027 Łucja will be understood by adults she does not know (July 2027)', 'Preparing for adulthood: Friends, relationships and community', 'Uses three-word sentences in class by Easter 2027', 'Asks an adult for help when she needs it (by December 2026)');
    inOrder('F', '1.', 'Small-group speech practice', 'Who: Teaching assistant trained by the therapist.', 'How often: 3 times a week.', 'How long: 15 minutes.', 'Group: up to 4.', 'Meets: B: Speech is hard to understand');
    inOrder('G', 'Speech and language therapy sessions', 'Who: Speech and language therapist.', 'How often: Weekly.', 'How long: 30 minutes for 12 weeks.');
    inOrder('H1', 'Personal care support at home after school', 'Who: Care worker.', 'How often: Daily.');
    inOrder('H2', 'None.');
    inOrder('I', 'Oak Primary School (URN 123456), Mainstream primary');
    inOrder('J', 'A direct payment for a personal assistant at weekends. Amount: £2,400 a year.');
    inOrder('K', 'Health advice, Theo Therapist, 31 October 2026');
    assert.match(t, /Agreement • Health \(sections C and G\): agreed by Dana Clinical, Designated clinical officer, 19 November 2026 at 10:00am: “Agreed\.”/);
    assert.match(t, /Version 2, final, issued 20 November 2026/);
  });

  test('the tag tree: H1, then one Sect a section with its H2 first, lists as L > LI > Lbl + LBody', { skip }, () => {
    const tree = tagTree(file);
    const doc = tree.children[0];
    assert.equal(doc?.type, 'Document');
    assert.equal(doc.children[0]?.type, 'H1');
    assert.equal(doc.children[0].text, 'Education, health and care plan for Łucja Żółć-Lee');
    const sects = doc.children.filter((c) => c.type === 'Sect');
    assert.deepEqual(sects.map((s) => s.children[0]?.type === 'H2' ? s.children[0].text : null), [...sectionKeys.map((s) => `Section ${s}: ${sectionTitles[s]}`), 'Agreement']);
    const [a, b, , , e, f] = sects;
    assert.deepEqual(a?.children.map((c) => c.type), ['H2', 'H3', 'P', 'P', 'H3', 'P', 'H3', 'P'], 'the lines of the views are paragraphs of their own');
    const needs = all(b as Node, 'LI');
    assert.equal(needs.length, 2);
    assert.deepEqual(needs[0]?.children.map((c) => c.type), ['Lbl', 'LBody']);
    assert.match(textOf(needs[1] as Node), /Finds it hard to wait her turn/);
    assert.equal(all(e as Node, 'LI').length, 3, 'the outcome and its two steps');
    assert.match(textOf(f as Node), /Small-group speech practice.*How often: 3 times a week/);
    assert.equal(all(tree, 'H1').length, 1);
  });

  test('page numbers and the running header are artifacts: on the page, not in the tag tree', { skip }, async () => {
    const big = await write('big', view({ content: { ...fixture, F: Array.from({ length: 80 }, (_, i) => ({ ...fixture.F[0] as PlanContent['F'][number], id: `f${i}`, what: `Provision number ${i + 1}` })) } }));
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', big))?.[1]);
    assert.ok(pages >= 4, `${pages} pages`);
    const t = flat(run('pdftotext', big, '-'));
    assert.match(t, new RegExp(`Page 1 of ${pages}`));
    assert.match(t, new RegExp(`Page ${pages} of ${pages}`));
    assert.match(t, /EHC plan for Łucja Żółć-Lee · EHCP-990-00001 · version 2/);
    const tree = tagTree(big);
    assert.doesNotMatch(textOf(tree), /Page \d+ of|EHC plan for Łucja Żółć-Lee ·/);
    const provision = all(tree, 'Sect')[5] as Node;
    assert.deepEqual(all(provision, 'LI').map((li) => /Provision number (\d+)/.exec(textOf(li))?.[1]), Array.from({ length: 80 }, (_, i) => String(i + 1)), 'every item, in order, across the pages');
  });

  test('real text in an embedded font, nothing smaller than 11 points', { skip }, () => {
    const fonts = run('pdffonts', file).split('\n').slice(2).filter(Boolean);
    assert.ok(fonts.length >= 2);
    for (const f of fonts) assert.match(f, /\s+yes\s+yes\s+yes\s+\d+\s+\d+$/, `embedded, subset, with a Unicode map: ${f}`);
    // Word boxes are ascent + descent high: 1.326 em in Source Sans 3.
    const heights = [...run('pdftotext', '-bbox', file, '-').matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => (Number(m[2]) - Number(m[1])) / 1.326);
    assert.ok(heights.length > 100);
    assert.ok(Math.min(...heights) >= 10.99, `smallest text ${Math.min(...heights).toFixed(2)} pt`);
  });

  test('a version being written says so; a draft does not name a setting', { skip }, async () => {
    const f = await write('editing', view({ version: { number: 1, kind: 'draft', state: 'editing', issued_on: null }, content: { ...fixture, I: { name: '', urn: null, ukprn: null, type: '' } }, signoffs: [] }));
    const t = flat(run('pdftotext', f, '-'));
    assert.match(t, /Version 1, draft, being written This version is being written\. It has not been issued/);
    assert.match(t, /Not named yet: a draft plan does not name a setting\./);
    assert.match(t, /Not yet agreed by health or social care\./);
  });

  test('an empty plan still has every heading', { skip }, async () => {
    const f = await write('empty', view({ content: planContentSchema.parse({}), signoffs: [] }));
    const t = flat(run('pdftotext', f, '-'));
    assert.match(t, /Section A: Views, interests and aspirations Not written yet\./);
    assert.match(t, /Section B: Special educational needs None\./);
    assert.match(t, /Section K: Advice and information No advice received yet\./);
  });
});

test('the file name: reference and version, nothing a header could break on', () => {
  assert.equal(planPdfFilename('EHCP-990-00001', 2), 'EHCP-990-00001-v2.pdf');
  assert.equal(planPdfFilename('A "B"/C', 1), 'A-B-C-v1.pdf');
});

test('the PDF is a PDF without poppler too', async () => {
  const pdf = await renderPlanPdf(view());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-6).toString('latin1'), /%%EOF/);
});
