/** Tables of surveys: surveys, their versions, answers, one-time codes and rate counters. */
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DateOnly, Timestamp } from "./columns";

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
  /** Random record key 0..255 for cell-key perturbation (docs/decisions/014-cell-key-perturbation.md); set by the database. */
  cell_key: ColumnType<number, never, never>;
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

/** The surveys tables of `DB` (db/schema.ts). */
export interface SurveysTables {
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  choice_code: ChoiceCodeTable;
  response: ResponseTable;
  access_code: AccessCodeTable;
  access_code_tally: AccessCodeTallyTable;
  rate_counter: RateCounterTable;
}

export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
