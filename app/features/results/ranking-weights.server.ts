/**
 * The weights of the theme ranking (docs/domain/statistics.md#theme-ranking-across-sources): read from the URL or
 * a form, checked, and saved per kommun; and the survey measure the citizen and staff scores use.
 */
import type { Database } from "~/platform/db.server";
import { Invalid, type FieldError, fieldError } from "~/platform/errors.server";
import { DEFAULT_WEIGHTS, SOURCE_KEYS, type SourceKey } from "./domain/statistics";
import { SURVEY_MEASURES, type SurveyMeasure } from "./domain/ranking-measure";

export type Weights = Record<SourceKey, number>;

/** The measure from the URL (`measure=problem`); missing or empty is the mean. Invalid otherwise. */
export function parseMeasure(raw: string | null | undefined): SurveyMeasure {
  if (raw === null || raw === undefined || raw === "") return "mean";
  const m = SURVEY_MEASURES.find((x) => x === raw);
  if (!m)
    throw new Invalid(
      [fieldError("measure", "ranking.error.oneOf", { values: SURVEY_MEASURES.join(", ") })],
      "ranking.error.weightsInvalid",
    );
  return m;
}

const WEIGHT_MAX = 1;

/**
 * Weights from the URL (`w_citizen=0.5` ...): a missing or empty one is the default; each must be a number in
 * [0, 1], and at least one above 0. Invalid with one message per bad field.
 */
export function parseWeights(raw: Partial<Record<SourceKey, string | null | undefined>>): Weights {
  const errors: FieldError[] = [];
  const out = { ...DEFAULT_WEIGHTS };
  for (const s of SOURCE_KEYS) {
    const v = raw[s];
    if (v === undefined || v === null || v.trim() === "") continue;
    const n = Number(v.trim().replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > WEIGHT_MAX)
      errors.push(fieldError(`w_${s}`, "ranking.error.weight", { max: WEIGHT_MAX, value: v }));
    else out[s] = n;
  }
  if (!errors.length && SOURCE_KEYS.every((s) => out[s] === 0))
    errors.push(fieldError("w_citizen", "ranking.error.weightsZero"));
  if (errors.length) throw new Invalid(errors, "ranking.error.weightsInvalid");
  return out;
}

/** The weights an analyst saved for the kommun, or null. */
export async function savedWeights({ db, kommunId }: { db: Database; kommunId: number }): Promise<Weights | null> {
  const row = await db
    .selectFrom("ranking_weights")
    .select("weights")
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!row) return null;
  const stored = (typeof row.weights === "string" ? JSON.parse(row.weights) : row.weights) as Record<string, unknown>;
  return {
    ...DEFAULT_WEIGHTS,
    ...Object.fromEntries(SOURCE_KEYS.flatMap((s) => (typeof stored[s] === "number" ? [[s, stored[s]]] : []))),
  };
}

/** Saves the kommun's weights (checked as the URL's are), so the ranking opens with them. */
export async function saveWeights({
  db,
  kommunId,
  raw,
}: {
  db: Database;
  kommunId: number;
  raw: Partial<Record<SourceKey, string | null>>;
}): Promise<Weights> {
  const w = parseWeights(raw);
  await db
    .insertInto("ranking_weights")
    .values({ kommun_id: kommunId, weights: JSON.stringify(w) })
    .onConflict((oc) => oc.column("kommun_id").doUpdateSet({ weights: JSON.stringify(w), updated_at: new Date() }))
    .execute();
  return w;
}
