/**
 * Results: population for weighting (migration 2026_11_23_150000_population), free-text coding, quotes and saved
 * ranking weights (migration 2026_11_23_160000_freetext_coding) and the results cube (migration
 * 2026_11_23_140000_results_cube, ADR 003).
 */
import type { ColumnType, Generated } from "kysely";
import type { DateOnly, Timestamp } from "./columns";
import type { Channel } from "./surveys";

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
  /** Weights (2^32 + record key per response, docs/decisions/014-cell-key-perturbation.md): n·2^32 + key sum. */
  respondents: number;
  codes: number[];
  counts: number[];
  holders: number[];
}

/** The results tables of `DB` (db/schema.ts). */
/** What of a citizen survey's results is shown to the public (migration 2026_12_08_140000_published_results). */
export interface ResultPublicationTable {
  survey_id: number;
  /** Question names, in the order shown; written as JSON text. */
  questions: ColumnType<string[], string | undefined, string>;
  intro: ColumnType<string, string | undefined, string>;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  published_by: number | null;
  published_at: Timestamp | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface ResultsTables {
  result_publication: ResultPublicationTable;
  population_set: PopulationSetTable;
  population_cell: PopulationCellTable;
  freetext_code: FreetextCodeTable;
  freetext_quote: FreetextQuoteTable;
  ranking_weights: RankingWeightsTable;
  response_cube_state: ResponseCubeStateTable;
  response_cube: ResponseCubeTable;
}
