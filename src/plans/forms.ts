// The plan editor's forms without JavaScript: one form per section, each item a numbered group of fields
// (`text-0`, `needIds-0`…), a "remove" box per item and blank rows to add. Pure: form fields in, section out.
import { randomBytes } from 'node:crypto';
import type { Need, Outcome, PlanContent, Provision, SectionKey } from './model.ts';
import { needSections, provisionSections } from './model.ts';

type Form = Record<string, unknown>;
const str = (f: Form, k: string): string => {
  const v = f[k];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? String(v[0]).trim() : '';
};
const list = (f: Form, k: string): string[] => {
  const v = f[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
};
const newId = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`;

/** How many item rows the form posted (existing items plus the blank rows offered for adding). */
function rows(f: Form): number {
  const n = Number(str(f, 'rows'));
  return Number.isInteger(n) && n >= 0 && n <= 300 ? n : 0;
}

/**
 * The section as the form describes it; blank new rows are ignored, removed rows dropped. `rowOf[n]` is the form
 * row the n-th item came from, so an error on item n is shown beside the right fields.
 */
export function sectionFromForm(section: SectionKey, f: Form, current: PlanContent): { value: PlanContent[SectionKey]; rowOf: number[] } {
  const rowOf: number[] = [];
  if (section === 'A') return { value: { views: str(f, 'views'), interests: str(f, 'interests'), aspirations: str(f, 'aspirations') }, rowOf };
  if (section === 'I') return { value: { name: str(f, 'name'), urn: str(f, 'urn') || null, ukprn: str(f, 'ukprn') || null, type: str(f, 'type') }, rowOf };
  if (section === 'J') return { value: { personalBudget: str(f, 'personalBudget'), amount: str(f, 'amount') }, rowOf };
  if (section === 'K') return { value: current.K, rowOf };
  const out: unknown[] = [];
  for (let i = 0; i < rows(f); i++) {
    if (str(f, `remove-${i}`)) continue;
    const before = out.length;
    const id = str(f, `id-${i}`);
    if ((needSections as readonly string[]).includes(section)) {
      const text = str(f, `text-${i}`);
      if (!id && !text) continue;
      const n: Need = { id: id || newId('n'), text, needType: section === 'B' ? str(f, `needType-${i}`) || null : null, primary: section === 'B' && str(f, `primary-${i}`) === 'yes' };
      out.push(n);
    } else if (section === 'E') {
      const outcome = str(f, `outcome-${i}`);
      const aspiration = str(f, `aspiration-${i}`);
      if (!id && !outcome && !aspiration) continue;
      const steps = str(f, `steps-${i}`).split(/\r?\n/).map((s) => s.trim()).filter(Boolean).map((s) => ({ text: s, by: '' }));
      const pfa = str(f, `pfa-${i}`);
      const o: Outcome = { id: id || newId('o'), aspiration, outcome, steps, timeframe: str(f, `timeframe-${i}`), pfa: (pfa || null) as Outcome['pfa'] };
      out.push(o);
    } else if ((provisionSections as readonly string[]).includes(section)) {
      const what = str(f, `what-${i}`);
      if (!id && !what) continue;
      const p: Provision = {
        id: id || newId('p'), what, who: str(f, `who-${i}`), frequency: str(f, `frequency-${i}`), duration: str(f, `duration-${i}`), groupSize: str(f, `groupSize-${i}`),
        startDate: str(f, `startDate-${i}`) || null, needIds: list(f, `needIds-${i}`), outcomeIds: list(f, `outcomeIds-${i}`),
      };
      out.push(p);
    }
    if (out.length > before) rowOf.push(i);
  }
  return { value: out as PlanContent[SectionKey], rowOf };
}

/** Maps a schema error path in the whole plan (e.g. `F.2.what`) to the form field of that section (`what-2`). */
export function fieldOf(path: string, section: SectionKey, rowOf: number[] = []): string {
  const [s, i, k] = path.split('.');
  if (s !== section) return path;
  if (i !== undefined && /^\d+$/.test(i)) return `${k ?? 'text'}-${rowOf[Number(i)] ?? i}`;
  return i ?? path;
}
