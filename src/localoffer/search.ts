// Public search of the local offer (issue 5 §1), as pure functions: the query string and filters of the search
// page become a structured search (`parseSearch`); the words are matched against the synonyms (`synonyms.ts`);
// a word no listing uses is corrected to the nearest word that one does (`chooseCorrection`, given the candidates
// the store found in the lexicon); and the result is a PostgreSQL tsquery (`planQuery`) that the store runs
// (search-store.ts). Also here: distance on the earth's surface, and what of a search may be recorded.
import { z } from 'zod';
import { categoryKeys, needCodes, normalisePostcode, outwardCode, type Category } from './domain.ts';
import { synonymGroups } from './synonyms.ts';
import { trigramSimilarity } from '../children/names.ts';
import type { FieldError } from '../platform/web/validation.ts';

// ---------------------------------------------------------------------------------------------------------------
// Words

/**
 * PostgreSQL's English stop words (tsearch_data/english.stop): words full-text search ignores. Dropped here too,
 * so they are never "corrected" and never break a phrase match ("speech and language therapy").
 */
export const stopWords = new Set(
  ('i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs ' +
    'themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or ' +
    'because as until while of at by for with about against between into through during before after above below to from up down in out on off over under ' +
    'again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can ' +
    'will just don should now').split(' '),
);

/** At most this many words of a search are used; the rest are ignored (a pasted paragraph is not a search). */
export const maxWords = 12;

/** Lower case, accents and apostrophes removed, split into words of letters and digits, stop words dropped. */
export function tokenise(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && w.length <= 40 && !stopWords.has(w));
  return words.slice(0, maxWords);
}

// ---------------------------------------------------------------------------------------------------------------
// Synonyms

interface Term {
  words: string[];
  group: number;
}

/** Every term of every group, as words, longest first (so the longest match wins). */
const terms: Term[] = synonymGroups
  .flatMap((g, group) => g.map((t) => ({ words: tokenise(t), group })))
  .filter((t) => t.words.length > 0)
  .sort((a, b) => b.words.length - a.words.length);

/** Every word that appears in a synonym term: candidates for correcting a misspelt word, beside the lexicon's. */
export const synonymVocabulary: string[] = [...new Set(terms.flatMap((t) => t.words))].sort();

/** One part of a search: a synonym group found in the words, or a word on its own. */
export type QueryPart = { kind: 'group'; group: number; words: string[] } | { kind: 'word'; word: string };

/** The words of a search as synonym groups (longest match first, left to right) and single words. */
export function matchSynonyms(words: string[]): QueryPart[] {
  const parts: QueryPart[] = [];
  let i = 0;
  while (i < words.length) {
    const t = terms.find((term) => term.words.every((w, k) => words[i + k] === w));
    if (t) {
      parts.push({ kind: 'group', group: t.group, words: t.words });
      i += t.words.length;
    } else {
      parts.push({ kind: 'word', word: words[i] ?? '' });
      i += 1;
    }
  }
  // The same group twice ("autism asd") counts once.
  return parts.filter((p, k) => p.kind === 'word' || parts.findIndex((q) => q.kind === 'group' && q.group === p.group) === k);
}

/** The terms of a group, as lists of words. */
export function groupTerms(group: number): string[][] {
  return (synonymGroups[group] ?? []).map(tokenise).filter((w) => w.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Correcting misspelt words

/** Optimal string alignment distance (Levenshtein with adjacent transpositions: "langauge" is one edit away). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** How many edits a correction may make: none to words of one or two letters, one up to 4 letters, two beyond. */
export function allowedEdits(word: string): number {
  if (word.length <= 2) return 0;
  return word.length <= 4 ? 1 : 2;
}

/** Words are corrected only when they have letters: "2025" or "7" is not misspelt. */
export function correctable(word: string): boolean {
  return /[a-z]/.test(word) && allowedEdits(word) > 0;
}

/**
 * Whether a word could be a misspelling of another: about the same length (two letters either way), and the same
 * first two letters or the same last two. The store finds the lexicon's candidates by the same rule (an index on
 * each end, migration 0008); `chooseCorrection` then counts the edits.
 */
export function nearShape(word: string, other: string): boolean {
  return Math.abs(word.length - other.length) <= 2 && (word.slice(0, 2) === other.slice(0, 2) || word.slice(-2) === other.slice(-2));
}

/** Candidates from the synonym vocabulary, by the same rule as the lexicon's. */
export function vocabularyCandidates(word: string): string[] {
  return synonymVocabulary.filter((v) => v !== word && nearShape(word, v));
}

/**
 * The word a misspelt word was most likely meant to be, of the candidates (words listings use, and the synonyms'
 * words): the fewest edits away, within `allowedEdits`; on a tie the one with the
 * same first letter (people seldom get that wrong), then the more similar by trigrams, then the first
 * alphabetically (so the answer is stable).
 * Null when none is close enough: the word is left as typed.
 */
export function chooseCorrection(word: string, candidates: readonly string[]): string | null {
  const limit = allowedEdits(word);
  let best: { w: string; edits: number; sim: number; first: number } | null = null;
  for (const c of new Set(candidates)) {
    if (c === word || c.length < 2) continue;
    const edits = editDistance(word, c);
    if (edits > limit) continue;
    const cand = { w: c, edits, sim: trigramSimilarity(word, c), first: c[0] === word[0] ? 1 : 0 };
    if (
      !best ||
      cand.edits < best.edits ||
      (cand.edits === best.edits && (cand.first > best.first || (cand.first === best.first && (cand.sim > best.sim || (cand.sim === best.sim && cand.w < best.w)))))
    ) {
      best = cand;
    }
  }
  return best?.w ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The query

/** What the store found for each word of a search that is not part of a synonym term. */
export interface WordFacts {
  /** Some listed service matches the word as it is (after English stemming), or full-text search ignores it. */
  known: boolean;
  /** Words of published listings shaped like it (nearShape). */
  candidates: string[];
}

export interface QueryPlan {
  /** The tsquery text for `to_tsquery('english', …)`: every part must match (synonyms are alternatives). */
  all: string;
  /** The same parts, any of which may match: tried when no service matches them all. */
  any: string;
  /** The same as `all`, matching only the name (weight A), to rank name matches first. */
  name: string;
  /** The words as searched after correction, when a word was corrected ("Showing results for …"); else null. */
  correctedText: string | null;
  /** Each correction made, for the page and the tests. */
  corrections: { from: string; to: string }[];
}

/** The words of a search that the store should look up: those outside every synonym term, with letters. */
export function wordsToCheck(words: string[]): string[] {
  return [...new Set(matchSynonyms(words).flatMap((p) => (p.kind === 'word' && correctable(p.word) ? [p.word] : [])))];
}

const tsWord = (w: string) => w.replace(/[^a-z0-9]/g, '');
const tsTerm = (words: string[], weight: string) => {
  const ws = words.map(tsWord).filter(Boolean).map((w) => `${w}${weight}`);
  return ws.length > 1 ? `(${ws.join(' & ')})` : (ws[0] ?? '');
};
function tsPart(p: QueryPart, weight: string): string {
  if (p.kind === 'word') return tsTerm([p.word], weight);
  const alternatives = groupTerms(p.group).map((t) => tsTerm(t, weight)).filter(Boolean);
  return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : (alternatives[0] ?? '');
}

/**
 * The words (from `tokenise`), corrected where the store's facts say a word is unknown and a close word exists
 * (unless `exact`), matched to synonyms, as tsquery text. Null when nothing is left to search for.
 */
export function planQuery(words: string[], facts: ReadonlyMap<string, WordFacts>, opts: { exact?: boolean } = {}): QueryPlan | null {
  const corrections: { from: string; to: string }[] = [];
  const corrected = words.map((w) => {
    const f = facts.get(w);
    if (opts.exact || !f || f.known || !correctable(w)) return w;
    const to = chooseCorrection(w, [...f.candidates, ...vocabularyCandidates(w)]);
    if (!to) return w;
    corrections.push({ from: w, to });
    return to;
  });
  const parts = matchSynonyms(corrected);
  const all = parts.map((p) => tsPart(p, '')).filter(Boolean);
  if (all.length === 0) return null;
  const name = parts.map((p) => tsPart(p, ':A')).filter(Boolean);
  return {
    all: all.join(' & '),
    any: all.join(' | '),
    name: name.join(' & '),
    correctedText: corrections.length ? corrected.join(' ') : null,
    corrections,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Filters and the structured search

export const sorts = [
  ['relevance', 'Best match'],
  ['name', 'Name (A to Z)'],
  ['distance', 'Distance'],
  ['checked', 'Recently checked'],
] as const;
export type Sort = (typeof sorts)[number][0];

/** Distances a family can choose, in miles. */
export const milesOptions = [1, 2, 5, 10, 20, 50] as const;
export const defaultMiles = 10;
export const perPage = 20;
/** Pages beyond this are not offered: a search that long needs narrowing, not paging. */
export const maxPage = 50;

export interface Search {
  /** The words typed, as typed (trimmed). */
  text: string;
  /** The words to search for (tokenise). */
  words: string[];
  /** Do not correct spellings ("Search instead for …"). */
  exact: boolean;
  categories: Category[];
  needs: string[];
  /** A child's age, or a range of ages: services for any age in it. */
  ages: { from: number; to: number } | null;
  cost: 'free' | 'paid' | null;
  area: 'in' | 'outside' | null;
  near: { postcode: string; miles: number } | null;
  sort: Sort;
  page: number;
}

/** The form's values as typed, to fill the form again. */
export interface SearchForm {
  q: string;
  category: string[];
  need: string[];
  age: string;
  ageFrom: string;
  ageTo: string;
  cost: string;
  area: string;
  postcode: string;
  miles: string;
  sort: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is string => typeof x === 'string');
const one = (v: unknown): string => {
  const l = list(v);
  return (l[l.length - 1] ?? '').trim();
};

const ageSchema = z.coerce.number({ message: 'x' }).int().min(0).max(25);

/**
 * The search page's query string as a structured search, and a message for each value that cannot be used
 * (GOV.UK style). Unknown categories or needs (not offered by the form) are ignored rather than refused.
 */
export function parseSearch(query: Record<string, unknown>): { search: Search; form: SearchForm; errors: FieldError[] } {
  const form: SearchForm = {
    q: one(query.q).slice(0, 200),
    category: list(query.category),
    need: list(query.need),
    age: one(query.age),
    ageFrom: one(query.ageFrom),
    ageTo: one(query.ageTo),
    cost: one(query.cost),
    area: one(query.area),
    postcode: one(query.postcode).slice(0, 20),
    miles: one(query.miles),
    sort: one(query.sort),
  };
  const errors: FieldError[] = [];
  const age = (field: 'age' | 'ageFrom' | 'ageTo', label: string): number | null => {
    const raw = form[field];
    if (raw === '') return null;
    const r = ageSchema.safeParse(raw);
    if (!r.success || !/^\s*\d+\s*$/.test(raw)) {
      errors.push({ field, message: `${label} must be a whole number of years from 0 to 25, like 7` });
      return null;
    }
    return r.data;
  };
  const childAge = age('age', 'The child’s age');
  let from = age('ageFrom', 'The youngest age');
  let to = age('ageTo', 'The oldest age');
  if (from !== null && to !== null && from > to) {
    errors.push({ field: 'ageTo', message: 'The oldest age must be the same as or more than the youngest age' });
    from = to = null;
  }
  const ages = childAge !== null ? { from: childAge, to: childAge } : from !== null || to !== null ? { from: from ?? 0, to: to ?? 25 } : null;

  let near: Search['near'] = null;
  if (form.postcode !== '') {
    const pc = normalisePostcode(form.postcode);
    if (!pc) errors.push({ field: 'postcode', message: 'Enter a full postcode, like JT1 1AA' });
    const miles = form.miles === '' ? defaultMiles : Number(form.miles);
    if (!milesOptions.includes(miles as (typeof milesOptions)[number])) errors.push({ field: 'miles', message: 'Select how far you can travel' });
    else if (pc) near = { postcode: pc, miles };
  }

  const words = tokenise(form.q);
  const requested = sorts.find(([k]) => k === form.sort)?.[0];
  const fallback = defaultSort({ words, near });
  // Distance needs a postcode and best match needs words; otherwise the search's own default.
  const sort: Sort = !requested || (requested === 'distance' && !near) || (requested === 'relevance' && !words.length) ? fallback : requested;
  const pageNo = Number(one(query.page) || '1');
  const search: Search = {
    text: form.q.trim(),
    words,
    exact: one(query.exact) === '1',
    categories: [...new Set(form.category.filter((c): c is Category => (categoryKeys as string[]).includes(c)))],
    needs: [...new Set(form.need.filter((n) => needCodes.includes(n)))],
    ages,
    cost: form.cost === 'free' || form.cost === 'paid' ? form.cost : null,
    area: form.area === 'in' || form.area === 'outside' ? form.area : null,
    near,
    sort,
    page: Number.isInteger(pageNo) && pageNo >= 1 ? Math.min(pageNo, maxPage) : 1,
  };
  return { search, form, errors };
}

/** The order results come in unless the family chooses another. */
export function defaultSort(s: Pick<Search, 'words' | 'near'>): Sort {
  return s.words.length ? 'relevance' : s.near ? 'distance' : 'name';
}

/** Whether the search narrows the directory at all (words or a filter). */
export function isNarrowed(s: Search): boolean {
  return s.words.length > 0 || s.categories.length > 0 || s.needs.length > 0 || s.ages !== null || s.cost !== null || s.area !== null || s.near !== null;
}

/** The query string of a search, with changes: for paging, sorting, and removing one filter. */
export function searchQueryString(s: Search, change: Partial<Search> = {}): string {
  const v = { ...s, ...change };
  const p = new URLSearchParams();
  if (v.text) p.set('q', v.text);
  if (v.exact) p.set('exact', '1');
  for (const c of v.categories) p.append('category', c);
  for (const n of v.needs) p.append('need', n);
  if (v.ages) {
    if (v.ages.from === v.ages.to) p.set('age', String(v.ages.from));
    else {
      p.set('ageFrom', String(v.ages.from));
      p.set('ageTo', String(v.ages.to));
    }
  }
  if (v.cost) p.set('cost', v.cost);
  if (v.area) p.set('area', v.area);
  if (v.near) {
    p.set('postcode', v.near.postcode);
    p.set('miles', String(v.near.miles));
  }
  if (v.sort !== defaultSort(v)) p.set('sort', v.sort);
  if (v.page > 1) p.set('page', String(v.page));
  return p.toString();
}

// ---------------------------------------------------------------------------------------------------------------
// Distance

const earthRadiusMiles = 3958.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in miles (haversine). The store runs the same formula in SQL. */
export function haversineMiles(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMiles * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude and longitude box that holds every point within `miles` of the centre (a cheap first filter). */
export function boundingBox(centre: { latitude: number; longitude: number }, miles: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (miles / earthRadiusMiles) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(centre.latitude)), 1e-6);
  return { minLat: centre.latitude - dLat, maxLat: centre.latitude + dLat, minLon: centre.longitude - dLon, maxLon: centre.longitude + dLon };
}

// ---------------------------------------------------------------------------------------------------------------
// What is recorded (issue 5 §1, §6): the words and filters, never who searched. No IP address, no session, and
// anything in the words that could identify someone is taken out: an email address, a phone number (or any run
// of seven or more digits, such as an NHS number), and a full postcode, of which only the outward code is kept.

const emailPattern = /[^\s@]+@[^\s@]+/g;
const postcodeInText = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}\b/gi;
const longNumber = /\+?\d[\d\s().-]{5,}\d/g;

/** The words of a search as they may be recorded: lower case, personal details removed. */
export function redactSearchText(text: string): string {
  return text
    .replace(emailPattern, ' ')
    .replace(postcodeInText, (_m, outward: string) => ` ${outward} `)
    .replace(longNumber, (m) => (m.replace(/\D/g, '').length >= 7 ? ' ' : m))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** The filters of a search as they may be recorded: the postcode cut to its outward code. */
export function recordedFilters(s: Search): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (s.categories.length) f.category = s.categories;
  if (s.needs.length) f.need = s.needs;
  if (s.ages) f.ages = s.ages;
  if (s.cost) f.cost = s.cost;
  if (s.area) f.area = s.area;
  if (s.near) {
    f.near = outwardCode(s.near.postcode);
    f.miles = s.near.miles;
  }
  return f;
}
