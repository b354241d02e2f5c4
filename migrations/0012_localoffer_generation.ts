// The directory's generation (src/localoffer/search-store.ts): one number that moves, in the same transaction, with
// every change to what a public search or its result cards read, so a kept search result is never used once
// anything it came from has changed. Statement-level triggers: one bump per statement, however many rows.

const watched = ['lo_service', 'lo_service_version', 'lo_location', 'lo_organisation', 'lo_lexicon', 'postcode_centroid'];

export const up: string[] = [
  `CREATE TABLE lo_generation (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     n bigint NOT NULL DEFAULT 0
   )`,
  `INSERT INTO lo_generation (one, n) VALUES (true, 0)`,
  `CREATE FUNCTION lo_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE lo_generation SET n = n + 1;
     RETURN NULL;
   END $$`,
  ...watched.map((t) => `CREATE TRIGGER ${t}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION lo_generation_bump()`),
];

export const down: string[] = [
  ...watched.map((t) => `DROP TRIGGER ${t}_generation ON ${t}`),
  `DROP FUNCTION lo_generation_bump()`,
  `DROP TABLE lo_generation`,
];
