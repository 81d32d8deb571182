import type { Database } from "~/platform/db.server";

// survey id → "question\u0000value" → code. A code never changes once assigned, so the cache cannot go stale;
// another process may add codes, which this one learns on its first miss.
const cache = new Map<number, Map<string, number>>();

const keyOf = (question: string, value: string) => `${question}\u0000${value}`;

/** The integer codes of (question, value) pairs of a survey, assigning new codes for pairs not seen before. */
export async function codesFor({
  db,
  surveyId,
  pairs,
}: {
  db: Database;
  surveyId: number;
  pairs: { question: string; value: string }[];
}): Promise<number[]> {
  let known = cache.get(surveyId);
  if (!known) cache.set(surveyId, (known = new Map()));
  const seen = new Set<string>();
  const missing = pairs.filter((p) => {
    const k = keyOf(p.question, p.value);
    if (known!.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (missing.length) {
    await db
      .insertInto("choice_code")
      .values(missing.map((p) => ({ survey_id: surveyId, question: p.question, value: p.value })))
      .onConflict((oc) => oc.columns(["survey_id", "question", "value"]).doNothing())
      .execute();
    const rows = await db
      .selectFrom("choice_code")
      .select(["code", "question", "value"])
      .where("survey_id", "=", surveyId)
      .execute();
    for (const r of rows) known.set(keyOf(r.question, r.value), r.code);
  }
  return pairs.map((p) => known!.get(keyOf(p.question, p.value))!);
}

/** Forgets the cached codebook of a survey (tests that recreate databases reuse survey ids). */
export function forgetCodebook(surveyId?: number) {
  if (surveyId === undefined) cache.clear();
  else cache.delete(surveyId);
}
