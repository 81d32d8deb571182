/**
 * Plans: the law's lägesbild (situation picture) and åtgärdsplan (action plan), their prioritised problems,
 * measures and links, the revision interval per kommun, Brå's process checklist and comments
 * (migration 2026_12_08_110000_lagesbild_atgardsplan).
 */
import type { ColumnType, Generated } from "kysely";
import type { DateOnly, Timestamp } from "./columns";

export type PlanDocumentStatus = "utkast" | "beslutad";
export type SourceState = "used" | "not_used" | "unavailable";
export type MeasureOwnerKind = "forvaltning" | "bolag" | "polis" | "forening" | "annat";
export type MeasureStatus = "planerad" | "pagar" | "genomford" | "avbruten";

export interface SituationPictureTable {
  id: Generated<number>;
  kommun_id: number;
  period_label: string;
  period_start: DateOnly;
  period_end: DateOnly;
  title: string;
  status: ColumnType<PlanDocumentStatus, PlanDocumentStatus | undefined, PlanDocumentStatus>;
  version: ColumnType<number, number | undefined, number>;
  supersedes_id: number | null;
  sections: ColumnType<Record<string, string>, string | undefined, string>;
  sources: ColumnType<{ key: string; state: SourceState; note: string }[], string | undefined, string>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  decided_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SituationFigureTable {
  id: Generated<number>;
  picture_id: number;
  section: string;
  position: number;
  source: string;
  theme: string | null;
  label: string;
  href: string;
}

export interface PriorityProblemTable {
  id: Generated<number>;
  picture_id: number;
  rank: number;
  theme: string | null;
  problem: string;
  causes: ColumnType<string, string | undefined, string>;
  affected: ColumnType<string, string | undefined, string>;
  where_when: ColumnType<string, string | undefined, string>;
  already_done: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanSettingTable {
  kommun_id: number;
  revision_months: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface ActionPlanTable {
  id: Generated<number>;
  kommun_id: number;
  picture_id: number;
  title: string;
  period_label: string;
  status: ColumnType<PlanDocumentStatus, PlanDocumentStatus | undefined, PlanDocumentStatus>;
  version: ColumnType<number, number | undefined, number>;
  supersedes_id: number | null;
  summary: ColumnType<string, string | undefined, string>;
  decision_body: string | null;
  decided_on: DateOnly | null;
  diarienummer: string | null;
  protocol_paragraph: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanMeasureTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  owner_kind: MeasureOwnerKind;
  owner_name: string;
  resources: ColumnType<string, string | undefined, string>;
  starts_on: DateOnly | null;
  ends_on: DateOnly | null;
  output_text: ColumnType<string, string | undefined, string>;
  /** The promises' Target shape (app/features/promises/domain/target.ts). */
  output_target: ColumnType<unknown, string | undefined, string>;
  status: ColumnType<MeasureStatus, MeasureStatus | undefined, MeasureStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The zone of the kommun the measure is carried out in (migration 2026_12_09_150000_place_links). */
  zone_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MeasureProblemTable {
  measure_id: number;
  problem_id: number;
}

export interface MeasurePromiseTable {
  measure_id: number;
  promise_id: number;
}

export interface MeasureOutcomeTable {
  measure_id: number;
  indicator_id: number;
}

export interface ProcessStepTable {
  kommun_id: number;
  step: string;
  done_by: number | null;
  done_at: Timestamp;
  note: ColumnType<string, string | undefined, string>;
}

export interface PlanCommentTable {
  id: Generated<number>;
  picture_id: number | null;
  plan_id: number | null;
  section: ColumnType<string, string | undefined, string>;
  body: string;
  author_id: number | null;
  created_at: Timestamp;
}

/** The plans tables of `DB` (db/schema.ts). */
export interface PlansTables {
  situation_picture: SituationPictureTable;
  situation_figure: SituationFigureTable;
  priority_problem: PriorityProblemTable;
  plan_setting: PlanSettingTable;
  action_plan: ActionPlanTable;
  plan_measure: PlanMeasureTable;
  measure_problem: MeasureProblemTable;
  measure_promise: MeasurePromiseTable;
  measure_outcome: MeasureOutcomeTable;
  process_step: ProcessStepTable;
  plan_comment: PlanCommentTable;
}
