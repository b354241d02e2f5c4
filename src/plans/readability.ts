// Flesch reading ease (Flesch 1948): 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words).
// Higher is easier: 60–70 is plain English, below 50 is hard for many parents, below 30 is for graduates.
// Syllables are counted by a small English heuristic, not a dictionary: it is right for most everyday words and
// off by one for some (see the readability cases in quality.test.ts). That is enough for a score shown as a whole
// number and used only to flag clearly hard text. The choice (own counter, not an npm package) is in the decision
// record docs/decisions/0007-plan-quality-checks.md.

/** A text's sentences, words and syllables. A line break ends a sentence too (bullet points, one item per line). */
export type TextStatistics = { sentences: number; words: number; syllables: number };

const wordPattern = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

// Words the heuristic gets wrong that are common in plans. Lower case; value = syllables.
const exceptions: Record<string, number> = {
  area: 3, areas: 3, create: 2, created: 3, idea: 3, ideas: 3, people: 2, whole: 1, anyone: 3, everyone: 3, someone: 2,
  cooperate: 4, coordinate: 4, coordinator: 5, being: 2, doing: 2, going: 2, seeing: 2, saying: 2,
  science: 2, quiet: 2, diet: 2, client: 2, poem: 2, poems: 2, real: 1, really: 2, ear: 1, year: 1, years: 1,
  therapeutic: 4, therapies: 3, business: 2, every: 2, different: 3, interest: 3, interests: 3, evening: 2,
};

/** Syllables in one English word (heuristic). A number counts as one: "2027" is long to say but easy to read. */
export function countSyllables(word: string): number {
  if (/^\d+$/.test(word)) return 1;
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  const known = exceptions[w];
  if (known !== undefined) return known;
  if (w.length <= 3) return 1;
  // Silent endings: "makes", "walked", "played", "home"; but "buses", "pages", "wanted", "needed", "table" are voiced.
  if (!/(?:[sxz]|ch|sh|[cg])es$/.test(w)) w = w.replace(/([^laeiouy])es$|([^laeiouytd])ed$|([aeiouy])ed$|([^laeiouy])e$/, '$1$2$3$4');
  w = w.replace(/^y/, '');
  const groups = w.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Sentences, words and syllables in a text. */
export function textStatistics(text: string): TextStatistics {
  const words = text.match(wordPattern) ?? [];
  const sentences = text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .filter((s) => /[A-Za-z0-9]/.test(s)).length;
  return { sentences: words.length ? Math.max(1, sentences) : 0, words: words.length, syllables: words.reduce((n, w) => n + countSyllables(w), 0) };
}

/** Flesch reading ease from counts, rounded to a whole number and kept within 0–100; null when there are no words. */
export function fleschFromStatistics(s: TextStatistics): number | null {
  if (s.words === 0 || s.sentences === 0) return null;
  const score = 206.835 - 1.015 * (s.words / s.sentences) - 84.6 * (s.syllables / s.words);
  return Math.round(Math.min(100, Math.max(0, score)));
}

/** Flesch reading ease of a text (0 hard – 100 easy), or null when it has no words. */
export function fleschReadingEase(text: string): number | null {
  return fleschFromStatistics(textStatistics(text));
}
