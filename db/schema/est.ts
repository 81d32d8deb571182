/** EST weekly reports (migration 2026_12_09_120000_est; docs/domain/est.md). */
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./columns";

/** The kind of organisation a reporter reports for (stored values: Swedish base form, docs/domain/glossary.md). */
export type EstPartnerKind = "kommun" | "bostadsbolag" | "polis" | "vaktbolag" | "forening" | "annat";

/** How a category is observed: how many times, or a level 1–3 (a state of the area, such as litter). */
export type EstMeasure = "count" | "level";

export type EstRevisionKind = "submitted" | "resubmitted" | "corrected" | "reviewed";

export interface EstReporterTable {
  id: Generated<number>;
  account_id: number;
  kommun_id: number;
  partner_kind: EstPartnerKind;
  partner_name: string;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface EstReporterZoneTable {
  reporter_id: number;
  zone_id: number;
}

export interface EstCategoryTable {
  id: Generated<number>;
  kommun_id: number;
  key: string;
  name: string;
  measure: EstMeasure;
  /** The standard theme the category informs in the theme ranking (migration 2026_12_09_160000); null: none. */
  theme: string | null;
  retired_at: Timestamp | null;
  created_at: Timestamp;
}

export interface EstReportTable {
  id: Generated<number>;
  kommun_id: number;
  zone_id: number;
  reporter_id: number;
  /** ISO week, `YYYY-Www`. */
  week: string;
  nothing_to_report: ColumnType<boolean, boolean | undefined, boolean>;
  note: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EstReportItemTable {
  report_id: number;
  category: string;
  count: number | null;
  level: number | null;
  place: string | null;
  note: string | null;
}

export interface EstReportRevisionTable {
  id: Generated<number>;
  report_id: number;
  account_id: number | null;
  kind: EstRevisionKind;
  snapshot: Json<unknown>;
  created_at: Timestamp;
}

export interface EstTables {
  est_reporter: EstReporterTable;
  est_reporter_zone: EstReporterZoneTable;
  est_category: EstCategoryTable;
  est_report: EstReportTable;
  est_report_item: EstReportItemTable;
  est_report_revision: EstReportRevisionTable;
}
