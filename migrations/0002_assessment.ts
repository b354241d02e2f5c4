// The statutory EHC needs assessment (issue 3): the case, the advice asked for and given, exceptions, the
// family's contributions, the settings consulted, the notices sent, and online requests waiting for triage.
// Dated milestones are columns, so the timescales engine's input (src/assessment/events.ts) is derived from
// the rows and never kept twice. Every row carries la_code, like all case data (0001).

export const up: string[] = [
  `CREATE TABLE assessment (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     reference text NOT NULL UNIQUE,
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     request_received date NOT NULL,
     request_source smallint NOT NULL CHECK (request_source BETWEEN 1 AND 5),
     requested_by text NOT NULL,
     request_summary text NOT NULL DEFAULT '',
     stage text NOT NULL DEFAULT 'requested'
       CHECK (stage IN ('requested','assessing','not-assessing','draft-issued','no-plan','final-issued','withdrawn')),
     caseworker_id uuid REFERENCES app_user,
     decided_on date,
     decision_reasons text,
     decided_by uuid REFERENCES app_user,
     no_plan_on date,
     draft_issued_on date,
     final_issued_on date,
     named_setting_id uuid REFERENCES organisation,
     withdrawn_on date,
     withdrawn_reason text,
     public_request_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     version int NOT NULL DEFAULT 1,
     CHECK (decided_on IS NULL OR decided_on >= request_received),
     CHECK (draft_issued_on IS NULL OR final_issued_on IS NULL OR final_issued_on >= draft_issued_on)
   )`,
  `CREATE INDEX assessment_child ON assessment (child_id)`,
  `CREATE INDEX assessment_open ON assessment (la_code, caseworker_id) WHERE stage IN ('requested','assessing','draft-issued')`,

  // One request for advice from one adviser (reg 6(1)); due 6 weeks after it was asked for (reg 8(1)).
  `CREATE TABLE advice_request (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessment ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     adviser text NOT NULL,
     discipline text NOT NULL CHECK (discipline IN ('educational-psychology','health','social-care','education','family-requested','preparing-for-adulthood','family','private-report')),
     requested_of_user uuid REFERENCES app_user,
     requested_of_org uuid REFERENCES organisation,
     requested_of_name text NOT NULL,
     requested_on date NOT NULL,
     due_on date NOT NULL,
     received_on date,
     summary text,
     given_by uuid REFERENCES app_user,
     document_id uuid REFERENCES document,
     reminded_at timestamptz,
     escalated_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (assessment_id, adviser)
   )`,
  `CREATE INDEX advice_request_user ON advice_request (requested_of_user) WHERE received_on IS NULL`,
  `CREATE INDEX advice_request_org ON advice_request (requested_of_org) WHERE received_on IS NULL`,

  // Advice as structured items, not one free-text box: what the child needs, the outcomes sought, and the
  // provision recommended. Issue 4 traces each item into the plan.
  `CREATE TABLE advice_item (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     advice_request_id uuid NOT NULL REFERENCES advice_request ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL CHECK (kind IN ('need','outcome','provision')),
     position int NOT NULL,
     text text NOT NULL CHECK (length(text) > 0)
   )`,
  `CREATE INDEX advice_item_request ON advice_item (advice_request_id, kind, position)`,

  // regs 5(4), 8(2), 10(4), 13(3): an exception with its reason and dates, recorded on the case.
  `CREATE TABLE assessment_exception (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessment ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     reason text NOT NULL CHECK (reason IN ('school-closure','early-years-closure','personal-circumstances','absence-from-area','missed-appointment')),
     adviser text,
     from_date date NOT NULL,
     to_date date NOT NULL,
     explanation text NOT NULL,
     recorded_by uuid REFERENCES app_user,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     CHECK (to_date >= from_date),
     CHECK ((reason = 'missed-appointment') = (adviser IS NOT NULL))
   )`,
  `CREATE INDEX assessment_exception_case ON assessment_exception (assessment_id)`,

  // The family's part: views and aspirations (section A), comments on the draft, a meeting, a preferred setting.
  `CREATE TABLE family_contribution (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessment ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL CHECK (kind IN ('views','draft-comments')),
     views text,
     aspirations text,
     comments text,
     wants_meeting boolean,
     preferred_setting text,
     given_by uuid REFERENCES app_user,
     given_by_name text NOT NULL,
     given_on date NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX family_contribution_case ON family_contribution (assessment_id, kind)`,

  // s.39(2): the settings the LA proposes to name are consulted, with a date to answer by.
  `CREATE TABLE setting_consultation (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessment ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     organisation_id uuid NOT NULL REFERENCES organisation,
     sent_on date NOT NULL,
     due_on date NOT NULL,
     response text CHECK (response IN ('can-meet','cannot-meet')),
     response_reasons text,
     responded_on date,
     responded_by uuid REFERENCES app_user,
     UNIQUE (assessment_id, organisation_id)
   )`,

  // Who was told what, and when (reg 4 notices on receipt; decisions; exceptions).
  `CREATE TABLE assessment_notice (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessment ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL,
     recipient text NOT NULL,
     recipient_role text NOT NULL,
     sent_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX assessment_notice_case ON assessment_notice (assessment_id)`,

  // A request made online by a parent or young person without an account, waiting to be matched to a child.
  `CREATE TABLE public_request (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     reference text NOT NULL UNIQUE,
     la_code text NOT NULL REFERENCES local_area,
     received_on date NOT NULL,
     requester_name text NOT NULL,
     requester_relationship text NOT NULL CHECK (requester_relationship IN ('parent','young-person','carer')),
     requester_email text NOT NULL,
     requester_phone text,
     child_given_name text NOT NULL,
     child_family_name text NOT NULL,
     child_date_of_birth date NOT NULL,
     child_postcode text,
     setting_name text,
     reasons text NOT NULL,
     status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','accepted','rejected')),
     assessment_id uuid REFERENCES assessment,
     handled_by uuid REFERENCES app_user,
     handled_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX public_request_new ON public_request (la_code) WHERE status = 'new'`,
];

export const down: string[] = [
  `DROP TABLE public_request`,
  `DROP TABLE assessment_notice`,
  `DROP TABLE setting_consultation`,
  `DROP TABLE family_contribution`,
  `DROP TABLE assessment_exception`,
  `DROP TABLE advice_item`,
  `DROP TABLE advice_request`,
  `DROP TABLE assessment`,
];
