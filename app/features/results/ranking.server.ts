/**
 * The theme ranking of the problembild (docs/domain/statistics.md#theme-ranking-across-sources; docs/sources.md): one list
 * of the taxonomy's themes, scored per source (citizen survey, staff survey, meetings, coded free text, EST weekly
 * reports) and
 * combined with weights the analyst can change. Every score carries the figures behind it as Swedish sentences
 * with a link to the view that produced each one.
 *
 * The parts per source are in ranking-parts.server.ts, the weights in ranking-weights.server.ts.
 */
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { THEME_KEYS } from "~/features/surveys/index";
import type { SurveyDefinition } from "~/features/surveys/index";
import { EST_MIN_AREA_WEEKS } from "~/features/est/index";
import { getResults } from "./results.server";
import { staffThemeScores } from "./staff.server";
import { listQuotes } from "./freetext.server";
import { combineThemeScores, DEFAULT_WEIGHTS, SOURCE_KEYS, type SourceKey } from "./domain/statistics";
import type { RankedTheme, ThemeRanking } from "./domain/ranking";
import type { SurveyMeasure } from "./domain/ranking-measure";
import {
  estParts,
  freetextParts,
  labelOf,
  latestSurvey,
  meetingParts,
  periodDates,
  surveyParts,
  type SourceParts,
} from "./ranking-parts.server";
import { parseMeasure, parseWeights, savedWeights, type Weights } from "./ranking-weights.server";

export type { SurveyMeasure } from "./domain/ranking-measure";

/** What the ranking rests on, for the page's summary (optional fields beside the shared ThemeRanking). */
export interface RankingSources {
  citizen: { surveySlug: string; title: string; period: string; respondents: number | null } | null;
  staff: { surveySlug: string; title: string; period: string; respondents: number | null } | null;
  meetings: { meetings: number; from: string | null; to: string | null } | null;
  freetext: { coded: number; suppressed: boolean; minBase: number } | null;
  /** EST weekly reports of the period; null when none is reviewed (docs/domain/est.md, "EST in the theme ranking"). */
  est: {
    /** Reviewed reports, the area-weeks and zones they cover, the weeks from the first to the last. */
    reports: number;
    areaWeeks: number;
    zones: number;
    fromWeek: string;
    toWeek: string;
    /** Reports of the period that await review and do not count. */
    pending: number;
    /** True when there are fewer area-weeks than `minAreaWeeks`: EST gives no score yet. */
    tooFew: boolean;
    minAreaWeeks: number;
    demo: boolean;
    /** The EST picture the figures come from. */
    link: string;
  } | null;
}

export type RankedThemeDetails = RankedTheme & {
  /** The combined score if every part sat at the low or high end of its 95 % interval (meetings have none). */
  range?: { low: number; high: number } | null;
  /** Pinned quotes coded with the theme. */
  quotes?: string[];
};

export interface ThemeRankingDetails extends ThemeRanking {
  themes: RankedThemeDetails[];
  sources?: RankingSources;
  /** Which survey figure the citizen and staff scores use (docs/domain/statistics.md#survey-scores: the analyst picks; default the mean). */
  measure?: SurveyMeasure;
}
/**
 * The theme ranking of a kommun, built on a citizen survey (`surveySlug`, else the kommun's latest one with
 * answers): citizen and free-text scores from that survey, staff scores from the kommun's latest staff survey
 * with answers, meeting scores from the meetings held in the survey's period (all meetings when there is no
 * survey), EST scores from the reviewed weekly reports of the ISO weeks of the survey's years (all of them when there
 * is no survey). Themes without data from any source come last with a null score.
 */
export async function getThemeRanking({
  db,
  kommunId,
  surveySlug,
  weights,
  measure = "mean",
}: {
  db: Database;
  kommunId: number;
  surveySlug?: string | null;
  weights?: Partial<Record<SourceKey, number>> | null;
  measure?: SurveyMeasure;
}): Promise<ThemeRankingDetails> {
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("id", "=", kommunId)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!kommun) throw new NotFound("account.error.kommunNotFound");
  const w: Weights = parseWeights(
    Object.fromEntries(SOURCE_KEYS.map((s) => [s, weights?.[s] === undefined ? undefined : String(weights[s])])),
  );

  let citizen: Awaited<ReturnType<typeof latestSurvey>>;
  if (surveySlug) {
    citizen = await db
      .selectFrom("survey as s")
      .select(["s.id", "s.slug", "s.title", "s.period", "s.kind", "s.kommun_id"])
      .where("s.slug", "=", surveySlug)
      .executeTakeFirst();
    if (!citizen || citizen.kommun_id !== kommunId)
      throw new NotFound("surveys.error.slugNotFound", { slug: surveySlug });
    if (citizen.kind !== "medborgarenkat") throw new Invalid([fieldError("survey", "ranking.error.citizenOnly")]);
  } else {
    citizen = await latestSurvey(db, kommunId, "medborgarenkat");
  }
  const staff = await latestSurvey(db, kommunId, "medarbetardialog");
  const base = `/app/${kommun.slug}/enkater`;
  const definitionOf = async (id: number) =>
    (
      await db
        .selectFrom("survey as s")
        .innerJoin("survey_version as v", "v.id", "s.current_version_id")
        .select("v.definition")
        .where("s.id", "=", id)
        .executeTakeFirstOrThrow()
    ).definition as SurveyDefinition;

  const bySource = {} as Record<SourceKey, SourceParts>;
  const sources: RankingSources = { citizen: null, staff: null, meetings: null, freetext: null, est: null };
  let quotes: Awaited<ReturnType<typeof listQuotes>> = [];

  if (citizen) {
    const results = await getResults({ db, surveyId: citizen.id });
    bySource.citizen = surveyParts(
      results,
      await definitionOf(citizen.id),
      { subject: `de svarande i ${kommun.name}`, priorityQuestion: "priorities" },
      `${base}/${citizen.slug}/resultat`,
      citizen.slug,
      measure,
    );
    sources.citizen = {
      surveySlug: citizen.slug,
      title: citizen.title,
      period: citizen.period,
      respondents: results.respondents,
    };
    const ft = await freetextParts(
      db,
      citizen.id,
      (t) => `${base}/${citizen.slug}/fritext?theme=${t}&state=coded`,
      citizen.slug,
    );
    bySource.freetext = ft.parts;
    sources.freetext = { coded: ft.scores.coded, suppressed: ft.scores.suppressed, minBase: ft.scores.minBase };
    quotes = await listQuotes({ db, surveyId: citizen.id });
  }
  if (staff) {
    // The score is staffThemeScores' (docs/sources.md); the intervals for the sentences come from the same
    // survey's results, which count the same codes.
    const scores = await staffThemeScores({ db, surveyId: staff.id });
    const results = await getResults({ db, surveyId: staff.id });
    const parts = surveyParts(
      results,
      await definitionOf(staff.id),
      { subject: "medarbetarna", priorityQuestion: "staff_priorities" },
      `${base}/${staff.slug}/resultat`,
      staff.slug,
      measure,
    );
    const out: SourceParts = new Map();
    for (const t of scores.themes) {
      const score = measure === "problem" ? t.problemShare : measure === "priorities" ? t.priorityShare : t.score;
      if (score === null) continue;
      const p = parts.get(t.theme);
      for (const e of p?.evidence ?? []) e.source = "staff";
      // The interval of the results when they agree with the score; otherwise the score alone.
      const agrees = p && Math.abs(p.part.score - score) < 1e-9;
      out.set(t.theme, { part: agrees ? p.part : { score, low: score, high: score }, evidence: p?.evidence ?? [] });
    }
    bySource.staff = out;
    sources.staff = {
      surveySlug: staff.slug,
      title: staff.title,
      period: staff.period,
      respondents: scores.respondents,
    };
  }
  const period = citizen ? periodDates(citizen.period) : null;
  const meetings = await meetingParts(db, kommunId, kommun.slug, period);
  if (meetings.meetings > 0) {
    bySource.meetings = meetings.parts;
    sources.meetings = { meetings: meetings.meetings, from: period?.from ?? null, to: period?.to ?? null };
  }
  const est = await estParts(db, kommunId, kommun.slug, period);
  if (est.counts) {
    bySource.est = est.parts;
    sources.est = {
      reports: est.counts.reports,
      areaWeeks: est.counts.areaWeeks,
      zones: est.counts.zones,
      fromWeek: est.counts.fromWeek!,
      toWeek: est.counts.toWeek!,
      pending: est.counts.pending,
      tooFew: est.counts.areaWeeks < EST_MIN_AREA_WEEKS,
      minAreaWeeks: EST_MIN_AREA_WEEKS,
      demo: est.counts.demo,
      link: est.counts.link,
    };
  }

  const combined = combineThemeScores<string>({
    sources: Object.fromEntries(
      SOURCE_KEYS.map((s) => [
        s,
        Object.fromEntries([...(bySource[s] ?? new Map()).entries()].map(([t, v]) => [t, v.part.score])),
      ]),
    ),
    weights: w,
  });
  const seen = new Set(combined.map((c) => c.theme));
  const all = [
    ...combined,
    ...THEME_KEYS.filter((t) => !seen.has(t)).map((theme) => ({ theme, score: null, parts: [] })),
  ];
  const themes: RankedThemeDetails[] = all.map((c, i) => {
    const partsOf = c.parts.map((p) => ({ ...p, range: bySource[p.source]!.get(c.theme)!.part }));
    const weightSum = partsOf.reduce((a, p) => a + p.weight, 0);
    const range =
      c.score !== null && weightSum > 0
        ? {
            low: partsOf.reduce((a, p) => a + p.weight * p.range.low, 0) / weightSum,
            high: partsOf.reduce((a, p) => a + p.weight * p.range.high, 0) / weightSum,
          }
        : null;
    return {
      theme: c.theme,
      labelSv: labelOf(c.theme),
      rank: i + 1,
      score: c.score,
      parts: c.parts,
      evidence: SOURCE_KEYS.flatMap((s) => bySource[s]?.get(c.theme)?.evidence ?? []),
      range,
      quotes: quotes.filter((q) => q.themes.includes(c.theme)).map((q) => q.text),
    };
  });
  return {
    kommunId,
    kommunSlug: kommun.slug,
    kommunName: kommun.name,
    surveySlug: citizen?.slug ?? null,
    weights: w,
    themes,
    sources,
    measure,
  };
}
/**
 * The ranking page: the ranking with the URL's weights (else the kommun's saved ones, else the defaults), the
 * kommun's citizen surveys to choose from, and where the weights came from.
 */
export async function getRankingPage({
  db,
  kommunId,
  surveySlug,
  rawWeights,
  rawMeasure,
}: {
  db: Database;
  kommunId: number;
  surveySlug?: string | null;
  rawWeights: Partial<Record<SourceKey, string | null>>;
  rawMeasure?: string | null;
}) {
  const fromUrl = SOURCE_KEYS.some((s) => (rawWeights[s] ?? "").trim() !== "");
  const saved = await savedWeights({ db, kommunId });
  const weights = fromUrl ? parseWeights(rawWeights) : (saved ?? { ...DEFAULT_WEIGHTS });
  const ranking = await getThemeRanking({ db, kommunId, surveySlug, weights, measure: parseMeasure(rawMeasure) });
  const surveys = await db
    .selectFrom("survey")
    .select(["slug", "title", "period"])
    .where("kommun_id", "=", kommunId)
    .where("kind", "=", "medborgarenkat")
    .where("current_version_id", "is not", null)
    .orderBy("period", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return {
    ranking,
    surveys,
    weightsFrom: fromUrl ? ("url" as const) : saved ? ("saved" as const) : ("default" as const),
    saved,
  };
}
