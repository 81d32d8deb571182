/**
 * Comparison of a citizen survey with the same kommun's earlier citizen surveys (docs/domain/statistics.md#comparison-over-time
 * and #change-between-two-periods): per indicator item the change in percentage points since the previous wave that asked the item,
 * flagged where a two-proportion z-test (pooled p) gives |z| ≥ 1.96, and the item's trend over every wave when
 * there are three or more.
 *
 * - "Previous wave" of an item: the kommun's latest citizen survey with an earlier period than the current one
 *   whose definition has the same item on the same scale. Items can therefore have different previous waves.
 * - Filters (`where`, `channel`) are applied to every wave; the date range (`from`, `to`) only to the current
 *   one, since earlier waves ran in other years. A filter that does not fit an earlier wave (an area it did not
 *   offer) makes that wave "not comparable" for this view instead of failing the page.
 * - Suppression: each wave's figures come from `getResults` and are suppressed exactly as on the problembild; a
 *   change is computed only when both shares are shown.
 */
import type { Database } from "~/platform/db.server";
import type { IndicatorKind } from "~/features/surveys/index";
import { getResults, type RawResultFilters, type ResultIndicator, type ResultFilters } from "./results.server";
import { twoProportionTest } from "./domain/statistics";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";

/** One wave (one citizen survey of the kommun). */
export interface ComparisonWave {
  surveyId: number;
  slug: string;
  title: string;
  period: string;
  /** Respondents in the filtered group; null when suppressed or when the filters do not fit the wave. */
  respondents: number | null;
  /** False when a filter names a question or value the wave does not have. */
  comparable: boolean;
}

/** An indicator's share in one wave, as the API shapes it (proportions; null when suppressed). */
export interface WaveShare {
  surveyId: number;
  period: string;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  base: number | null;
  suppressed: boolean;
}

export interface ItemChange {
  /** Codebook name, e.g. `problems.drug_dealing`. */
  question: string;
  title: string;
  kind: IndicatorKind;
  current: WaveShare;
  /** The latest earlier wave that asked the item (null: none did). */
  previous: WaveShare | null;
  /**
   * current − previous in proportions (0.041 = +4,1 procentenheter) with its 95% interval (Newcombe), the z of
   * the pooled two-proportion test and whether |z| ≥ 1.96. Null when either share is suppressed or missing.
   */
  change: { diff: number; low: number; high: number; z: number; significant: boolean } | null;
}

export interface TrendSeries {
  question: string;
  title: string;
  kind: IndicatorKind;
  /** One entry per wave of `Comparison.waves`, in time order (null: the wave did not ask the item). */
  points: (WaveShare | null)[];
}

export interface Comparison {
  /** The survey compared. */
  current: ComparisonWave;
  /** The kommun's citizen surveys up to and including the current one, oldest first. */
  waves: ComparisonWave[];
  /** The indicator items of the current survey with their change since their previous wave. */
  items: ItemChange[];
  /** Per indicator item, its shares over `waves`; empty unless at least three waves have the item. */
  trends: TrendSeries[];
  filters: ResultFilters;
  minBase: number;
}

/** Period labels sort as text ("2022" < "2024" < "2024-2025"), which is time order for the stored formats. */
const byPeriod = (
  a: { period: string; created_at: Date | string },
  b: { period: string; created_at: Date | string },
) =>
  a.period < b.period
    ? -1
    : a.period > b.period
      ? 1
      : new Date(a.created_at).getTime() - new Date(b.created_at).getTime();

function waveShare(surveyId: number, period: string, i: ResultIndicator): WaveShare {
  return {
    surveyId,
    period,
    share: i.share,
    ci_low: i.ci_low,
    ci_high: i.ci_high,
    base: i.base,
    suppressed: i.suppressed,
  };
}

/** Number of "yes" behind a shown share: share × base is an integer up to floating-point noise. */
const countOf = (s: WaveShare) => Math.round((s.share ?? 0) * (s.base ?? 0));

/**
 * The change per indicator item of a kommun's citizen survey since the previous wave asking it, with significance
 * flags, and trends when there are three or more waves. Throws NotFound for a survey outside the kommun.
 */
export async function getComparison({
  db,
  kommunId,
  surveySlug,
  filters,
  minBase,
}: {
  db: Database;
  kommunId: number;
  surveySlug: string;
  filters?: RawResultFilters;
  minBase?: number;
}): Promise<Comparison> {
  const surveys = await db
    .selectFrom("survey")
    .select(["id", "slug", "title", "period", "kind", "created_at"])
    .where("kommun_id", "=", kommunId)
    .where("current_version_id", "is not", null)
    .execute();
  const me = surveys.find((s) => s.slug === surveySlug);
  if (!me) throw new NotFound("analysis.error.surveyNotInKommun", { slug: surveySlug });
  if (me.kind !== "medborgarenkat") throw new Invalid([fieldError("survey", "analysis.error.comparisonCitizenOnly")]);
  const earlier = surveys.filter(
    (s) => s.kind === "medborgarenkat" && s.id !== me.id && byPeriod(s, me) < 0 && s.period !== me.period,
  );
  const ordered = [...earlier].sort(byPeriod).concat([me]);

  // The current wave first: its filters must be valid (a bad filter is the caller's 422).
  const currentResults = await getResults({ db, surveyId: me.id, filters, minBase });
  const earlierFilters: RawResultFilters = { where: filters?.where, channel: filters?.channel };
  const results = await Promise.all(
    ordered.slice(0, -1).map(async (s) => {
      try {
        return await getResults({
          db,
          surveyId: s.id,
          filters: earlierFilters,
          minBase: Math.max(minBase ?? 0, currentResults.minBase),
        });
      } catch (err) {
        if (err instanceof Invalid) return null;
        throw err;
      }
    }),
  );
  results.push(currentResults);

  const waves: ComparisonWave[] = ordered.map((s, i) => ({
    surveyId: s.id,
    slug: s.slug,
    title: s.title,
    period: s.period,
    respondents: results[i]?.respondents ?? null,
    comparable: results[i] !== null,
  }));
  const indicatorOf = results.map((r) => new Map((r?.indicators ?? []).map((i) => [i.question, i])));
  const titles = new Map(currentResults.questions.map((q) => [q.name, q.group ? q.title : q.title]));
  const last = ordered.length - 1;

  const items: ItemChange[] = [];
  const trends: TrendSeries[] = [];
  for (const ind of currentResults.indicators) {
    const current = waveShare(me.id, me.period, ind);
    let previous: WaveShare | null = null;
    for (let w = last - 1; w >= 0 && !previous; w--) {
      const p = indicatorOf[w]!.get(ind.question);
      if (p && p.kind === ind.kind) previous = waveShare(ordered[w]!.id, ordered[w]!.period, p);
    }
    let change: ItemChange["change"] = null;
    if (previous && !previous.suppressed && !current.suppressed && previous.base && current.base) {
      const t = twoProportionTest(countOf(previous), previous.base, countOf(current), current.base);
      if (t) change = { diff: t.diff, low: t.low, high: t.high, z: t.z, significant: t.significant };
    }
    const title = titles.get(ind.question) ?? ind.question;
    items.push({ question: ind.question, title, kind: ind.kind, current, previous, change });
    const points = ordered.map((s, w) => {
      const p = indicatorOf[w]!.get(ind.question);
      return p && p.kind === ind.kind ? waveShare(s.id, s.period, p) : null;
    });
    if (points.filter((p) => p !== null).length >= 3)
      trends.push({ question: ind.question, title, kind: ind.kind, points });
  }
  return {
    current: waves[last]!,
    waves,
    items,
    trends,
    filters: currentResults.filters,
    minBase: currentResults.minBase,
  };
}
