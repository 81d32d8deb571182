/** Brå's process checklist of a kommun (domain/checklist.ts): which steps are ticked, by whom and when. */
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { PROCESS_STEPS, isProcessStep } from "./domain/checklist";

export async function getChecklist({ db, kommunId }: { db: Database; kommunId: number }) {
  const rows = await db
    .selectFrom("process_step as s")
    .leftJoin("account as a", "a.id", "s.done_by")
    .select(["s.step", "s.done_at as doneAt", "s.note", "a.display_name as doneBy"])
    .where("s.kommun_id", "=", kommunId)
    .execute();
  return PROCESS_STEPS.map((s) => {
    const r = rows.find((x) => x.step === s.key);
    return { key: s.key, phase: s.phase, done: r ? { by: r.doneBy ?? "–", at: r.doneAt, note: r.note } : null };
  });
}

/** Ticks a step (recording who and when) or takes the tick back. */
export async function setStep({
  db,
  kommunId,
  accountId,
  step,
  done,
  note = "",
}: {
  db: Database;
  kommunId: number;
  accountId: number;
  step: string;
  done: boolean;
  note?: string;
}) {
  if (!isProcessStep(step)) throw new Invalid([fieldError("step", "plans.error.step")]);
  if (note.length > 1000) throw new Invalid([fieldError("note", "plans.error.tooLong")]);
  if (!done) {
    await db.deleteFrom("process_step").where("kommun_id", "=", kommunId).where("step", "=", step).execute();
    return;
  }
  const now = new Date();
  await db
    .insertInto("process_step")
    .values({ kommun_id: kommunId, step, done_by: accountId, done_at: now, note: note.trim() })
    .onConflict((oc) =>
      oc.columns(["kommun_id", "step"]).doUpdateSet({ done_by: accountId, done_at: now, note: note.trim() }),
    )
    .execute();
}
