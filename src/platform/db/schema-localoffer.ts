// Kysely's view of the local offer's tables (migrations/0007_localoffer.ts and later). Kept apart from schema.ts
// so the directory's tables read as one group; `Database` in schema.ts extends `LocalOfferTables`.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** SQL `date`, kept as an ISO string (YYYY-MM-DD) by the type parser in connect.ts. */
type PlainDate = string;
type Json<T> = ColumnType<T, string, string>;

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';
export type VersionState = 'pending' | 'published' | 'superseded' | 'rejected' | 'withdrawn';
export type ModerationState = 'pending' | 'approved' | 'not-published';

export interface LoOrganisationTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  description: Generated<string>;
  website: string | null;
  email: string | null;
  phone: string | null;
  owner_organisation_id: string | null;
  source: Generated<string>;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LoServiceTable {
  id: Generated<string>;
  la_code: string;
  organisation_id: string;
  status: Generated<ServiceStatus>;
  published_version: number | null;
  review_by: PlainDate;
  last_reviewed_on: PlainDate | null;
  source: Generated<string>;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // The search index, written by store.ts indexService from the published version.
  name: Generated<string>;
  search_doc: ColumnType<string | null, never, never>;
  search_words: Generated<string>;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  min_age: number | null;
  max_age: number | null;
  free: boolean | null;
  in_area: Generated<boolean>;
  listed: ColumnType<boolean, never, never>;
  // 0010: the review-by date each reminder was sent for (src/localoffer/reminders.ts).
  reminded_for: PlainDate | null;
  overdue_told_for: PlainDate | null;
}

export type CheckKind = 'confirmed' | 'extended' | 'temporarily-closed' | 'removed' | 'reopened';

/** 0010: a provider confirming a listing, or the council deciding on one past its grace period. */
export interface LoServiceCheckTable {
  id: Generated<number>;
  service_id: string;
  la_code: string;
  kind: CheckKind;
  checked_on: PlainDate;
  review_by: PlainDate;
  note: Generated<string>;
  checked_by: string | null;
  created_at: CreatedAt;
}

export interface LoServiceVersionTable {
  service_id: string;
  la_code: string;
  number: number;
  content: Json<unknown>;
  state: VersionState;
  note: Generated<string>;
  submitted_by: string | null;
  submitted_at: CreatedAt;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface LoLocationTable {
  service_id: string;
  la_code: string;
  position: number;
  name: Generated<string>;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface LoLexiconTable {
  la_code: string;
  word: string;
}

export interface PostcodeCentroidTable {
  postcode: string;
  latitude: number;
  longitude: number;
  gss_la: string | null;
}

export interface LoSearchLogTable {
  id: Generated<string>;
  la_code: string;
  searched_at: CreatedAt;
  terms: string;
  filters: Json<Record<string, unknown>>;
  results: number;
}

export interface LoServiceViewTable {
  service_id: string;
  la_code: string;
  day: PlainDate;
  views: Generated<number>;
}

export interface LoPageTable {
  la_code: string;
  slug: string;
  title: string;
  body: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface LoPageVersionTable {
  la_code: string;
  slug: string;
  version: number;
  title: string;
  body: string;
  saved_by: string | null;
  saved_at: CreatedAt;
}

export interface LoFeedbackTable {
  id: Generated<string>;
  la_code: string;
  reference: string;
  service_id: string | null;
  about: Generated<string>;
  body: string;
  name: string | null;
  email: string | null;
  received_at: CreatedAt;
  response: string | null;
  action: string | null;
  responded_by: string | null;
  responded_at: Timestamp | null;
  public_comment: string | null;
  public_response: string | null;
  moderation: Generated<ModerationState>;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: Timestamp | null;
}

export interface LoFeedTable {
  la_code: string;
  source: string;
  label: string;
  url: string | null;
  neighbour: Generated<boolean>;
  created_at: CreatedAt;
  last_run_at: Timestamp | null;
}

export interface LoImportRunTable {
  id: Generated<string>;
  la_code: string;
  source: string;
  started_by: string | null;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  outcome: 'done' | 'failed';
  message: string | null;
  counts: Json<Record<string, number>>;
  report: Json<unknown[]>;
}

export interface LoGenerationTable {
  one: Generated<boolean>;
  n: ColumnType<string, never, never>;
}

export interface LocalOfferTables {
  lo_generation: LoGenerationTable;
  lo_organisation: LoOrganisationTable;
  lo_service: LoServiceTable;
  lo_service_version: LoServiceVersionTable;
  lo_location: LoLocationTable;
  lo_lexicon: LoLexiconTable;
  postcode_centroid: PostcodeCentroidTable;
  lo_search_log: LoSearchLogTable;
  lo_service_view: LoServiceViewTable;
  lo_page: LoPageTable;
  lo_page_version: LoPageVersionTable;
  lo_feedback: LoFeedbackTable;
  lo_feed: LoFeedTable;
  lo_import_run: LoImportRunTable;
  lo_service_check: LoServiceCheckTable;
}
