// Names: normalising, similarity, and the "may this child already have a record?" check.

/** Lower case, accents removed, punctuation as spaces, single spaces. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The trigrams of a text as PostgreSQL's pg_trgm makes them: each word padded with two spaces before, one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const word of normaliseName(s).split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams, 0..1. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

export interface PersonName {
  givenName: string;
  familyName: string;
}

/** Similarity of two full names, also trying the names the other way round. */
export function nameSimilarity(a: PersonName, b: PersonName): number {
  const full = (n: PersonName) => `${n.givenName} ${n.familyName}`;
  return Math.max(trigramSimilarity(full(a), full(b)), trigramSimilarity(full(a), `${b.familyName} ${b.givenName}`));
}

/** Whether two names are probably the same person's: similar enough, or the same surname and a shared start to the first name. */
export function isLikelySameName(a: PersonName, b: PersonName): boolean {
  if (nameSimilarity(a, b) >= 0.5) return true;
  const fa = normaliseName(a.familyName);
  const fb = normaliseName(b.familyName);
  const ga = normaliseName(a.givenName);
  const gb = normaliseName(b.givenName);
  return fa === fb && ga.length >= 3 && gb.length >= 3 && ga.slice(0, 3) === gb.slice(0, 3);
}

export interface DuplicateCandidate extends PersonName {
  id?: string | undefined;
  dateOfBirth: string;
  nhsNumber?: string | undefined;
  upn?: string | undefined;
}

export type DuplicateReason = 'same-nhs-number' | 'same-upn' | 'same-dob-similar-name';

/** Existing records that may be the candidate: same NHS number, same UPN, or same date of birth and a similar name. */
export function findPossibleDuplicates(candidate: DuplicateCandidate, existing: DuplicateCandidate[]): (DuplicateCandidate & { reasons: DuplicateReason[] })[] {
  const out: (DuplicateCandidate & { reasons: DuplicateReason[] })[] = [];
  for (const e of existing) {
    const reasons: DuplicateReason[] = [];
    if (candidate.nhsNumber && e.nhsNumber === candidate.nhsNumber) reasons.push('same-nhs-number');
    if (candidate.upn && e.upn === candidate.upn) reasons.push('same-upn');
    if (e.dateOfBirth === candidate.dateOfBirth && isLikelySameName(candidate, e)) reasons.push('same-dob-similar-name');
    if (reasons.length) out.push({ ...e, reasons });
  }
  return out;
}
