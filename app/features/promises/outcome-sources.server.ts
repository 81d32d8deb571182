/**
 * Where an outcome indicator's figures come from: the kommun's citizen surveys and their results, read as an
 * indicator figure (numerator, base, share, Wilson interval; suppressed exactly as on the problembild). Shared by
 * outcome.server.ts (the views) and outcome-editing.server.ts (creating one). Internal to the feature: not on its
 * faces.
 */
import type { Database } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { getResults, type Results } from "~/features/results/index.server";

export interface IndicatorFigure {
  /** Numerator (e.g. answered 4 or 3) and base (answered minus "vet ej"); null when suppressed. */
  k: number | null;
  base: number | null;
  share: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

export type ResultsCache = Map<string, Promise<Results | null>>;

/** Results of a survey for an optional `q:v` filter; null when the filter does not fit the survey. Memoised per call. */
export function resultsFor(
  db: Database,
  cache: ResultsCache,
  surveyId: number,
  filter: string,
): Promise<Results | null> {
  const key = `${surveyId}|${filter}`;
  let r = cache.get(key);
  if (!r) {
    r = getResults({ db, surveyId, filters: { where: filter ? [filter] : [] } }).catch((err) => {
      if (err instanceof Invalid) return null;
      throw err;
    });
    cache.set(key, r);
  }
  return r;
}

export function figureOf(results: Results, question: string): IndicatorFigure | "not_asked" {
  const i = results.indicators.find((x) => x.question === question);
  if (!i) return "not_asked";
  if (i.suppressed || i.share === null || i.base === null)
    return { k: null, base: null, share: null, low: null, high: null, suppressed: true };
  // share × base is the integer numerator up to floating-point noise.
  return {
    k: Math.round(i.share * i.base),
    base: i.base,
    share: i.share,
    low: i.ci_low,
    high: i.ci_high,
    suppressed: false,
  };
}

export async function citizenSurveyOfKommun(db: Database, kommunId: number, slug: string) {
  const s = await db
    .selectFrom("survey")
    .select(["id", "slug", "title", "period", "kind", "status", "settings"])
    .where("slug", "=", slug)
    .where("kommun_id", "=", kommunId)
    .where("current_version_id", "is not", null)
    .executeTakeFirst();
  return s && s.kind === "medborgarenkat" && s.status !== "draft" ? s : undefined;
}
