import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { FindingStatus, MeetingKind } from "../../../db/schema";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { THEME_KEYS } from "~/features/surveys/index";
import {
  FINDING_STATUSES,
  MEETING_KINDS,
  PARTICIPANT_CATEGORIES,
  PROBLEM_KINDS,
} from "~/features/dialogue/domain/meetings";

// Dialogue meetings (medborgardialog, BRÅ-möte, trygghetsvandring ...), the themes raised at them and the places a
// walk found, always scoped by kommun. No names are stored: participants are counts by category.

export interface MeetingInput {
  kind: MeetingKind;
  heldOn: string;
  place: string;
  participants: Record<string, number>;
  notes: string;
  themes: { theme: string; raisedBy: number; votes: number | null }[];
}

function check(input: MeetingInput) {
  const errors = [];
  if (!(MEETING_KINDS as readonly string[]).includes(input.kind)) errors.push(fieldError("kind", "dialog.error.kind"));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(Date.parse(input.heldOn)))
    errors.push(fieldError("heldOn", "problem.dateFormat"));
  for (const [k, n] of Object.entries(input.participants)) {
    // The database refuses any other key (meeting_participants_check): a 422 here, not a 500 there.
    if (!(PARTICIPANT_CATEGORIES as readonly string[]).includes(k))
      errors.push(fieldError(`participants-${k}`, "dialog.error.participantGroup", { group: k }));
    else if (!Number.isInteger(n) || n < 0 || n > 100_000)
      errors.push(fieldError(`participants-${k}`, "dialog.error.participants"));
  }
  for (const t of input.themes) {
    if (!(THEME_KEYS as readonly string[]).includes(t.theme))
      errors.push(fieldError(`theme-${t.theme}`, "dialog.error.theme", { theme: t.theme }));
    // Bounded as participants are: a count past the integer column's range must be a 422, not a database error.
    const count = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100_000;
    if (!count(t.raisedBy) || (t.votes !== null && !count(t.votes))) {
      errors.push(fieldError(`theme-${t.theme}`, "dialog.error.count"));
    }
  }
  if (errors.length) throw new Invalid(errors);
}

/** A meeting form's fields as input: `p-<category>` counts, `raised-<theme>` and `votes-<theme>` per theme. */
export function meetingInputFromForm(form: FormData): MeetingInput {
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const num = (k: string) => (str(k) === "" ? null : Number(str(k)));
  const participants: Record<string, number> = {};
  for (const c of PARTICIPANT_CATEGORIES) if (num(`p-${c}`) !== null) participants[c] = num(`p-${c}`)!;
  const themes = THEME_KEYS.flatMap((theme) => {
    const raisedBy = num(`raised-${theme}`);
    const votes = num(`votes-${theme}`);
    return raisedBy || votes !== null || form.get(`theme-${theme}`) === "on"
      ? [{ theme, raisedBy: raisedBy ?? 0, votes }]
      : [];
  });
  return {
    kind: str("kind") as MeetingKind,
    heldOn: str("heldOn"),
    place: str("place").slice(0, 300),
    participants,
    notes: str("notes").slice(0, 20_000),
    themes,
  };
}

const participantsOf = (p: Record<string, number>) =>
  JSON.stringify(Object.fromEntries(Object.entries(p).filter(([, n]) => n > 0)));

/** Records a meeting with the themes raised at it; returns its id. */
export async function createMeeting({
  db,
  kommunId,
  accountId,
  input,
}: {
  db: Database;
  kommunId: number;
  accountId: number | null;
  input: MeetingInput;
}) {
  check(input);
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto("meeting")
      .values({
        kommun_id: kommunId,
        kind: input.kind,
        held_on: input.heldOn,
        place: input.place.trim(),
        participants: participantsOf(input.participants),
        notes: input.notes,
        created_by: accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setThemes(trx, m.id, input.themes);
    return m.id;
  });
}

async function setThemes(db: Database, meetingId: number, themes: MeetingInput["themes"]) {
  await db.deleteFrom("meeting_theme").where("meeting_id", "=", meetingId).execute();
  const rows = themes.map((t) => ({ meeting_id: meetingId, theme: t.theme, raised_by: t.raisedBy, votes: t.votes }));
  if (rows.length) await db.insertInto("meeting_theme").values(rows).execute();
}

async function owned(db: Database, kommunId: number, meetingId: number) {
  const m = await db
    .selectFrom("meeting")
    .select("id")
    .where("id", "=", meetingId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!m) throw new NotFound("problem.meetingNotFound");
}

/** Replaces a meeting's details and themes. */
export async function updateMeeting({
  db,
  kommunId,
  meetingId,
  input,
}: {
  db: Database;
  kommunId: number;
  meetingId: number;
  input: MeetingInput;
}) {
  check(input);
  await db.transaction().execute(async (trx) => {
    await owned(trx, kommunId, meetingId);
    await trx
      .updateTable("meeting")
      .set({
        kind: input.kind,
        held_on: input.heldOn,
        place: input.place.trim(),
        participants: participantsOf(input.participants),
        notes: input.notes,
        updated_at: new Date(),
      })
      .where("id", "=", meetingId)
      .execute();
    await setThemes(trx, meetingId, input.themes);
  });
}

/** Deletes a meeting with its themes and walk findings. */
export async function deleteMeeting({
  db,
  kommunId,
  meetingId,
}: {
  db: Database;
  kommunId: number;
  meetingId: number;
}) {
  const r = await db
    .deleteFrom("meeting")
    .where("id", "=", meetingId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new NotFound("problem.meetingNotFound");
}

const totalParticipants = sql<number>`(select coalesce(sum(value::int), 0) from jsonb_each_text(m.participants))::int`;

/** A kommun's meetings, newest first, with participant totals and the themes raised. */
export async function listMeetings({ db, kommunId }: { db: Database; kommunId: number }) {
  const rows = await db
    .selectFrom("meeting as m")
    .select(["m.id", "m.kind", "m.held_on as heldOn", "m.place", totalParticipants.as("participants")])
    .select(
      sql<string[]>`array(select theme from meeting_theme t where t.meeting_id = m.id order by theme)`.as("themes"),
    )
    .select(
      sql<number>`(select count(*) from walk_finding f where f.meeting_id = m.id and f.status = 'open')::int`.as(
        "openFindings",
      ),
    )
    .where("m.kommun_id", "=", kommunId)
    .orderBy("m.held_on", "desc")
    .orderBy("m.id", "desc")
    .execute();
  return rows;
}

/** One meeting of a kommun with its themes and walk findings. */
export async function getMeeting({ db, kommunId, meetingId }: { db: Database; kommunId: number; meetingId: number }) {
  const m = await db
    .selectFrom("meeting")
    .select(["id", "kind", "held_on as heldOn", "place", "participants", "notes"])
    .where("id", "=", meetingId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!m) throw new NotFound("problem.meetingNotFound");
  const themes = await db
    .selectFrom("meeting_theme")
    .select(["theme", "raised_by as raisedBy", "votes"])
    .where("meeting_id", "=", meetingId)
    .orderBy("theme")
    .execute();
  const findings = await db
    .selectFrom("walk_finding")
    .select(["id", "place", "problems", "description", "proposed_fix as proposedFix", "status"])
    .where("meeting_id", "=", meetingId)
    .orderBy("id")
    .execute();
  return { ...m, themes, findings };
}

export interface FindingInput {
  place: string;
  problems: string[];
  description: string;
  proposedFix: string;
}

function checkFinding(f: FindingInput) {
  const errors = [];
  if (!f.place.trim()) errors.push(fieldError("place", "dialog.error.place"));
  const bad = f.problems.filter((p) => !(PROBLEM_KINDS as readonly string[]).includes(p));
  if (bad.length) errors.push(fieldError("problems", "dialog.error.problems", { problems: bad.join(", ") }));
  if (errors.length) throw new Invalid(errors);
}

/** Adds a place with problems found on a walk (open until followed up). */
export async function addFinding({
  db,
  kommunId,
  meetingId,
  input,
}: {
  db: Database;
  kommunId: number;
  meetingId: number;
  input: FindingInput;
}) {
  checkFinding(input);
  await owned(db, kommunId, meetingId);
  const r = await db
    .insertInto("walk_finding")
    .values({
      meeting_id: meetingId,
      place: input.place.trim(),
      problems: input.problems,
      description: input.description,
      proposed_fix: input.proposedFix,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Follows up a finding: open, fixed or won't fix. */
export async function setFindingStatus({
  db,
  kommunId,
  findingId,
  status,
}: {
  db: Database;
  kommunId: number;
  findingId: number;
  status: FindingStatus;
}) {
  if (!(FINDING_STATUSES as readonly string[]).includes(status))
    throw new Invalid([fieldError("status", "dialog.error.status")]);
  const r = await db
    .updateTable("walk_finding")
    .set({ status, updated_at: new Date() })
    .where("id", "=", findingId)
    .where("meeting_id", "in", (eb) => eb.selectFrom("meeting").select("id").where("kommun_id", "=", kommunId))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new NotFound("dialog.error.findingNotFound");
}

/** Removes a finding. */
export async function deleteFinding({
  db,
  kommunId,
  findingId,
}: {
  db: Database;
  kommunId: number;
  findingId: number;
}) {
  const r = await db
    .deleteFrom("walk_finding")
    .where("id", "=", findingId)
    .where("meeting_id", "in", (eb) => eb.selectFrom("meeting").select("id").where("kommun_id", "=", kommunId))
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new NotFound("dialog.error.findingNotFound");
}

// ---------------------------------------------------------------------------------------------------------------
// Theme scores per source, for the problembild (docs/sources.md)

export interface MeetingEvidence {
  meetingId: number;
  heldOn: string;
  kind: MeetingKind;
  place: string;
  participants: number;
  raisedBy: number;
  votes: number | null;
}

/**
 * Per theme, from a kommun's meetings held in [from, to]: how many meetings raised it, their participants, and
 * the share of meetings weighted by participants that raised it (docs/domain/statistics.md#meeting-score; a meeting with no participant
 * count weighs 1), with the meetings as evidence. No meetings → no themes (the source has no data).
 */
export async function meetingThemeScores({
  db,
  kommunId,
  from,
  to,
}: {
  db: Database;
  kommunId: number;
  from?: string;
  to?: string;
}) {
  const scoped = db
    .selectFrom("meeting as m")
    .select(["m.id", "m.held_on", "m.kind", "m.place", totalParticipants.as("participants")])
    .where("m.kommun_id", "=", kommunId)
    .$if(!!from, (q) => q.where("m.held_on", ">=", from!))
    .$if(!!to, (q) => q.where("m.held_on", "<=", to!));
  const totals = await db
    .selectFrom(scoped.as("s"))
    .select([
      sql<number>`count(*)::int`.as("meetings"),
      sql<number>`coalesce(sum(participants), 0)::int`.as("participants"),
      sql<number>`coalesce(sum(greatest(participants, 1)), 0)::int`.as("weight"),
    ])
    .executeTakeFirstOrThrow();
  // One row per theme: the meetings raising it, their participants and weight, and the meetings themselves.
  const rows = await db
    .selectFrom(scoped.as("s"))
    .innerJoin("meeting_theme as t", "t.meeting_id", "s.id")
    .select([
      "t.theme",
      sql<number>`count(*)::int`.as("meetings"),
      sql<number>`sum(s.participants)::int`.as("participants"),
      sql<number>`sum(greatest(s.participants, 1))::int`.as("weight"),
      sql<
        MeetingEvidence[]
      >`json_agg(json_build_object('meetingId', s.id, 'heldOn', s.held_on, 'kind', s.kind, 'place', s.place,
        'participants', s.participants, 'raisedBy', t.raised_by, 'votes', t.votes) order by s.held_on, s.id)`.as(
        "evidence",
      ),
    ])
    .groupBy("t.theme")
    .execute();
  if (totals.meetings === 0) return { source: "meetings" as const, meetings: 0, participants: 0, themes: [] };
  const byTheme = new Map(rows.map((r) => [r.theme, r]));
  const keys = [
    ...THEME_KEYS,
    ...rows.map((r) => r.theme).filter((k) => !(THEME_KEYS as readonly string[]).includes(k)),
  ];
  const themes = keys.map((theme) => {
    const r = byTheme.get(theme);
    return {
      theme,
      meetings: r?.meetings ?? 0,
      participants: r?.participants ?? 0,
      share: r ? r.weight / totals.weight : 0,
      evidence: r ? (typeof r.evidence === "string" ? (JSON.parse(r.evidence) as MeetingEvidence[]) : r.evidence) : [],
    };
  });
  return { source: "meetings" as const, meetings: totals.meetings, participants: totals.participants, themes };
}
