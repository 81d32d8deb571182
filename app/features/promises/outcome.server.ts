/**
 * Outcome indicators (effektmått) of a focus area: an indicator item of the kommun's citizen survey (the unsafe
 * share at night in centrum, the problem share of mopeds and A-traktorer), optionally for one group (`area:x`),
 * with the baseline from the survey that motivated the promise and a direction or target value.
 *
 * - The baseline (numerator, base, share, Wilson interval) is stored when the indicator is created, so the figure
 *   the promise was made from stays fixed, and it is recomputed on every view: a difference (answers entered
 *   later, a changed definition) is shown, not hidden.
 * - Later waves: the kommun's citizen surveys (not drafts) with a later period than the baseline survey that ask
 *   the item. Each wave's share comes from `getResults`, suppressed exactly as on the problembild; the change
 *   since the stored baseline is `twoProportionTest` (pooled z, |z| ≥ 1.96; Newcombe interval), computed only
 *   when the wave's share is shown. A filter the wave does not offer makes the wave "not comparable".
 *
 * Creating and removing indicators is in outcome-editing.server.ts; reading survey figures in
 * outcome-sources.server.ts.
 */
import type { Database } from "~/platform/db.server";
import type { IndicatorKind } from "~/features/surveys/index";
import type { OutcomeDirection } from "../../../db/schema";
import { NotFound } from "~/platform/errors.server";
import { getResults } from "~/features/results/index.server";
import { twoProportionTest } from "~/features/results/index";
import { documentOfKommun, type DocumentScope } from "./document-scope.server";
import {
  citizenSurveyOfKommun,
  figureOf,
  resultsFor,
  type IndicatorFigure,
  type ResultsCache,
} from "./outcome-sources.server";

export type { IndicatorFigure } from "./outcome-sources.server";

export interface OutcomeWave {
  surveyId: number;
  slug: string;
  title: string;
  period: string;
  /** "ok": figures shown; "suppressed": fewer than the minimum base; "not_asked": the wave lacks the item;
   * "not_comparable": the filter names a group the wave does not have. */
  state: "ok" | "suppressed" | "not_asked" | "not_comparable";
  figure: IndicatorFigure | null;
  /** Change since the stored baseline, in proportions, with its interval and the z-test flag. */
  change: { diff: number; low: number; high: number; z: number; significant: boolean } | null;
  /** The change read against the indicator's direction. */
  verdict: "improved" | "worsened" | "no_significant_change" | null;
}

export interface OutcomeIndicatorView {
  id: number;
  focusAreaId: number;
  focusAreaTitle: string;
  label: string;
  question: string;
  kind: IndicatorKind;
  filter: string;
  direction: OutcomeDirection;
  targetShare: number | null;
  survey: { id: number; slug: string; title: string; period: string };
  baseline: { k: number; base: number; share: number; low: number; high: number };
  /** The baseline as the survey's answers give it now; `matchesStored` false when it differs from the stored one. */
  recomputed: IndicatorFigure & { matchesStored: boolean };
  waves: OutcomeWave[];
  /** The latest wave with a shown figure. */
  latest: OutcomeWave | null;
  /** Whether the latest shown share meets the target value (null without a target or a later figure). */
  targetMet: boolean | null;
}

/** The kommun's citizen surveys that can give a baseline (not drafts), newest period first. */
export async function listBaselineSurveys({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("survey")
    .select(["id", "slug", "title", "period"])
    .where("kommun_id", "=", kommunId)
    .where("kind", "=", "medborgarenkat")
    .where("status", "<>", "draft")
    .where("current_version_id", "is not", null)
    .orderBy("period", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * What the indicator form offers for one survey: its indicator items with their current (unfiltered) shares, and
 * the groups of its area question for the optional filter.
 */
export async function indicatorChoices({
  db,
  kommunId,
  surveySlug,
}: {
  db: Database;
  kommunId: number;
  surveySlug: string;
}) {
  const survey = await citizenSurveyOfKommun(db, kommunId, surveySlug);
  if (!survey) throw new NotFound("followup.error.surveyNotCitizen");
  const results = await getResults({ db, surveyId: survey.id });
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const areaQuestion = survey.settings.demographics?.area ?? "area";
  const area = byName.get(areaQuestion);
  return {
    survey: { slug: survey.slug, title: survey.title, period: survey.period },
    items: results.indicators.map((i) => {
      const q = byName.get(i.question);
      const title = q?.group ? `${q.group.title}: ${q.title}` : (q?.title ?? i.question);
      return { question: i.question, kind: i.kind, title, share: i.share, suppressed: i.suppressed };
    }),
    filters: area ? area.options.map((o) => ({ value: `${area.name}:${o.value}`, label: o.label })) : [],
  };
}

function verdictOf(direction: OutcomeDirection, change: OutcomeWave["change"]): OutcomeWave["verdict"] {
  if (!change) return null;
  if (!change.significant) return "no_significant_change";
  return change.diff < 0 === (direction === "decrease") ? "improved" : "worsened";
}

const SAME = 1e-9;

/** The document's outcome indicators with baseline (stored and recomputed) and every later wave's change. */
export async function listOutcomeIndicators({
  db,
  kommunId,
  documentId,
}: DocumentScope): Promise<OutcomeIndicatorView[]> {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const areaIds = doc.focusAreas.map((f) => f.id);
  if (!areaIds.length) return [];
  const rows = await db
    .selectFrom("outcome_indicator as o")
    .innerJoin("survey as s", "s.id", "o.survey_id")
    .selectAll("o")
    .select([
      "s.slug as surveySlug",
      "s.title as surveyTitle",
      "s.period as surveyPeriod",
      "s.kommun_id as surveyKommunId",
    ])
    .where("o.focus_area_id", "in", areaIds)
    .orderBy("o.focus_area_id")
    .orderBy("o.id")
    .execute();
  if (!rows.length) return [];
  const surveys = await db
    .selectFrom("survey")
    .select(["id", "slug", "title", "period", "created_at"])
    .where("kommun_id", "=", kommunId)
    .where("kind", "=", "medborgarenkat")
    .where("status", "<>", "draft")
    .where("current_version_id", "is not", null)
    .orderBy("period")
    .orderBy("id")
    .execute();
  const cache: ResultsCache = new Map();
  const out: OutcomeIndicatorView[] = [];
  for (const r of rows) {
    const baselineResults = await resultsFor(db, cache, r.survey_id, r.filter);
    const fig = baselineResults ? figureOf(baselineResults, r.question) : "not_asked";
    const recomputedFigure: IndicatorFigure =
      fig === "not_asked" ? { k: null, base: null, share: null, low: null, high: null, suppressed: true } : fig;
    const waves: OutcomeWave[] = [];
    for (const s of surveys.filter((x) => x.period > r.surveyPeriod && x.id !== r.survey_id)) {
      const results = await resultsFor(db, cache, s.id, r.filter);
      const base = { surveyId: s.id, slug: s.slug, title: s.title, period: s.period };
      if (!results) {
        waves.push({ ...base, state: "not_comparable", figure: null, change: null, verdict: null });
        continue;
      }
      const f = figureOf(results, r.question);
      if (f === "not_asked") {
        waves.push({ ...base, state: "not_asked", figure: null, change: null, verdict: null });
        continue;
      }
      if (f.suppressed) {
        waves.push({ ...base, state: "suppressed", figure: f, change: null, verdict: null });
        continue;
      }
      const t = twoProportionTest(r.baseline_k, r.baseline_base, f.k!, f.base!);
      const change = t && { diff: t.diff, low: t.low, high: t.high, z: t.z, significant: t.significant };
      waves.push({ ...base, state: "ok", figure: f, change, verdict: verdictOf(r.direction, change) });
    }
    const latest = [...waves].reverse().find((w) => w.state === "ok") ?? null;
    const latestShare = latest?.figure?.share ?? null;
    out.push({
      id: r.id,
      focusAreaId: r.focus_area_id,
      focusAreaTitle: doc.focusAreas.find((f) => f.id === r.focus_area_id)?.title ?? "",
      label: r.label,
      question: r.question,
      kind: r.kind,
      filter: r.filter,
      direction: r.direction,
      targetShare: r.target_share,
      survey: { id: r.survey_id, slug: r.surveySlug, title: r.surveyTitle, period: r.surveyPeriod },
      baseline: {
        k: r.baseline_k,
        base: r.baseline_base,
        share: r.baseline_share,
        low: r.baseline_low,
        high: r.baseline_high,
      },
      recomputed: {
        ...recomputedFigure,
        matchesStored:
          recomputedFigure.k === r.baseline_k &&
          recomputedFigure.base === r.baseline_base &&
          Math.abs((recomputedFigure.share ?? -1) - r.baseline_share) < SAME,
      },
      waves,
      latest,
      targetMet:
        r.target_share === null || latestShare === null
          ? null
          : r.direction === "decrease"
            ? latestShare <= r.target_share
            : latestShare >= r.target_share,
    });
  }
  return out;
}

/** The question bank's "Kände du till att polisen och kommunen ger medborgarlöften?" (docs/domain/question-bank.md). */
export const AWARENESS_QUESTION = "knows_promises";

export interface AwarenessWave {
  surveyId: number;
  slug: string;
  title: string;
  period: string;
  /** "ok": the yes share is shown; "suppressed": too few answers; "not_asked": the wave lacks the question. */
  state: "ok" | "suppressed" | "not_asked";
  share: number | null;
  low: number | null;
  high: number | null;
  answered: number | null;
}

/**
 * Did people notice the promises? The share who said yes to the awareness question in each of the kommun's citizen
 * surveys (not drafts), oldest period first: the published figure, suppressed exactly as on the problembild. Shown
 * beside the outcome indicators, so that the wave after a promise was published can be read against the one
 * before.
 */
export async function promiseAwareness({ db, kommunId }: { db: Database; kommunId: number }): Promise<AwarenessWave[]> {
  // Oldest first: the baseline surveys' list, newest first, reversed.
  const surveys = (await listBaselineSurveys({ db, kommunId })).reverse();
  const out: AwarenessWave[] = [];
  for (const s of surveys) {
    const base = { surveyId: s.id, slug: s.slug, title: s.title, period: s.period };
    const q = (await getResults({ db, surveyId: s.id, filters: { where: [] } })).questions.find(
      (x) => x.name === AWARENESS_QUESTION,
    );
    const yes = q?.options.find((o) => o.value === "true" || o.value === "yes" || o.value === "ja");
    if (!q || !yes) out.push({ ...base, state: "not_asked", share: null, low: null, high: null, answered: null });
    else if (yes.suppressed || yes.share === null)
      out.push({ ...base, state: "suppressed", share: null, low: null, high: null, answered: null });
    else out.push({ ...base, state: "ok", share: yes.share, low: yes.ci_low, high: yes.ci_high, answered: q.answered });
  }
  return out;
}
