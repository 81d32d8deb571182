import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { MeetingKind } from "../../../db/schema";
import { Invalid, NotFound, fieldError, type FieldError } from "~/platform/errors.server";
import { readZoneField, ZONE_FIELD, type ZoneField } from "~/features/places/index";
import { zoneLinkErrors } from "~/features/places/index.server";
import { THEME_KEYS } from "~/features/surveys/index";
import { MEETING_KINDS, PARTICIPANT_CATEGORIES } from "~/features/dialogue/domain/meetings";

// Dialogue meetings (medborgardialog, BRÅ-möte, trygghetsvandring ...), the themes raised at them and the places a
// walk found, always scoped by kommun. No names are stored: participants are counts by category.

export interface MeetingInput {
  kind: MeetingKind;
  heldOn: string;
  place: string;
  participants: Record<string, number>;
  notes: string;
  themes: { theme: string; raisedBy: number; votes: number | null }[];
  /** The kommun's zone it was held in (docs/domain/places.md); none when absent. */
  zoneId?: ZoneField;
}

/** A checked zone field as the column stores it. */
export const zoneColumn = (z: ZoneField | undefined) => (typeof z === "number" ? z : null);

/** Every problem of a meeting's input, one per field, the zone's (of the kommun?) included; nothing is written. */
async function check(db: Database, kommunId: number, input: MeetingInput) {
  const errors: FieldError[] = [];
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
  errors.push(...(await zoneLinkErrors(db, kommunId, [{ field: ZONE_FIELD, zoneId: input.zoneId }])));
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
    zoneId: readZoneField(form.get(ZONE_FIELD)),
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
  await check(db, kommunId, input);
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
        zone_id: zoneColumn(input.zoneId),
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

export async function owned(db: Database, kommunId: number, meetingId: number) {
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
  await check(db, kommunId, input);
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
        zone_id: zoneColumn(input.zoneId),
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
    .leftJoin("zone as z", "z.id", "m.zone_id")
    .select(["m.id", "m.kind", "m.held_on as heldOn", "m.place", totalParticipants.as("participants")])
    .select("z.name as zoneName")
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
    .selectFrom("meeting as m")
    .leftJoin("zone as z", "z.id", "m.zone_id")
    .select(["m.id", "m.kind", "m.held_on as heldOn", "m.place", "m.participants", "m.notes", "m.zone_id as zoneId"])
    .select("z.name as zoneName")
    .where("m.id", "=", meetingId)
    .where("m.kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!m) throw new NotFound("problem.meetingNotFound");
  const themes = await db
    .selectFrom("meeting_theme")
    .select(["theme", "raised_by as raisedBy", "votes"])
    .where("meeting_id", "=", meetingId)
    .orderBy("theme")
    .execute();
  const findings = await db
    .selectFrom("walk_finding as f")
    .leftJoin("zone as z", "z.id", "f.zone_id")
    .select([
      "f.id",
      "f.place",
      "f.problems",
      "f.description",
      "f.proposed_fix as proposedFix",
      "f.status",
      "z.name as zoneName",
    ])
    .where("f.meeting_id", "=", meetingId)
    .orderBy("f.id")
    .execute();
  return { ...m, themes, findings };
}

/** A meeting at a zone, for the places page: held there, or with a walk finding there (or both). */
export interface MeetingAtZone {
  zoneId: number;
  meetingId: number;
  kind: MeetingKind;
  heldOn: string;
  /** The meeting itself names the zone (else only its findings do). */
  held: boolean;
  findings: number;
  openFindings: number;
}

/**
 * Per zone of the kommun, the meetings and walks held there or with findings there, with the number of those
 * findings (and how many are still open); newest first. Zone-level only: no finding's own place text.
 */
export async function meetingsByZone({ db, kommunId }: { db: Database; kommunId: number }): Promise<MeetingAtZone[]> {
  const rows = await sql<MeetingAtZone>`
    with links as (
      select m.zone_id, m.id as meeting_id, true as held, 0 as findings, 0 as open_findings
        from meeting m where m.kommun_id = ${kommunId} and m.zone_id is not null
      union all
      select f.zone_id, f.meeting_id, false, 1, (f.status = 'open')::int
        from walk_finding f join meeting m on m.id = f.meeting_id
        where m.kommun_id = ${kommunId} and f.zone_id is not null
    )
    select l.zone_id as "zoneId", m.id as "meetingId", m.kind, m.held_on as "heldOn",
      bool_or(l.held) as held, sum(l.findings)::int as findings, sum(l.open_findings)::int as "openFindings"
    from links l
    join meeting m on m.id = l.meeting_id
    join zone z on z.id = l.zone_id and z.kommun_id = ${kommunId}
    group by l.zone_id, m.id, m.kind, m.held_on
    order by l.zone_id, m.held_on desc, m.id desc`.execute(db);
  return rows.rows;
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
