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
 */
import type { Database } from "~/platform/db.server";
import type { IndicatorKind } from "~/features/surveys/index";
import type { OutcomeDirection } from "../../../db/schema";
import { Invalid, NotFound, type FieldError } from "~/platform/errors.server";
import { getResults, type Results } from "~/features/results/index.server";
import { twoProportionTest } from "~/features/results/index";
import { documentOfKommun, isRowId } from "./follow-up.server";

export interface IndicatorFigure {
  /** Numerator (e.g. answered 4 or 3) and base (answered minus "vet ej"); null when suppressed. */
  k: number | null;
  base: number | null;
  share: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

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

type ResultsCache = Map<string, Promise<Results | null>>;

/** Results of a survey for an optional `q:v` filter; null when the filter does not fit the survey. Memoised per call. */
function resultsFor(db: Database, cache: ResultsCache, surveyId: number, filter: string): Promise<Results | null> {
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

function figureOf(results: Results, question: string): IndicatorFigure | "not_asked" {
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

async function citizenSurveyOfKommun(db: Database, kommunId: number, slug: string) {
  const s = await db
    .selectFrom("survey")
    .select(["id", "slug", "title", "period", "kind", "status", "settings"])
    .where("slug", "=", slug)
    .where("kommun_id", "=", kommunId)
    .where("current_version_id", "is not", null)
    .executeTakeFirst();
  return s && s.kind === "medborgarenkat" && s.status !== "draft" ? s : undefined;
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
  if (!survey) throw new NotFound("Enkäten finns inte bland kommunens medborgarenkäter");
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

export interface OutcomeIndicatorInput {
  focusAreaId: string | number;
  surveySlug: string;
  question: string;
  filter?: string;
  direction: string;
  /** Target in percent ("25" or "25,5"); empty = direction only. */
  targetPercent?: string;
  label?: string;
}

/**
 * Adds an outcome indicator to a focus area of the kommun's document, with its baseline computed now from the
 * chosen survey (and stored). Invalid (per field) when the item, filter or survey does not fit, or when the
 * baseline group is below the minimum base (no figure may be stored from a suppressed group).
 */
export async function createOutcomeIndicator({
  db,
  kommunId,
  documentId,
  accountId,
  input,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number | null;
  input: OutcomeIndicatorInput;
}): Promise<number> {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const errors: FieldError[] = [];
  const focusArea = doc.focusAreas.find((f) => String(f.id) === String(input.focusAreaId).trim());
  if (!focusArea) errors.push({ field: "focusAreaId", message: "Välj ett av dokumentets fokusområden." });
  const direction = input.direction === "decrease" || input.direction === "increase" ? input.direction : null;
  if (!direction) errors.push({ field: "direction", message: "Välj om andelen ska minska eller öka." });
  let targetShare: number | null = null;
  const rawTarget = String(input.targetPercent ?? "")
    .trim()
    .replace(",", ".");
  if (rawTarget !== "") {
    const t = Number(rawTarget);
    if (!/^\d+(\.\d+)?$/.test(rawTarget) || !Number.isFinite(t) || t < 0 || t > 100)
      errors.push({
        field: "targetPercent",
        message: "Ange målvärdet i procent, ett tal från 0 till 100, eller lämna tomt.",
      });
    else targetShare = t / 100;
  }
  const label = String(input.label ?? "").trim();
  if (label.length > 300) errors.push({ field: "label", message: "Benämningen får vara högst 300 tecken." });
  const survey = await citizenSurveyOfKommun(db, kommunId, String(input.surveySlug ?? ""));
  if (!survey) {
    errors.push({ field: "surveySlug", message: "Välj en av kommunens medborgarenkäter." });
    throw new Invalid(errors, "Effektmåttet behöver rättas");
  }
  const filter = String(input.filter ?? "").trim();
  const results = await resultsFor(db, new Map(), survey.id, filter);
  if (!results) {
    errors.push({ field: "filter", message: `Gruppen "${filter}" finns inte i enkäten ${survey.title}.` });
    throw new Invalid(errors, "Effektmåttet behöver rättas");
  }
  const question = String(input.question ?? "");
  const figure = figureOf(results, question);
  if (figure === "not_asked")
    errors.push({
      field: "question",
      message: "Välj en av enkätens indikatorfrågor (problem, otrygghet eller förtroende).",
    });
  else if (figure.suppressed)
    errors.push({
      field: "filter",
      message: `Gruppen har färre än ${results.minBase} svar på frågan; välj en större grupp eller ingen avgränsning.`,
    });
  if (direction && targetShare !== null && figure !== "not_asked" && !figure.suppressed) {
    const wrongWay = direction === "decrease" ? targetShare >= figure.share! : targetShare <= figure.share!;
    if (wrongWay)
      errors.push({
        field: "targetPercent",
        message: `Målvärdet ska ligga ${direction === "decrease" ? "under" : "över"} utgångsläget (${(figure.share! * 100).toFixed(0)} %).`,
      });
  }
  if (errors.length) throw new Invalid(errors, "Effektmåttet behöver rättas");
  const f = figure as IndicatorFigure;
  const kind = results.indicators.find((i) => i.question === question)!.kind;
  const q = results.questions.find((x) => x.name === question);
  const filterLabel = filter
    ? (results.questions
        .find((x) => x.name === filter.split(":")[0])
        ?.options.find((o) => `${filter.split(":")[0]}:${o.value}` === filter)?.label ?? filter)
    : "";
  // A matrix row's own text names the item ("Buskörning med moped ..."); the matrix title is the same for all rows.
  const defaultLabel = `${q?.title ?? question}${filterLabel ? ` (${filterLabel})` : ""}`;
  const row = await db
    .insertInto("outcome_indicator")
    .values({
      focus_area_id: focusArea!.id,
      survey_id: survey.id,
      question,
      kind,
      filter,
      label: label || defaultLabel,
      direction: direction!,
      target_share: targetShare,
      baseline_k: f.k!,
      baseline_base: f.base!,
      baseline_share: f.share!,
      baseline_low: f.low!,
      baseline_high: f.high!,
      created_by: accountId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes an outcome indicator of the kommun's document. */
export async function deleteOutcomeIndicator({
  db,
  kommunId,
  documentId,
  indicatorId,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  indicatorId: number;
}) {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const areaIds = doc.focusAreas.map((f) => f.id);
  const res =
    areaIds.length && isRowId(indicatorId)
      ? await db
          .deleteFrom("outcome_indicator")
          .where("id", "=", indicatorId)
          .where("focus_area_id", "in", areaIds)
          .executeTakeFirst()
      : null;
  if (!res || Number(res.numDeletedRows) === 0) throw new NotFound("Effektmåttet finns inte");
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
}: {
  db: Database;
  kommunId: number;
  documentId: number;
}): Promise<OutcomeIndicatorView[]> {
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
