/** Dialogue: staff-survey invitations, meetings and walks (migration 2026_11_23_130000_dialogue). */
import type { ColumnType, Generated } from "kysely";
import type { DateOnly, Timestamp } from "./columns";

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
  /** The zone of the kommun the meeting or walk was held in (migration 2026_12_09_150000_place_links). */
  zone_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** The zone the finding is in (migration 2026_12_09_150000_place_links). */
  zone_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The dialogue tables of `DB` (db/schema.ts). */
export interface DialogueTables {
  invitation: InvitationTable;
  meeting: MeetingTable;
  meeting_theme: MeetingThemeTable;
  walk_finding: WalkFindingTable;
}
