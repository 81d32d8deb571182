// bench-submit's check in the database: every acknowledged answer stored exactly once, and nothing else.
import { canonicalJson } from "../../app/features/surveys/responses.server";
import type { OpenDatabase } from "../../app/platform/db.server";

/** One id as it was sent: its request body, the canonical JSON of its answer, and what came back. */
export interface Sent {
  body: string;
  data: string; // canonical JSON of the answer, to compare with what is stored
  sends: number;
  answered: number;
  statuses: number[];
}

export interface Check {
  rows: number;
  distinctAcknowledged: number;
  missing: string[];
  duplicated: number;
  wrongData: string[];
  unacknowledgedStored: string[];
  unknownOutcome: number;
  unknownStored: number;
  foreign: string[];
  ok: boolean;
}

export async function checkStorage(
  open: OpenDatabase,
  surveyId: number,
  sent: ReadonlyMap<string, Sent>,
): Promise<Check> {
  const rows = await open.db.selectFrom("response").select(["id", "data"]).where("survey_id", "=", surveyId).execute();
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.id, (count.get(r.id) ?? 0) + 1);
  const acknowledged = [...sent].filter(([, s]) => s.statuses.some((c) => c === 201 || c === 200)).map(([id]) => id);
  const ackSet = new Set(acknowledged);
  const missing = acknowledged.filter((id) => !count.has(id));
  const duplicated = [...count.values()].filter((n) => n > 1).length;
  const wrongData: string[] = [];
  for (const r of rows) {
    const s = sent.get(r.id);
    if (s && canonicalJson(r.data) !== s.data) wrongData.push(r.id);
  }
  // An id sent at least once without any answer (time-out, or a level stopped by its cap): the client does not
  // know whether it was stored and would retry; a row for it is not an error, and neither is its absence.
  const unknown = [...sent].filter(([id, s]) => !ackSet.has(id) && s.answered < s.sends).map(([id]) => id);
  const unknownSet = new Set(unknown);
  const unacknowledgedStored = rows
    .filter((r) => sent.has(r.id) && !ackSet.has(r.id) && !unknownSet.has(r.id))
    .map((r) => r.id);
  const foreign = rows.filter((r) => !sent.has(r.id)).map((r) => r.id);
  const unknownStored = rows.filter((r) => unknownSet.has(r.id)).length;
  const ok =
    missing.length === 0 &&
    duplicated === 0 &&
    wrongData.length === 0 &&
    unacknowledgedStored.length === 0 &&
    foreign.length === 0 &&
    rows.length === ackSet.size + unknownStored;
  return {
    rows: rows.length,
    distinctAcknowledged: ackSet.size,
    missing,
    duplicated,
    wrongData,
    unacknowledgedStored,
    unknownOutcome: unknown.length,
    unknownStored,
    foreign,
    ok,
  };
}
