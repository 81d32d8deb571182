import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type OrganisationKind = "region" | "lpo" | "kommun";
export type Role = "admin" | "analyst" | "editor" | "viewer";
export type Side = "polis" | "kommun";

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  parent_id: number | null;
  created_at: Timestamp;
}

export interface AccountTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Generated<string>;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface MembershipTable {
  id: Generated<number>;
  account_id: number;
  organisation_id: number;
  role: Role;
  side: Side | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  account_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Moved forward as the session is used (at most once a minute); the session ends after an idle time. */
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
  /** The account a pair or account key is about (unknown emails have none); never an address. */
  account_id: number | null;
  locked_at: Timestamp | null;
  lock_count: Generated<number>;
}

export type SurveyKind = "medborgarenkat" | "medarbetardialog";
export type SurveyStatus = "draft" | "open" | "closed";
export type Channel = "web" | "phone" | "paper" | "import" | "invitation";

export interface SurveySettings {
  /** The kommun's areas (tätorter, byar) offered by area questions. */
  areas?: { value: string; text: string }[];
  /** Which question names hold the demographics used for breakdowns. */
  demographics?: { area?: string; age_band?: string; gender?: string };
  /** When true, a one-time code is needed to answer (postal samples). */
  requireCode?: boolean;
  /** Minimum group size for showing results; never below 5. */
  minBase?: number;
}

export interface SurveyTable {
  id: Generated<number>;
  slug: string;
  kommun_id: number;
  kind: SurveyKind;
  period: string;
  title: string;
  status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  settings: ColumnType<SurveySettings, string | undefined, string>;
  current_version_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyVersionTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  definition: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  frozen_at: Timestamp | null;
}

export interface ChoiceCodeTable {
  code: Generated<number>;
  survey_id: number;
  question: string;
  value: string;
}

export interface ResponseTable {
  id: string;
  survey_id: number;
  version_id: number;
  channel: Channel;
  locale: string;
  submitted_on: DateOnly;
  data: ColumnType<Record<string, unknown>, string, string>;
  data_hash: string;
  area: string | null;
  age_band: string | null;
  gender: string | null;
  codes: number[];
  /** Transaction id rounded up to 256 (migration 2026_11_23_140000_results_cube); set by the database. */
  fold_bucket: ColumnType<number, never, never>;
}

/** An unused one-time code (a used one is deleted in its answer's transaction: docs/privacy.md). */
export interface AccessCodeTable {
  survey_id: number;
  code_hash: string;
}

/** How many one-time codes a survey was given; used = issued − rows left in access_code. */
export interface AccessCodeTallyTable {
  survey_id: number;
  issued: number;
}

/** A rate-limit counter: a keyed hash of scope, address and minute, and its day (no time: docs/privacy.md). */
export interface RateCounterTable {
  key: string;
  day: DateOnly;
  count: number;
}

export type PromiseStatus = "utkast" | "granskning" | "faststallt" | "publicerat";

export interface PromiseDocumentTable {
  id: Generated<number>;
  kommun_id: number;
  lpo_id: number | null;
  period_label: string;
  period_start: DateOnly;
  period_end: DateOnly;
  title: string;
  lead: ColumnType<string, string | undefined, string>;
  status: ColumnType<PromiseStatus, PromiseStatus | undefined, PromiseStatus>;
  version: ColumnType<number, number | undefined, number>;
  supersedes_id: number | null;
  sections: ColumnType<Record<string, string>, string | undefined, string>;
  follow_up_text: ColumnType<string, string | undefined, string>;
  follow_up_due: DateOnly | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FocusAreaTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  title: string;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  background: ColumnType<string, string | undefined, string>;
  lead: ColumnType<string, string | undefined, string>;
}

export interface PromiseTable {
  id: Generated<number>;
  focus_area_id: number;
  position: number;
  /** JSON: `"polis"`, `"kommun"`, `"bada"` or `{ "partner": string }` (checked by promise_responsible_check). */
  responsible: ColumnType<unknown, string, string>;
  partners: ColumnType<string[], string[] | undefined, string[]>;
  activity_type: string;
  activity_text: ColumnType<string, string | undefined, string>;
  places: ColumnType<string[], string[] | undefined, string[]>;
  target: ColumnType<unknown, string, string>;
  description: ColumnType<string, string | undefined, string>;
  original_text: ColumnType<string, string | undefined, string>;
  /** The promise of the earlier version this one was copied from by a revision (migration 190000). */
  revised_from_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface FollowUpEntryTable {
  id: Generated<number>;
  promise_id: number;
  done_on: DateOnly;
  quantity: number;
  place: ColumnType<string, string | undefined, string>;
  note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  /** Added by 2026_11_23_180000_follow_up; null until the entry is first edited. */
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DB {
  promise_document: PromiseDocumentTable;
  focus_area: FocusAreaTable;
  promise: PromiseTable;
  follow_up_entry: FollowUpEntryTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  choice_code: ChoiceCodeTable;
  response: ResponseTable;
  access_code: AccessCodeTable;
  access_code_tally: AccessCodeTallyTable;
  rate_counter: RateCounterTable;
  organisation: OrganisationTable;
  account: AccountTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Membership = Selectable<MembershipTable>;
export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type { Json };

// Dialogue: staff-survey invitations, meetings and walks (migration 2026_11_23_130000_dialogue).

/** A single-use invitation link; no id, no time, nothing shared with `response` but the survey. */
export interface InvitationTable {
  token_hash: string;
  survey_id: number;
  unit: string;
  used: ColumnType<boolean, boolean | undefined, boolean>;
  revoked: ColumnType<boolean, boolean | undefined, boolean>;
}

export type MeetingKind =
  "medborgardialog" | "bra_mote" | "trygghetsvandring" | "samverkansmote" | "skolbesok" | "annat";
export type FindingStatus = "open" | "fixed" | "wont_fix";

export interface MeetingTable {
  id: Generated<number>;
  kommun_id: number;
  kind: MeetingKind;
  held_on: DateOnly;
  place: ColumnType<string, string | undefined, string>;
  /** Participants by category, counts only. */
  participants: ColumnType<Record<string, number>, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingThemeTable {
  meeting_id: number;
  theme: string;
  raised_by: ColumnType<number, number | undefined, number>;
  votes: number | null;
}

export interface WalkFindingTable {
  id: Generated<number>;
  meeting_id: number;
  place: string;
  problems: ColumnType<string[], string[] | undefined, string[]>;
  description: ColumnType<string, string | undefined, string>;
  proposed_fix: ColumnType<string, string | undefined, string>;
  status: ColumnType<FindingStatus, FindingStatus | undefined, FindingStatus>;
  updated_at: Timestamp;
}

// Declaration merging adds the tables to `DB` without editing its declaration above.
export interface DB {
  invitation: InvitationTable;
  meeting: MeetingTable;
  meeting_theme: MeetingThemeTable;
  walk_finding: WalkFindingTable;
}

// Joint editing of promise documents (migration 2026_11_23_170000_promise_workflow).
export interface PromiseCommentTable {
  id: Generated<number>;
  document_id: number;
  section: string | null;
  promise_id: number | null;
  body: string;
  author_id: number | null;
  created_at: Timestamp;
}

export interface PromiseApprovalTable {
  id: Generated<number>;
  document_id: number;
  side: Side;
  account_id: number | null;
  created_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export type PromiseRevisionKind = "created" | "edit" | "status" | "approval" | "withdrawal" | "revision";

export interface PromiseRevisionTable {
  id: Generated<number>;
  document_id: number;
  kind: PromiseRevisionKind;
  summary: ColumnType<string, string | undefined, string>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  account_id: number | null;
  created_at: Timestamp;
}

export interface FigureLinkTable {
  id: Generated<number>;
  focus_area_id: number;
  position: number;
  source: ColumnType<string, string | undefined, string>;
  label: string;
  href: string;
}

export interface DB {
  promise_comment: PromiseCommentTable;
  promise_approval: PromiseApprovalTable;
  promise_revision: PromiseRevisionTable;
  figure_link: FigureLinkTable;
}

// Follow-up: outcome indicators of a focus area (migration 2026_11_23_180000_follow_up).

export type OutcomeDirection = "decrease" | "increase";

export interface OutcomeIndicatorTable {
  id: Generated<number>;
  focus_area_id: number;
  survey_id: number;
  question: string;
  kind: "problem" | "safety" | "trust";
  filter: ColumnType<string, string | undefined, string>;
  label: string;
  direction: OutcomeDirection;
  target_share: number | null;
  baseline_k: number;
  baseline_base: number;
  baseline_share: number;
  baseline_low: number;
  baseline_high: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DB {
  outcome_indicator: OutcomeIndicatorTable;
}

// Population for weighting (migration 2026_11_23_150000_population).
/** A kommun's (survey_id null) or one survey's population by age band × gender, with its source. */
export interface PopulationSetTable {
  id: Generated<number>;
  kommun_id: number;
  survey_id: number | null;
  source: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface PopulationCellTable {
  set_id: number;
  age_band: string;
  gender: string;
  population: number;
}

export interface DB {
  population_set: PopulationSetTable;
  population_cell: PopulationCellTable;
}

// Free-text coding, quotes and saved ranking weights (migration 2026_11_23_160000_freetext_coding).
export type FreetextCodeStatus = "accepted" | "rejected";
export type FreetextCodeOrigin = "suggested" | "manual";

/** An analyst's decision on one theme for one comment (response, question); the text stays in `response.data`. */
export interface FreetextCodeTable {
  response_id: string;
  question: string;
  theme: string;
  survey_id: number;
  status: FreetextCodeStatus;
  origin: FreetextCodeOrigin;
  decided_at: Timestamp;
}

/** A comment pinned as a quote. */
export interface FreetextQuoteTable {
  response_id: string;
  question: string;
  survey_id: number;
  pinned_at: Timestamp;
}

/** A kommun's saved weights of the theme ranking. */
export interface RankingWeightsTable {
  kommun_id: number;
  weights: ColumnType<Record<string, number>, string, string>;
  updated_at: Timestamp;
}

export interface DB {
  freetext_code: FreetextCodeTable;
  freetext_quote: FreetextQuoteTable;
  ranking_weights: RankingWeightsTable;
}

// The results cube (migration 2026_11_23_140000_results_cube, ADR 003).

export interface ResponseCubeStateTable {
  survey_id: number;
  watermark: ColumnType<number, number | undefined, number>;
  holder_questions: ColumnType<string[], string[] | undefined, string[]>;
  folded_at: Timestamp | null;
}

export interface ResponseCubeTable {
  survey_id: number;
  day: DateOnly | null;
  area: string | null;
  age_band: string | null;
  gender: string | null;
  channel: Channel;
  respondents: number;
  codes: number[];
  counts: number[];
  holders: number[];
}

export interface DB {
  response_cube_state: ResponseCubeStateTable;
  response_cube: ResponseCubeTable;
}
