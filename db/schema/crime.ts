/** Crime statistics: reported crime per kommun, area and reference series (migration 2026_12_08_100000_crime_statistics). */
import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./columns";

/** kommun: the whole kommun; area: a part of it; lan and riket: the reference series (county, country). */
export type CrimeLevel = "kommun" | "area" | "lan" | "riket";

export interface CrimeImportTable {
  id: Generated<number>;
  kommun_id: number;
  imported_by: number | null;
  imported_at: Timestamp;
  file_name: ColumnType<string, string | undefined, string>;
  outcome: "stored" | "rejected";
  rows_accepted: number;
  rows_rejected: number;
  from_year: number | null;
  to_year: number | null;
}

export interface CrimeFigureTable {
  id: Generated<number>;
  kommun_id: number;
  year: number;
  level: CrimeLevel;
  area: ColumnType<string, string | undefined, string>;
  category: string;
  count: number | null;
  population: number | null;
  rate: number | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  source: ColumnType<string, string | undefined, string>;
  import_id: number | null;
}

export interface CrimeTables {
  crime_import: CrimeImportTable;
  crime_figure: CrimeFigureTable;
}
