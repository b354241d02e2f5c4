// Plain calendar dates in Europe/London (ARCHITECTURE.md: dates are dates).

// Building an Intl.DateTimeFormat costs far more than using one (it showed in the benchmark's profile).
const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true,
});

/** Today's date in England as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  // Formatting is the costly part (about 10 µs a call on the child read's profile), so remember the last answer
  // for the second it was asked in: UK offsets are whole hours, so every instant of one second is in one day.
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastDay = londonDay.format(now);
    lastSecond = second;
  }
  return lastDay;
}
let lastSecond = Number.NaN;
let lastDay = '';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-01-06" → "6 January 2025" (GOV.UK date style). */
export function formatPlainDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** A timestamp in London time: "6 January 2025 at 2:05pm". */
export function formatDateTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  const parts = londonDateTime.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase().replace(/\s/g, '')}`;
}
