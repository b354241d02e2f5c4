// The local offer (issue 5; CFA 2014 s.30, SEND Regs 2014 Part 4 and Sch 2): the public directory of services.
//
// A listing (lo_service) is written as versions (lo_service_version), each holding the whole listing as one
// validated JSON document (src/localoffer/domain.ts serviceContentSchema), as plan content is (decision 0008):
// a provider's change waits as a `pending` version for the council's review, the council publishes or rejects
// it, and every version is kept. The columns on lo_service after `-- index` are the public search index, written
// from the published version by the store (src/localoffer/store.ts indexService) and never by hand.
//
// Directory organisations (lo_organisation) are the providers the public sees (HSDS `organization`). One may be
// owned by one of the area's partner organisations (owner_organisation_id), whose users then edit its listings;
// others are known only to the directory (a voluntary group, or a neighbour's service brought in from its feed).

export const up: string[] = [
  `CREATE TABLE lo_organisation (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     name text NOT NULL CHECK (length(name) > 0),
     description text NOT NULL DEFAULT '',
     website text,
     email text,
     phone text,
     owner_organisation_id uuid REFERENCES organisation,
     source text NOT NULL DEFAULT 'local',
     external_id text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX lo_organisation_area ON lo_organisation (la_code, lower(name))`,
  `CREATE INDEX lo_organisation_owner ON lo_organisation (owner_organisation_id) WHERE owner_organisation_id IS NOT NULL`,
  `CREATE UNIQUE INDEX lo_organisation_external ON lo_organisation (la_code, source, external_id) WHERE external_id IS NOT NULL`,

  `CREATE TABLE lo_service (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     organisation_id uuid NOT NULL REFERENCES lo_organisation,
     status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive','defunct','temporarily closed')),
     published_version int,
     review_by date NOT NULL,
     last_reviewed_on date,
     source text NOT NULL DEFAULT 'local',
     external_id text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     -- index
     name text NOT NULL DEFAULT '',
     search_doc tsvector,
     search_words text NOT NULL DEFAULT '',
     categories text[] NOT NULL DEFAULT '{}',
     needs text[] NOT NULL DEFAULT '{}',
     min_age int,
     max_age int,
     free boolean,
     in_area boolean NOT NULL DEFAULT true,
     -- What the public sees: an active listing with a published version.
     listed boolean GENERATED ALWAYS AS (status = 'active' AND published_version IS NOT NULL) STORED
   )`,
  `CREATE INDEX lo_service_listed ON lo_service (la_code, listed, name)`,
  `CREATE INDEX lo_service_search ON lo_service USING gin (search_doc)`,
  `CREATE INDEX lo_service_words ON lo_service USING gin (search_words gin_trgm_ops)`,
  `CREATE INDEX lo_service_categories ON lo_service USING gin (categories)`,
  `CREATE INDEX lo_service_needs ON lo_service USING gin (needs)`,
  `CREATE INDEX lo_service_organisation ON lo_service (organisation_id)`,
  `CREATE INDEX lo_service_review ON lo_service (la_code, review_by)`,
  `CREATE UNIQUE INDEX lo_service_external ON lo_service (la_code, source, external_id) WHERE external_id IS NOT NULL`,

  `CREATE TABLE lo_service_version (
     service_id uuid NOT NULL REFERENCES lo_service ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     number int NOT NULL,
     content jsonb NOT NULL,
     state text NOT NULL CHECK (state IN ('pending','published','superseded','rejected','withdrawn')),
     note text NOT NULL DEFAULT '',
     submitted_by uuid REFERENCES app_user,
     submitted_at timestamptz NOT NULL DEFAULT now(),
     decided_by uuid REFERENCES app_user,
     decided_at timestamptz,
     decision_note text,
     PRIMARY KEY (service_id, number)
   )`,
  `CREATE UNIQUE INDEX lo_service_version_one_pending ON lo_service_version (service_id) WHERE state = 'pending'`,
  `CREATE INDEX lo_service_version_pending ON lo_service_version (la_code, submitted_at) WHERE state = 'pending'`,
  // Every version is kept: its content never changes once written, and no version is deleted (only its state moves).
  `CREATE FUNCTION lo_version_keep() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       RAISE EXCEPTION 'listing versions are kept: version % of service % cannot be deleted', OLD.number, OLD.service_id;
     END IF;
     IF NEW.content IS DISTINCT FROM OLD.content OR NEW.number <> OLD.number OR NEW.service_id <> OLD.service_id THEN
       RAISE EXCEPTION 'listing versions are kept as written: version % of service % cannot be changed', OLD.number, OLD.service_id;
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER lo_version_keep BEFORE UPDATE OR DELETE ON lo_service_version FOR EACH ROW EXECUTE FUNCTION lo_version_keep()`,

  // The places of the published version, with their postcode's centroid, for "distance from a postcode".
  `CREATE TABLE lo_location (
     service_id uuid NOT NULL REFERENCES lo_service ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     position int NOT NULL,
     name text NOT NULL DEFAULT '',
     postcode text,
     latitude double precision,
     longitude double precision,
     PRIMARY KEY (service_id, position)
   )`,
  `CREATE INDEX lo_location_point ON lo_location (latitude, longitude) WHERE latitude IS NOT NULL`,

  // Words of published listings, so a misspelt search word can be corrected to one that is there (pg_trgm).
  `CREATE TABLE lo_lexicon (
     la_code text NOT NULL REFERENCES local_area,
     word text NOT NULL,
     PRIMARY KEY (la_code, word)
   )`,
  `CREATE INDEX lo_lexicon_trgm ON lo_lexicon USING gin (word gin_trgm_ops)`,

  // Postcode centroids, loaded from the ONS Postcode Directory by `joinedup import-postcodes` (no personal data).
  `CREATE TABLE postcode_centroid (
     postcode text PRIMARY KEY,
     latitude double precision NOT NULL,
     longitude double precision NOT NULL,
     gss_la text
   )`,

  // Evidence: what people searched for, with how many results, and nothing about who searched.
  `CREATE TABLE lo_search_log (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     la_code text NOT NULL REFERENCES local_area,
     searched_at timestamptz NOT NULL DEFAULT now(),
     terms text NOT NULL,
     filters jsonb NOT NULL DEFAULT '{}',
     results int NOT NULL
   )`,
  `CREATE INDEX lo_search_log_area ON lo_search_log (la_code, searched_at)`,
  `CREATE INDEX lo_search_log_empty ON lo_search_log (la_code, terms) WHERE results = 0`,

  `CREATE TABLE lo_service_view (
     service_id uuid NOT NULL REFERENCES lo_service ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     day date NOT NULL,
     views int NOT NULL DEFAULT 0,
     PRIMARY KEY (service_id, day)
   )`,
  `CREATE INDEX lo_service_view_area ON lo_service_view (la_code, day)`,

  // The statutory information pages the council edits (how to ask for an assessment, SENDIASS, mediation and
  // appeals, complaints, travel, preparing for adulthood), every saved version kept.
  `CREATE TABLE lo_page (
     la_code text NOT NULL REFERENCES local_area,
     slug text NOT NULL,
     title text NOT NULL,
     body text NOT NULL,
     version int NOT NULL DEFAULT 1,
     updated_by uuid REFERENCES app_user,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (la_code, slug)
   )`,
  `CREATE TABLE lo_page_version (
     la_code text NOT NULL REFERENCES local_area,
     slug text NOT NULL,
     version int NOT NULL,
     title text NOT NULL,
     body text NOT NULL,
     saved_by uuid REFERENCES app_user,
     saved_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (la_code, slug, version),
     FOREIGN KEY (la_code, slug) REFERENCES lo_page ON DELETE CASCADE
   )`,

  // Comments on the local offer or a listing, the council's answer, and what is published (CFA 2014 s.30(6),
  // SEND Regs 2014 reg 56): the comment and answer as the moderator approved them, personal details removed.
  `CREATE TABLE lo_feedback (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     reference text NOT NULL UNIQUE,
     service_id uuid REFERENCES lo_service,
     about text NOT NULL DEFAULT 'local-offer',
     body text NOT NULL CHECK (length(body) > 0),
     name text,
     email text,
     received_at timestamptz NOT NULL DEFAULT now(),
     response text,
     action text,
     responded_by uuid REFERENCES app_user,
     responded_at timestamptz,
     public_comment text,
     public_response text,
     moderation text NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending','approved','not-published')),
     moderation_reason text,
     moderated_by uuid REFERENCES app_user,
     moderated_at timestamptz,
     CHECK ((response IS NULL) = (responded_at IS NULL)),
     CHECK (moderation <> 'approved' OR (public_comment IS NOT NULL AND public_response IS NOT NULL))
   )`,
  `CREATE INDEX lo_feedback_area ON lo_feedback (la_code, received_at)`,
  `CREATE INDEX lo_feedback_service ON lo_feedback (service_id) WHERE service_id IS NOT NULL`,
];

export const down: string[] = [
  `DROP TABLE lo_feedback`,
  `DROP TABLE lo_page_version`,
  `DROP TABLE lo_page`,
  `DROP TABLE lo_service_view`,
  `DROP TABLE lo_search_log`,
  `DROP TABLE postcode_centroid`,
  `DROP TABLE lo_lexicon`,
  `DROP TABLE lo_location`,
  `DROP TRIGGER lo_version_keep ON lo_service_version`,
  `DROP FUNCTION lo_version_keep()`,
  `DROP TABLE lo_service_version`,
  `DROP TABLE lo_service`,
  `DROP TABLE lo_organisation`,
];
