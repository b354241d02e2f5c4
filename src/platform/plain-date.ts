// Plain calendar dates as ISO strings (YYYY-MM-DD): statutory periods count calendar days in England, so
// arithmetic is done on UTC midnights and never crosses a time zone (ARCHITECTURE.md: dates are dates).

const dash = 45;
const zero = 48;

/** The number written by the n ASCII digits of s from index at, or -1 if any of them is not a digit 0-9. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - zero;
    if (!(c >= 0 && c <= 9)) return -1; // also NaN, past the end of s
    v = v * 10 + c;
  }
  return v;
}

/** Whether s is a real calendar date written YYYY-MM-DD (so 2025-02-29 is not). */
export function isPlainDate(s: unknown): s is string {
  // Read by character code, not by regular expression and slices: the timescales engine checks every date of
  // every event it is sent, and the slices were short-lived strings its profile spent time collecting.
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== dash || s.charCodeAt(7) !== dash) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

// Day arithmetic without Date objects (H. Hinnant's days_from_civil / civil_from_days): the caseload runs it
// thousands of times per page, and parsing ISO strings into Dates showed in its profile.
function dayNumber(iso: string): number {
  let y = digits(iso, 0, 4);
  let m = digits(iso, 5, 2);
  let d = digits(iso, 8, 2);
  if (y < 0 || m < 0 || d < 0) {
    // Not digits where a date has them: read it as before (Number of each part), so odd input gives what it gave.
    y = Number(iso.slice(0, 4));
    m = Number(iso.slice(5, 7));
    d = Number(iso.slice(8, 10));
  }
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Days from a to b (b − a); 0 for the same day. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}
