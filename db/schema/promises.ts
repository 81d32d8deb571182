/**
 * Promises: documents, focus areas, promises and follow-up entries; joint editing (migration
 * 2026_11_23_170000_promise_workflow) and outcome indicators of a focus area (migration 2026_11_23_180000_follow_up).
 */
import type { ColumnType, Generated } from "kysely";
import type { DateOnly, Timestamp } from "./columns";
import type { Side } from "./accounts";

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
  /** The zone of the kommun the promise is carried out in (migration 2026_12_09_150000_place_links). */
  zone_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** Added by 2026_12_09_130000_public_updates: shown to residents, with `public_note` as its text. */
  public: ColumnType<boolean, boolean | undefined, boolean>;
  public_note: ColumnType<string, string | undefined, string>;
}

/** E-mail subscriptions to a kommun's updates (migration 2026_12_09_140000_subscriptions). */
export interface SubscriptionTable {
  id: Generated<number>;
  kommun_id: number;
  document_id: number | null;
  email: string;
  token: string;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
}

/** Mails waiting to be sent; deleted once sent (migration 2026_12_09_140000_subscriptions). */
export interface MailOutboxTable {
  id: Generated<number>;
  subscription_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  unsubscribe_url: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: Timestamp;
}

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

/** The promises tables of `DB` (db/schema.ts). */
export interface PromisesTables {
  promise_document: PromiseDocumentTable;
  focus_area: FocusAreaTable;
  promise: PromiseTable;
  follow_up_entry: FollowUpEntryTable;
  subscription: SubscriptionTable;
  mail_outbox: MailOutboxTable;
  promise_comment: PromiseCommentTable;
  promise_approval: PromiseApprovalTable;
  promise_revision: PromiseRevisionTable;
  figure_link: FigureLinkTable;
  outcome_indicator: OutcomeIndicatorTable;
}
