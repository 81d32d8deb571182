/**
 * Walk findings (docs/domain/places.md, the dialogue's meetings): places with problems found on a trygghetsvandring,
 * each with the problems seen, an optional zone of the kommun, and a follow-up status (open, fixed, won't fix).
 */
import type { Database } from "~/platform/db.server";
import type { FindingStatus } from "../../../db/schema";
import { Invalid, NotFound, fieldError, type FieldError } from "~/platform/errors.server";
import type { ZoneField } from "~/features/places/index";
import { zoneLinkErrors } from "~/features/places/index.server";
import { owned, zoneColumn } from "./meetings.server";
import { FINDING_STATUSES, PROBLEM_KINDS } from "~/features/dialogue/domain/meetings";

export interface FindingInput {
  place: string;
  problems: string[];
  description: string;
  proposedFix: string;
  /** The kommun's zone the finding is in; none when absent. */
  zoneId?: ZoneField;
}

/** The form field of a finding's zone (the finding form's own select, beside the meeting's). */
export const FINDING_ZONE_FIELD = "f-zoneId";

async function checkFinding(db: Database, kommunId: number, f: FindingInput) {
  const errors: FieldError[] = [];
  if (!f.place.trim()) errors.push(fieldError("place", "dialog.error.place"));
  const bad = f.problems.filter((p) => !(PROBLEM_KINDS as readonly string[]).includes(p));
  if (bad.length) errors.push(fieldError("problems", "dialog.error.problems", { problems: bad.join(", ") }));
  errors.push(...(await zoneLinkErrors(db, kommunId, [{ field: FINDING_ZONE_FIELD, zoneId: f.zoneId }])));
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
  await checkFinding(db, kommunId, input);
  await owned(db, kommunId, meetingId);
  const r = await db
    .insertInto("walk_finding")
    .values({
      meeting_id: meetingId,
      place: input.place.trim(),
      problems: input.problems,
      description: input.description,
      proposed_fix: input.proposedFix,
      zone_id: zoneColumn(input.zoneId),
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
