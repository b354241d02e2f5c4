// When a child becomes a young person, whose rights under CFA 2014 Part 3 pass from parent to them.
// Plain calendar dates (YYYY-MM-DD), no time zones.

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not a date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The last day of compulsory school age: the last Friday in June of the school year (1 September to
 * 31 August) in which the child turns 16. Education Act 1996 s.8(3)–(4) and the Education (School Leaving Date)
 * Order 1997 (SI 1997/1970), as described in statutory-rules.md §0. A child born in July or August turns 16 after
 * that Friday and is still released on it.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: string): string {
  const [y, m] = parts(dateOfBirth);
  const year = y + (m >= 9 ? 17 : 16);
  const june30 = new Date(Date.UTC(year, 5, 30));
  const back = (june30.getUTCDay() - 5 + 7) % 7; // getUTCDay: Sunday 0 … Friday 5
  june30.setUTCDate(30 - back);
  return june30.toISOString().slice(0, 10);
}

/** Over compulsory school age on asOf: from the day after endOfCompulsorySchoolAge (CoP 0–25, introduction). */
export function isYoungPerson(dateOfBirth: string, asOf: string): boolean {
  return asOf > endOfCompulsorySchoolAge(dateOfBirth);
}

/**
 * Age in whole years on a date. Someone born on 29 February has their birthday on 1 March in other years
 * (a person attains an age at the start of the anniversary of their birth: Family Law Reform Act 1969 s.9).
 */
export function ageOn(dateOfBirth: string, asOf: string): number {
  const [y1, m1, d1] = parts(dateOfBirth);
  const [y2, m2, d2] = parts(asOf);
  const beforeBirthday = m2 < m1 || (m2 === m1 && d2 < d1);
  return y2 - y1 - (beforeBirthday ? 1 : 0);
}

/** The same rule as endOfCompulsorySchoolAge, for the access policy's SQL (PostgreSQL 15; isodow: Friday = 5). */
export const endOfCompulsorySchoolAgeSql = `CREATE OR REPLACE FUNCTION end_of_compulsory_school_age(dob date) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT d - ((extract(isodow FROM d)::int - 5 + 7) % 7)
  FROM (SELECT make_date(extract(year FROM dob)::int + CASE WHEN extract(month FROM dob) >= 9 THEN 17 ELSE 16 END, 6, 30) AS d) s
$$`;
