// Public search of the local offer (issue 5 §1): finding the words a misspelt word was probably meant to be.
//
// A misspelt search word is corrected to a word of lo_lexicon a few edits away (src/localoffer/search.ts
// chooseCorrection). Candidates are the lexicon's words of about the same length that share the first two letters
// or the last two (people seldom get both ends wrong), found through these two indexes; the edit distance is then
// worked out in TypeScript. pg_trgm's `%` operator would have found them through lo_lexicon_trgm, but on PGlite
// 0.5 a query using it sometimes returned no rows and left the connection hanging (decision 0013).
export const up: string[] = [
  `CREATE INDEX lo_lexicon_start ON lo_lexicon (la_code, left(word, 2), length(word))`,
  `CREATE INDEX lo_lexicon_end ON lo_lexicon (la_code, right(word, 2), length(word))`,
];

export const down: string[] = [`DROP INDEX lo_lexicon_end`, `DROP INDEX lo_lexicon_start`];
