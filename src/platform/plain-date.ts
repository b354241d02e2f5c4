// Plain calendar dates as ISO strings (YYYY-MM-DD): statutory periods count calendar days in England, so
// arithmetic is done on UTC midnights and never crosses a time zone (ARCHITECTURE.md: dates are dates).

const re = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether s is a real calendar date written YYYY-MM-DD (so 2025-02-29 is not). */
export function isPlainDate(s: unknown): s is string {
  if (typeof s !== 'string' || !re.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from a to b (b − a); 0 for the same day. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
