// Kysely's view of the tables in migrations/. Keep in step with the migrations: tsc checks every query.
import type { ColumnType, Generated } from 'kysely';
import type { LocalOfferTables } from './schema-localoffer.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** SQL `date`, kept as an ISO string (YYYY-MM-DD) by the type parser in connect.ts. */
type PlainDate = string;

/** `provider`: a voluntary, community or private provider of services, whose staff edit its local offer listings. */
export type OrganisationKind = 'send-team' | 'health-provider' | 'icb' | 'social-care' | 'school' | 'setting' | 'provider';
export type UserKind = 'staff' | 'family' | 'service';

export interface LocalAreaTable {
  la_code: string;
  name: string;
}

export interface OrganisationTable {
  id: Generated<string>;
  la_code: string;
  kind: OrganisationKind;
  name: string;
  urn: string | null;
  ukprn: string | null;
  created_at: CreatedAt;
}

export interface AppUserTable {
  id: Generated<string>;
  kind: UserKind;
  email: string;
  name: string;
  password_hash: string | null;
  organisation_id: string | null;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  oidc_subject: string | null;
  disabled_at: Timestamp | null;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface WebSessionTable {
  sid: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
}

export interface ChildTable {
  id: Generated<string>;
  la_code: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: PlainDate;
  nhs_number: string | null;
  upn: string | null;
  sex: Generated<string>;
  ethnicity: string | null;
  first_language: string | null;
  looked_after: Generated<boolean>;
  child_protection: Generated<boolean>;
  full_name: ColumnType<string, never, never>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FamilyMemberTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  user_id: string | null;
  name: string;
  relationship: string;
  parental_responsibility: Generated<boolean>;
  access_granted_by_parent: Generated<boolean>;
  access_granted_by_young_person: Generated<boolean>;
  email: string | null;
  phone: string | null;
  address: string | null;
  created_at: CreatedAt;
  ended_on: PlainDate | null;
}

export interface TeamMemberTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  organisation_id: string;
  user_id: string | null;
  role: string;
  started_on: PlainDate;
  ended_on: PlainDate | null;
  created_at: CreatedAt;
}

export interface ConsentTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  given_by_family_member_id: string | null;
  given_by_name: string;
  given_by_role: 'parent' | 'young-person';
  agencies: string[];
  given_on: PlainDate;
  method: string;
  notes: string | null;
  withdrawn_on: PlainDate | null;
  withdrawn_reason: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface AccessOverrideTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  user_id: string;
  reason: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface AboutMeTable {
  child_id: string;
  la_code: string;
  what_matters: Generated<string>;
  like_and_admire: Generated<string>;
  how_to_support: Generated<string>;
  history: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DocumentTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  title: string;
  doc_type: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}

export interface TimelineEventTable {
  id: Generated<string>;
  child_id: string;
  la_code: string;
  occurred_on: PlainDate;
  recorded_at: CreatedAt;
  kind: string;
  title: string;
  detail: string | null;
  actor_id: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  child_id: string | null;
  la_code: string | null;
  via: string | null;
  detail: ColumnType<unknown, string | null, never> | null;
  ip: string | null;
  user_agent: string | null;
}

// 0002_assessment
export interface AssessmentTable {
  id: Generated<string>;
  reference: string;
  child_id: string;
  la_code: string;
  request_received: string;
  request_source: number;
  requested_by: string;
  request_summary: Generated<string>;
  stage: Generated<string>;
  caseworker_id: string | null;
  decided_on: string | null;
  decision_reasons: string | null;
  decided_by: string | null;
  no_plan_on: string | null;
  draft_issued_on: string | null;
  final_issued_on: string | null;
  named_setting_id: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  public_request_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AdviceRequestTable {
  id: Generated<string>;
  assessment_id: string;
  la_code: string;
  adviser: string;
  discipline: string;
  requested_of_user: string | null;
  requested_of_org: string | null;
  requested_of_name: string;
  requested_on: string;
  due_on: string;
  received_on: string | null;
  summary: string | null;
  given_by: string | null;
  document_id: string | null;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AdviceItemTable {
  id: Generated<string>;
  advice_request_id: string;
  la_code: string;
  kind: 'need' | 'outcome' | 'provision';
  position: number;
  text: string;
}

export interface AssessmentExceptionTable {
  id: Generated<string>;
  assessment_id: string;
  la_code: string;
  reason: string;
  adviser: string | null;
  from_date: string;
  to_date: string;
  explanation: string;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface FamilyContributionTable {
  id: Generated<string>;
  assessment_id: string;
  la_code: string;
  kind: 'views' | 'draft-comments';
  views: string | null;
  aspirations: string | null;
  comments: string | null;
  wants_meeting: boolean | null;
  preferred_setting: string | null;
  given_by: string | null;
  given_by_name: string;
  given_on: string;
  created_at: CreatedAt;
}

export interface SettingConsultationTable {
  id: Generated<string>;
  assessment_id: string;
  la_code: string;
  organisation_id: string;
  sent_on: string;
  due_on: string;
  response: 'can-meet' | 'cannot-meet' | null;
  response_reasons: string | null;
  responded_on: string | null;
  responded_by: string | null;
}

export interface AssessmentNoticeTable {
  id: Generated<string>;
  assessment_id: string;
  la_code: string;
  kind: string;
  recipient: string;
  recipient_role: string;
  sent_at: CreatedAt;
}

export interface PublicRequestTable {
  id: Generated<string>;
  reference: string;
  la_code: string;
  received_on: string;
  requester_name: string;
  requester_relationship: 'parent' | 'young-person' | 'carer';
  requester_email: string;
  requester_phone: string | null;
  child_given_name: string;
  child_family_name: string;
  child_date_of_birth: string;
  child_postcode: string | null;
  setting_name: string | null;
  reasons: string;
  status: Generated<'new' | 'accepted' | 'rejected'>;
  assessment_id: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  created_at: CreatedAt;
}

// 0004_notifications
export interface InboxMessageTable {
  id: Generated<string>;
  user_id: string;
  la_code: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  child_id: string | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export type MailStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface MailOutboxTable {
  id: Generated<string>;
  message_id: string;
  la_code: string;
  to_address: string;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
}

// 0005_plans
export interface PlanTable {
  id: Generated<string>;
  reference: string;
  child_id: string;
  la_code: string;
  assessment_id: string | null;
  status: Generated<string>;
  created_at: CreatedAt;
}

export interface PlanVersionTable {
  id: Generated<string>;
  plan_id: string;
  la_code: string;
  number: number;
  kind: 'draft' | 'final' | 'amendment';
  state: Generated<'editing' | 'issued'>;
  content: ColumnType<unknown, string, string>;
  issued_on: string | null;
  issued_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  edit_version: Generated<number>;
}

export interface AdviceTraceTable {
  id: Generated<string>;
  plan_version_id: string;
  la_code: string;
  advice_item_id: string;
  decision: 'included' | 'not-included';
  section: string | null;
  item_id: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface PlanSignoffTable {
  id: Generated<string>;
  plan_version_id: string;
  la_code: string;
  area: 'health' | 'social-care';
  user_id: string;
  signed_by: string;
  role: string;
  comment: string | null;
  signed_at: CreatedAt;
}

export interface PlanCommentTable {
  id: Generated<string>;
  plan_version_id: string;
  la_code: string;
  user_id: string | null;
  author: string;
  author_role: string;
  text: string;
  created_at: CreatedAt;
}

export interface PlanReaderTable {
  plan_version_id: string;
  user_id: string;
  la_code: string;
  first_opened_at: CreatedAt;
}

export interface Database extends LocalOfferTables {
  local_area: LocalAreaTable;
  organisation: OrganisationTable;
  app_user: AppUserTable;
  api_token: ApiTokenTable;
  web_session: WebSessionTable;
  child: ChildTable;
  family_member: FamilyMemberTable;
  team_member: TeamMemberTable;
  consent: ConsentTable;
  access_override: AccessOverrideTable;
  about_me: AboutMeTable;
  document: DocumentTable;
  timeline_event: TimelineEventTable;
  audit_event: AuditEventTable;
  assessment: AssessmentTable;
  advice_request: AdviceRequestTable;
  advice_item: AdviceItemTable;
  assessment_exception: AssessmentExceptionTable;
  family_contribution: FamilyContributionTable;
  setting_consultation: SettingConsultationTable;
  assessment_notice: AssessmentNoticeTable;
  public_request: PublicRequestTable;
  plan: PlanTable;
  plan_version: PlanVersionTable;
  advice_trace: AdviceTraceTable;
  plan_signoff: PlanSignoffTable;
  plan_comment: PlanCommentTable;
  plan_reader: PlanReaderTable;
  inbox_message: InboxMessageTable;
  mail_outbox: MailOutboxTable;
}
