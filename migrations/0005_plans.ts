// The EHC plan (issue 4): a plan per child and assessment, its versions (draft, final, amendments) holding the
// structured content of src/plans/model.ts as JSON, the trace of every advice recommendation into the plan, the
// health and social care sign-offs, comments on the draft, and who has opened each version. A version is
// immutable once issued: triggers refuse changes to it and to its traces and sign-offs.

export const up: string[] = [
  `CREATE TABLE plan (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     reference text NOT NULL UNIQUE,
     child_id uuid NOT NULL REFERENCES child ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     assessment_id uuid REFERENCES assessment,
     status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','ceased')),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX plan_assessment ON plan (assessment_id) WHERE assessment_id IS NOT NULL`,
  `CREATE INDEX plan_child ON plan (child_id)`,

  `CREATE TABLE plan_version (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     plan_id uuid NOT NULL REFERENCES plan ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     number int NOT NULL,
     kind text NOT NULL CHECK (kind IN ('draft','final','amendment')),
     state text NOT NULL DEFAULT 'editing' CHECK (state IN ('editing','issued')),
     content jsonb NOT NULL,
     issued_on date,
     issued_by uuid REFERENCES app_user,
     created_by uuid REFERENCES app_user,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     edit_version int NOT NULL DEFAULT 1,
     UNIQUE (plan_id, number),
     CHECK ((state = 'issued') = (issued_on IS NOT NULL))
   )`,
  `CREATE UNIQUE INDEX plan_version_one_editing ON plan_version (plan_id) WHERE state = 'editing'`,

  // Each recommendation in the advice is placed in the plan (with the item it became) or left out with a reason.
  `CREATE TABLE advice_trace (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     plan_version_id uuid NOT NULL REFERENCES plan_version ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     advice_item_id uuid NOT NULL REFERENCES advice_item,
     decision text NOT NULL CHECK (decision IN ('included','not-included')),
     section text,
     item_id text,
     reason text,
     decided_by uuid REFERENCES app_user,
     decided_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_version_id, advice_item_id),
     CHECK (decision = 'not-included' OR (section IS NOT NULL AND item_id IS NOT NULL)),
     CHECK (decision = 'included' OR length(coalesce(reason, '')) > 0)
   )`,

  // reg 12(2): the ICB agrees the health provision (C, G); a social care manager agrees D and H.
  `CREATE TABLE plan_signoff (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     plan_version_id uuid NOT NULL REFERENCES plan_version ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     area text NOT NULL CHECK (area IN ('health','social-care')),
     user_id uuid NOT NULL REFERENCES app_user,
     signed_by text NOT NULL,
     role text NOT NULL,
     comment text,
     signed_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_version_id, area)
   )`,

  `CREATE TABLE plan_comment (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     plan_version_id uuid NOT NULL REFERENCES plan_version ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     user_id uuid REFERENCES app_user,
     author text NOT NULL,
     author_role text NOT NULL,
     text text NOT NULL CHECK (length(text) > 0),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX plan_comment_version ON plan_comment (plan_version_id)`,

  `CREATE TABLE plan_reader (
     plan_version_id uuid NOT NULL REFERENCES plan_version ON DELETE CASCADE,
     user_id uuid NOT NULL REFERENCES app_user,
     la_code text NOT NULL REFERENCES local_area,
     first_opened_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (plan_version_id, user_id)
   )`,

  `CREATE FUNCTION plan_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF OLD.state = 'issued' THEN RAISE EXCEPTION 'An issued plan version cannot be changed'; END IF;
     IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER plan_version_no_change BEFORE UPDATE OR DELETE ON plan_version FOR EACH ROW EXECUTE FUNCTION plan_version_immutable()`,
  `CREATE FUNCTION plan_part_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE v_state text;
   BEGIN
     SELECT state INTO v_state FROM plan_version WHERE id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.plan_version_id ELSE OLD.plan_version_id END);
     IF v_state = 'issued' THEN RAISE EXCEPTION 'An issued plan version cannot be changed'; END IF;
     IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER advice_trace_frozen BEFORE INSERT OR UPDATE OR DELETE ON advice_trace FOR EACH ROW EXECUTE FUNCTION plan_part_immutable()`,
  `CREATE TRIGGER plan_signoff_frozen BEFORE INSERT OR UPDATE OR DELETE ON plan_signoff FOR EACH ROW EXECUTE FUNCTION plan_part_immutable()`,
];

export const down: string[] = [
  `DROP TABLE plan_reader`,
  `DROP TABLE plan_comment`,
  `DROP TABLE plan_signoff`,
  `DROP TABLE advice_trace`,
  `DROP TABLE plan_version`,
  `DROP FUNCTION plan_part_immutable`,
  `DROP FUNCTION plan_version_immutable`,
  `DROP TABLE plan`,
];
