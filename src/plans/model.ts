// The EHC plan as structured data (issue 4 §1): sections A–K of reg 12(1), each separately identified, with the
// golden thread from needs (B, C, D) through outcomes (E) to provision (F, G, H1, H2). This schema is also the
// export format (docs/plan-export.md): what is exported is exactly what is stored, so a round trip loses nothing.
import { z } from 'zod';
import { needTypes } from '../children/codes.ts';

const id = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-09-01');

export const needCodes = needTypes.map(([code]) => code) as [string, ...string[]];

/** Preparing-for-adulthood areas (CoP 8.7), tagged on outcomes from Year 9. */
export const pfaAreas = ['employment', 'independent-living', 'community', 'health'] as const;
export const pfaLabels: Record<(typeof pfaAreas)[number], string> = {
  employment: 'Higher education and employment',
  'independent-living': 'Independent living',
  community: 'Friends, relationships and community',
  health: 'Good health',
};

export const needSchema = z.object({
  id,
  text: text(4000).min(1, 'Describe the need'),
  /** SEN2 need type (section B only). */
  needType: z.enum(needCodes).nullable().default(null),
  primary: z.boolean().default(false),
});

export const outcomeSchema = z.object({
  id,
  aspiration: text(2000).default(''),
  outcome: text(2000).min(1, 'Describe the outcome'),
  steps: z.array(z.object({ text: text(1000).min(1), by: text(100).default('') })).max(20).default([]),
  timeframe: text(100).default(''),
  pfa: z.enum(pfaAreas).nullable().default(null),
});

export const provisionSchema = z.object({
  id,
  what: text(2000).min(1, 'Say what the provision is'),
  who: text(300).default(''),
  frequency: text(200).default(''),
  duration: text(200).default(''),
  groupSize: text(100).default(''),
  startDate: isoDate.nullable().default(null),
  needIds: z.array(id).max(50).default([]),
  outcomeIds: z.array(id).max(50).default([]),
});

export const settingSchema = z.object({
  name: text(300).default(''),
  urn: z.string().regex(/^\d{6,7}$/, 'A URN has 6 or 7 digits').nullable().default(null),
  ukprn: z.string().regex(/^1\d{7}$/, 'A UKPRN has 8 digits starting with 1').nullable().default(null),
  type: text(200).default(''),
});

export const adviceEntrySchema = z.object({ adviceRequestId: id.nullable().default(null), title: text(300), author: text(300), date: isoDate.nullable().default(null) });

export const planContentSchema = z.object({
  A: z.object({ views: text(8000).default(''), interests: text(8000).default(''), aspirations: text(8000).default('') }).default({ views: '', interests: '', aspirations: '' }),
  B: z.array(needSchema).max(100).default([]),
  C: z.array(needSchema).max(100).default([]),
  D: z.array(needSchema).max(100).default([]),
  E: z.array(outcomeSchema).max(100).default([]),
  F: z.array(provisionSchema).max(200).default([]),
  G: z.array(provisionSchema).max(200).default([]),
  H1: z.array(provisionSchema).max(200).default([]),
  H2: z.array(provisionSchema).max(200).default([]),
  I: settingSchema.default({ name: '', urn: null, ukprn: null, type: '' }),
  J: z.object({ personalBudget: text(4000).default(''), amount: text(100).default('') }).default({ personalBudget: '', amount: '' }),
  K: z.array(adviceEntrySchema).max(200).default([]),
});
export type PlanContent = z.infer<typeof planContentSchema>;
export type Need = z.infer<typeof needSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type Provision = z.infer<typeof provisionSchema>;

export const needSections = ['B', 'C', 'D'] as const;
export const provisionSections = ['F', 'G', 'H1', 'H2'] as const;
export type NeedSection = (typeof needSections)[number];
export type ProvisionSection = (typeof provisionSections)[number];
export type SectionKey = keyof PlanContent;
export const sectionKeys: SectionKey[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'];

export const sectionTitles: Record<SectionKey, string> = {
  A: 'Views, interests and aspirations',
  B: 'Special educational needs',
  C: 'Health needs',
  D: 'Social care needs',
  E: 'Outcomes',
  F: 'Special educational provision',
  G: 'Health provision',
  H1: 'Social care provision (Chronically Sick and Disabled Persons Act 1970 s.2)',
  H2: 'Other social care provision',
  I: 'School or other setting',
  J: 'Personal budget',
  K: 'Advice and information',
};

/** Which needs each provision section meets: F the educational needs, G health, H social care. */
export const needsFor: Record<ProvisionSection, NeedSection[]> = { F: ['B'], G: ['C', 'B'], H1: ['D', 'B'], H2: ['D', 'B'] };

export const emptyPlan = (): PlanContent => planContentSchema.parse({});

export interface ThreadGap {
  section: SectionKey;
  itemId: string;
  message: string;
}

/**
 * The golden thread (issue 4 §1): every need is met by some provision, and every provision serves an outcome and
 * meets a need that exists. Returns the gaps the editor shows beside the items.
 */
export function threadGaps(p: PlanContent): ThreadGap[] {
  const gaps: ThreadGap[] = [];
  const provisions = provisionSections.flatMap((s) => p[s].map((item) => ({ section: s, item })));
  const needIds = new Set(needSections.flatMap((s) => p[s].map((n) => n.id)));
  const outcomeIds = new Set(p.E.map((o) => o.id));
  for (const s of needSections) {
    for (const n of p[s]) {
      if (!provisions.some((x) => x.item.needIds.includes(n.id))) gaps.push({ section: s, itemId: n.id, message: 'No provision meets this need yet' });
    }
  }
  for (const { section, item } of provisions) {
    const dangling = [...item.needIds.filter((i) => !needIds.has(i)), ...item.outcomeIds.filter((i) => !outcomeIds.has(i))];
    if (dangling.length) gaps.push({ section, itemId: item.id, message: 'Links to a need or outcome that is no longer in the plan' });
    if (!item.outcomeIds.some((i) => outcomeIds.has(i))) gaps.push({ section, itemId: item.id, message: 'This provision does not serve any outcome yet' });
    if (!item.needIds.some((i) => needIds.has(i))) gaps.push({ section, itemId: item.id, message: 'This provision does not meet any need yet' });
  }
  for (const o of p.E) {
    if (!provisions.some((x) => x.item.outcomeIds.includes(o.id))) gaps.push({ section: 'E', itemId: o.id, message: 'No provision works towards this outcome yet' });
  }
  return gaps;
}

/** Year 9 and above: outcomes are tagged by preparing-for-adulthood area (reg 12(3); CoP 8.7). */
export function untaggedAdulthoodOutcomes(p: PlanContent, yearGroup: number): string[] {
  return yearGroup >= 9 ? p.E.filter((o) => !o.pfa).map((o) => o.id) : [];
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';
export interface ItemChange {
  kind: ChangeKind;
  id: string | null;
  before: string | null;
  after: string | null;
}
export interface SectionDiff {
  section: SectionKey;
  title: string;
  changes: ItemChange[];
}

/** One line a reader would recognise an item by. */
export function describeItem(section: SectionKey, item: unknown): string {
  if (section === 'E') {
    const o = item as Outcome;
    return [o.outcome, o.timeframe && `(${o.timeframe})`].filter(Boolean).join(' ');
  }
  if ((provisionSections as readonly string[]).includes(section)) {
    const x = item as Provision;
    return [x.what, x.who && `by ${x.who}`, x.frequency, x.duration && `for ${x.duration}`, x.groupSize && `(${x.groupSize})`].filter(Boolean).join(', ');
  }
  if ((needSections as readonly string[]).includes(section)) return (item as Need).text;
  if (section === 'K') {
    const k = item as PlanContent['K'][number];
    return `${k.title}, ${k.author}${k.date ? `, ${k.date}` : ''}`;
  }
  return Object.values(item as Record<string, unknown>).filter((v) => typeof v === 'string' && v).join(' · ');
}

/**
 * Two versions compared section by section: items matched by their id are changed or unchanged; others are added
 * or removed. Sections A, I and J (single blocks) compare as one item.
 */
export function diffPlans(before: PlanContent, after: PlanContent): SectionDiff[] {
  return sectionKeys.map((section) => {
    const b = before[section];
    const a = after[section];
    const changes: ItemChange[] = [];
    if (!Array.isArray(b) || !Array.isArray(a)) {
      const x = describeItem(section, b);
      const y = describeItem(section, a);
      changes.push({ kind: x === y ? 'unchanged' : !x ? 'added' : !y ? 'removed' : 'changed', id: null, before: x || null, after: y || null });
    } else {
      const key = (item: unknown, i: number): string => (item as { id?: string }).id ?? `#${i}`;
      const bMap = new Map((b as unknown[]).map((item, i) => [key(item, i), item]));
      const aMap = new Map((a as unknown[]).map((item, i) => [key(item, i), item]));
      for (const [k, item] of aMap) {
        const old = bMap.get(k);
        const y = describeItem(section, item);
        if (old === undefined) changes.push({ kind: 'added', id: k, before: null, after: y });
        else {
          const same = JSON.stringify(old) === JSON.stringify(item);
          changes.push({ kind: same ? 'unchanged' : 'changed', id: k, before: describeItem(section, old), after: y });
        }
      }
      for (const [k, item] of bMap) if (!aMap.has(k)) changes.push({ kind: 'removed', id: k, before: describeItem(section, item), after: null });
    }
    return { section, title: sectionTitles[section], changes };
  });
}
