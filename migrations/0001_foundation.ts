// Foundation schema: areas, organisations, people, sign-in, the child's shared record, consent and audit.
// Every row of case data carries la_code (the DfE LA number of the child's home area) so that one
// install can host several areas, and so the same key can shard data later (ARCHITECTURE.md).
// SQL stays within PostgreSQL 15 (CI runs it on 15 and on PGlite's 18); generated columns are STORED.
import { endOfCompulsorySchoolAgeSql } from '../src/children/young-person.ts';

export const up: string[] = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS pgcrypto`,
  endOfCompulsorySchoolAgeSql,

  `CREATE TABLE local_area (
     la_code text PRIMARY KEY CHECK (la_code ~ '^[0-9]{3}$'),
     name text NOT NULL
   )`,

  `CREATE TABLE organisation (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL CHECK (kind IN ('send-team','health-provider','icb','social-care','school','setting')),
     name text NOT NULL,
     urn text CHECK (urn IS NULL OR urn ~ '^[0-9]{6,7}$'),
     ukprn text CHECK (ukprn IS NULL OR ukprn ~ '^1[0-9]{7}$'),
     created_at timestamptz NOT NULL DEFAULT now(),
     CHECK (kind NOT IN ('school') OR urn IS NOT NULL)
   )`,
  `CREATE INDEX organisation_area ON organisation (la_code, kind)`,

  `CREATE TABLE app_user (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     kind text NOT NULL CHECK (kind IN ('staff','family','service')),
     email text NOT NULL,
     name text NOT NULL,
     password_hash text,
     organisation_id uuid REFERENCES organisation,
     roles text[] NOT NULL DEFAULT '{}',
     oidc_subject text UNIQUE,
     disabled_at timestamptz,
     failed_sign_ins int NOT NULL DEFAULT 0,
     locked_until timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     CHECK (kind <> 'staff' OR organisation_id IS NOT NULL),
     CHECK (kind = 'staff' OR cardinality(roles) = 0 OR kind = 'service')
   )`,
  `CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`,

  `CREATE TABLE api_token (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     user_id uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now(),
     last_used_at timestamptz,
     revoked_at timestamptz
   )`,

  `CREATE TABLE web_session (
     sid text PRIMARY KEY,
     data jsonb NOT NULL,
     expires_at timestamptz NOT NULL
   )`,
  `CREATE INDEX web_session_expiry ON web_session (expires_at)`,

  `CREATE TABLE child (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     given_name text NOT NULL,
     family_name text NOT NULL,
     preferred_name text,
     date_of_birth date NOT NULL,
     nhs_number text UNIQUE CHECK (nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'),
     upn text UNIQUE CHECK (upn IS NULL OR upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
     sex text NOT NULL DEFAULT 'U',
     ethnicity text,
     first_language text,
     looked_after boolean NOT NULL DEFAULT false,
     child_protection boolean NOT NULL DEFAULT false,
     full_name text GENERATED ALWAYS AS (lower(given_name || ' ' || family_name)) STORED,
     version int NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX child_area ON child (la_code, family_name, given_name)`,
  `CREATE INDEX child_dob ON child (date_of_birth)`,
  `CREATE INDEX child_name_trgm ON child USING gin (full_name gin_trgm_ops)`,

  `CREATE TABLE family_member (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     user_id uuid REFERENCES app_user,
     name text NOT NULL,
     relationship text NOT NULL CHECK (relationship IN ('self','mother','father','parent','step-parent','grandparent','foster-carer','special-guardian','carer','sibling','other')),
     parental_responsibility boolean NOT NULL DEFAULT false,
     -- a carer without parental responsibility sees the record only when a parent grants it;
     -- after compulsory school age only the young person can grant it (CFA 2014 s.80, CoP 8.13)
     access_granted_by_parent boolean NOT NULL DEFAULT false,
     access_granted_by_young_person boolean NOT NULL DEFAULT false,
     email text,
     phone text,
     address text,
     created_at timestamptz NOT NULL DEFAULT now(),
     ended_on date
   )`,
  `CREATE INDEX family_member_child ON family_member (child_id)`,
  `CREATE INDEX family_member_user ON family_member (user_id) WHERE user_id IS NOT NULL`,

  `CREATE TABLE team_member (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     organisation_id uuid NOT NULL REFERENCES organisation,
     user_id uuid REFERENCES app_user,
     role text NOT NULL,
     started_on date NOT NULL,
     ended_on date,
     created_at timestamptz NOT NULL DEFAULT now(),
     CHECK (ended_on IS NULL OR ended_on >= started_on)
   )`,
  `CREATE INDEX team_member_child ON team_member (child_id)`,
  `CREATE INDEX team_member_user ON team_member (user_id) WHERE user_id IS NOT NULL`,
  `CREATE INDEX team_member_org ON team_member (organisation_id)`,

  `CREATE TABLE consent (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     given_by_family_member_id uuid REFERENCES family_member,
     given_by_name text NOT NULL,
     given_by_role text NOT NULL CHECK (given_by_role IN ('parent','young-person')),
     agencies text[] NOT NULL CHECK (cardinality(agencies) > 0 AND agencies <@ ARRAY['education','health','social-care']),
     given_on date NOT NULL,
     method text NOT NULL CHECK (method IN ('written','online','verbal','email')),
     notes text,
     withdrawn_on date,
     withdrawn_reason text,
     recorded_by uuid REFERENCES app_user,
     created_at timestamptz NOT NULL DEFAULT now(),
     CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
   )`,
  `CREATE INDEX consent_child ON consent (child_id)`,

  `CREATE TABLE access_override (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     user_id uuid NOT NULL REFERENCES app_user,
     reason text NOT NULL CHECK (length(trim(reason)) >= 10),
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL
   )`,
  `CREATE INDEX access_override_user ON access_override (user_id, child_id, expires_at)`,

  `CREATE TABLE about_me (
     child_id uuid PRIMARY KEY REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     what_matters text NOT NULL DEFAULT '',
     like_and_admire text NOT NULL DEFAULT '',
     how_to_support text NOT NULL DEFAULT '',
     history text NOT NULL DEFAULT '',
     updated_by uuid REFERENCES app_user,
     updated_at timestamptz NOT NULL DEFAULT now(),
     version int NOT NULL DEFAULT 1
   )`,

  `CREATE TABLE document (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     title text NOT NULL,
     doc_type text NOT NULL,
     filename text NOT NULL,
     content_type text NOT NULL,
     size_bytes int NOT NULL,
     sha256 text NOT NULL,
     content bytea NOT NULL,
     uploaded_by uuid REFERENCES app_user,
     uploaded_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX document_child ON document (child_id)`,

  `CREATE TABLE timeline_event (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     occurred_on date NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     kind text NOT NULL,
     title text NOT NULL,
     detail text,
     actor_id uuid REFERENCES app_user
   )`,
  `CREATE INDEX timeline_child ON timeline_event (child_id, occurred_on DESC, recorded_at DESC)`,

  // Append-only: the trigger below refuses UPDATE and DELETE, so history cannot be rewritten.
  `CREATE TABLE audit_event (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT clock_timestamp(),
     actor_id uuid,
     actor_label text NOT NULL,
     action text NOT NULL,
     entity text NOT NULL,
     entity_id text,
     child_id uuid,
     la_code text,
     via text,
     detail jsonb,
     ip text,
     user_agent text
   )`,
  `CREATE INDEX audit_child ON audit_event (child_id, at DESC) WHERE child_id IS NOT NULL`,
  `CREATE INDEX audit_actor ON audit_event (actor_id, at DESC)`,
  `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`,
  `CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
     FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
     FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
];

export const down: string[] = [
  `DROP TABLE IF EXISTS audit_event, timeline_event, document, about_me, access_override, consent, team_member, family_member, child, web_session, api_token, app_user, organisation, local_area CASCADE`,
  `DROP FUNCTION IF EXISTS audit_event_append_only()`,
  `DROP FUNCTION IF EXISTS end_of_compulsory_school_age(date)`,
];
