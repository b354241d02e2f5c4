// The local offer's workflow (issue 5 §2-4): provider accounts, checks of a listing, reminders before its
// review-by date, and the council's decisions on listings past their grace period.
//
// A provider of services (a voluntary, community or private organisation) is a new kind of organisation. Its staff
// have the `listing-editor` role and edit the listings of the directory organisations it owns
// (lo_organisation.owner_organisation_id); schools, settings, health providers and social care may own listings in
// the same way. The access policy (src/platform/access/policy.ts) gives providers, and anyone whose only roles are
// the local offer's, no child's record.

export const up: string[] = [
  `ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`,
  `ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('send-team','health-provider','icb','social-care','school','setting','provider'))`,

  // Reminders are stamped with the review-by date they were sent for, so each is sent once per date, and a new
  // review-by date (after a check) starts afresh (src/localoffer/reminders.ts).
  `ALTER TABLE lo_service ADD COLUMN reminded_for date`,
  `ALTER TABLE lo_service ADD COLUMN overdue_told_for date`,

  // What happened to a listing's freshness, beyond publishing a version (which lo_service_version records): the
  // provider confirming it is still correct, and the council's decisions on a listing past its grace period.
  `CREATE TABLE lo_service_check (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     service_id uuid NOT NULL REFERENCES lo_service ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL CHECK (kind IN ('confirmed','extended','temporarily-closed','removed','reopened')),
     checked_on date NOT NULL,
     review_by date NOT NULL,
     note text NOT NULL DEFAULT '',
     checked_by uuid REFERENCES app_user,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX lo_service_check_service ON lo_service_check (service_id, id)`,

  `CREATE INDEX lo_feedback_moderation ON lo_feedback (la_code, moderation, responded_at)`,
];

export const down: string[] = [
  `DROP INDEX lo_feedback_moderation`,
  `DROP TABLE lo_service_check`,
  `ALTER TABLE lo_service DROP COLUMN overdue_told_for`,
  `ALTER TABLE lo_service DROP COLUMN reminded_for`,
  `ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`,
  `ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('send-team','health-provider','icb','social-care','school','setting'))`,
];
