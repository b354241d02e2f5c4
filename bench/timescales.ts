// The timescales engine over 150,000 synthetic case histories (England's requests for assessment in a year), on
// one core: target under 2 s (issue 3 §5). Each history is checked (checkCaseHistory) and computed
// (computeTimescales), as POST /api/v1/timescales and `npx joinedup timescales` do. Generating the histories is not
// measured. Runnable alone (`npx tsx bench/timescales.ts`) and called by bench/run.ts.
import { checkCaseHistory, computeTimescales, laExceptionReasons } from '../src/assessment/timescales.ts';
import { addDays } from '../src/platform/plain-date.ts';
import { prng } from '../src/demo/random.ts';

const advisers = ['health', 'educational-psychology', 'social-care', 'education', 'preparing-for-adulthood'];

/** Deterministic, varied, valid histories across 2025: every outcome, late and on-time steps, every exception; as parsed JSON. */
export function syntheticHistories(n: number, seed = 20250101): unknown[] {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const req = addDays('2025-01-01', int(0, 364));
    const asOf = addDays(req, int(20, 400));
    const events: Record<string, unknown>[] = [];
    const at = (d: number) => addDays(req, d);
    const push = (e: Record<string, unknown>, day: number) => {
      if (at(day) <= asOf) events.push({ ...e, on: at(day) });
    };
    const decision = int(20, 60);
    const r = rand();
    if (r < 0.12) push({ type: 'decision-not-to-assess' }, decision);
    else {
      push({ type: 'decision-to-assess' }, decision);
      const chosen = advisers.slice(0, int(2, 5));
      let last = decision;
      for (const a of chosen) {
        const asked = decision + int(1, 5);
        push({ type: 'advice-requested', adviser: a }, asked);
        const got = asked + int(20, 70);
        push({ type: 'advice-received', adviser: a }, got);
        last = Math.max(last, got);
      }
      const outcome = rand();
      if (outcome < 0.06) push({ type: 'decision-not-to-issue' }, last + int(3, 20));
      else if (outcome < 0.09) push({ type: 'withdrawn' }, last + int(1, 10));
      else {
        const draft = last + int(5, 30);
        push({ type: 'draft-issued' }, draft);
        push({ type: 'final-issued' }, draft + int(15, 40));
      }
    }
    if (rand() < 0.15) {
      const reason = rand() < 0.8 ? laExceptionReasons[int(0, laExceptionReasons.length - 1)] : 'missed-appointment';
      const from = int(0, 100);
      events.push({ type: 'exception', reason, from: at(from), to: at(from + int(7, 40)), ...(reason === 'missed-appointment' ? { adviser: 'health' } : {}) });
    }
    // The engine requires dated events in time order; exceptions may come anywhere.
    events.sort((a, b) => String(a.on ?? a.from).localeCompare(String(b.on ?? b.from)));
    // As the API and the CLI receive it: parsed from JSON text. Built directly, each event spread from a literal
    // got a hidden class of its own in V8 (1 per event, against 1 per shape from JSON.parse), which made every
    // property read in the checker a slow lookup no real request pays.
    out.push(JSON.parse(JSON.stringify({ requestReceived: req, asOf, events })));
  }
  return out;
}

export function benchTimescales(n = 150_000): { cases: number; ms: number; invalid: number; met: boolean } {
  const histories = syntheticHistories(n);
  // Warm-up on a slice, then the measured run over all of them.
  for (const h of histories.slice(0, 5000)) {
    const c = checkCaseHistory(h);
    if (c.ok) computeTimescales(c.value);
  }
  let invalid = 0;
  const t0 = performance.now();
  for (const h of histories) {
    const c = checkCaseHistory(h);
    if (c.ok) computeTimescales(c.value);
    else invalid++;
  }
  const ms = Math.round(performance.now() - t0);
  return { cases: n, ms, invalid, met: ms < 2000 && invalid === 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchTimescales();
  console.log(`timescales engine: ${r.cases} histories checked and computed in ${r.ms} ms on one core (${((r.ms * 1000) / r.cases).toFixed(1)} µs each), ${r.invalid} invalid — target < 2 s: ${r.met ? 'MET' : 'NOT MET'}`);
}
