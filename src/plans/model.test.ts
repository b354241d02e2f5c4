import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPlans, emptyPlan, planContentSchema, threadGaps, untaggedAdulthoodOutcomes, type PlanContent } from './model.ts';

const plan = (over: Partial<PlanContent> = {}): PlanContent => ({ ...emptyPlan(), ...over });
const need = (id: string, text = `need ${id}`) => ({ id, text, needType: null, primary: false });
const outcome = (id: string, text = `outcome ${id}`) => ({ id, aspiration: '', outcome: text, steps: [], timeframe: 'by July 2027', pfa: null });
const provision = (id: string, needIds: string[], outcomeIds: string[], what = `provision ${id}`) => ({ id, what, who: 'teacher', frequency: 'weekly', duration: '30 minutes', groupSize: '', startDate: null, needIds, outcomeIds });

test('an empty plan parses and has every section', () => {
  const p = emptyPlan();
  assert.deepEqual(Object.keys(p), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']);
  assert.deepEqual(threadGaps(p), []);
});

test('threadGaps: the golden thread from needs through outcomes to provision', () => {
  const rows: { name: string; p: PlanContent; gaps: string[] }[] = [
    { name: 'complete thread', p: plan({ B: [need('n1')], E: [outcome('o1')], F: [provision('p1', ['n1'], ['o1'])] }), gaps: [] },
    { name: 'a need with no provision', p: plan({ B: [need('n1'), need('n2')], E: [outcome('o1')], F: [provision('p1', ['n1'], ['o1'])] }), gaps: ['B:n2:No provision meets this need yet'] },
    { name: 'a provision with no outcome', p: plan({ B: [need('n1')], E: [outcome('o1')], F: [provision('p1', ['n1'], ['o1']), provision('p2', ['n1'], [])] }), gaps: ['F:p2:This provision does not serve any outcome yet'] },
    { name: 'an outcome nothing works towards', p: plan({ B: [need('n1')], E: [outcome('o1'), outcome('o2')], F: [provision('p1', ['n1'], ['o1'])] }), gaps: ['E:o2:No provision works towards this outcome yet'] },
    { name: 'a health need met by health provision', p: plan({ C: [need('c1')], E: [outcome('o1')], G: [provision('g1', ['c1'], ['o1'])] }), gaps: [] },
    {
      name: 'a link to a removed need', p: plan({ B: [need('n1')], E: [outcome('o1')], F: [provision('p1', ['n1', 'gone'], ['o1'])] }),
      gaps: ['F:p1:Links to a need or outcome that is no longer in the plan'],
    },
  ];
  for (const r of rows) assert.deepEqual(threadGaps(r.p).map((g) => `${g.section}:${g.itemId}:${g.message}`), r.gaps, r.name);
});

test('untaggedAdulthoodOutcomes: from Year 9 only', () => {
  const p = plan({ E: [outcome('o1'), { ...outcome('o2'), pfa: 'employment' }] });
  assert.deepEqual(untaggedAdulthoodOutcomes(p, 8), []);
  assert.deepEqual(untaggedAdulthoodOutcomes(p, 9), ['o1']);
});

test('diffPlans: added, removed and changed items, section by section', () => {
  const before = plan({ A: { views: 'Likes trains', interests: '', aspirations: '' }, B: [need('n1'), need('n2')], F: [provision('p1', ['n1'], [], 'Speech therapy')] });
  const after = plan({ A: { views: 'Likes trains and buses', interests: '', aspirations: '' }, B: [need('n1'), need('n3')], F: [{ ...provision('p1', ['n1'], [], 'Speech therapy'), frequency: 'twice weekly' }] });
  const d = diffPlans(before, after);
  const by = (s: string) => d.find((x) => x.section === s)?.changes.map((c) => `${c.kind}:${c.id ?? ''}`);
  assert.deepEqual(by('A'), ['changed:']);
  assert.deepEqual(by('B'), ['unchanged:n1', 'added:n3', 'removed:n2']);
  assert.deepEqual(by('F'), ['changed:p1']);
  assert.match(d.find((x) => x.section === 'F')?.changes[0]?.after ?? '', /twice weekly/);
  assert.deepEqual(by('C'), []);
});

test('the schema refuses bad data with a message per field', () => {
  const r = planContentSchema.safeParse({ B: [{ id: 'n1', text: '', needType: 'XX' }], I: { urn: '12' } });
  assert.equal(r.success, false);
  const paths = r.error?.issues.map((i) => i.path.join('.')) ?? [];
  assert.ok(paths.includes('B.0.text') && paths.includes('B.0.needType') && paths.includes('I.urn'), paths.join(', '));
});
