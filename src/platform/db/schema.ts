// Kysely's view of the tables in migrations/. Keep in step with the migrations: tsc checks every query.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** SQL `date`, kept as an ISO string (YYYY-MM-DD) by the type parser in connect.ts. */
type PlainDate = string;

export type OrganisationKind = 'send-team' | 'health-provider' | 'icb' | 'social-care' | 'school' | 'setting';
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

export interface Database {
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
}
