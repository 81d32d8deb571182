/**
 * The theme ranking of the problembild (docs/domain/statistics.md#theme-ranking-across-sources; docs/sources.md): one list
 * of the taxonomy's themes, scored per source (citizen survey, staff survey, meetings, coded free text) and
 * combined with weights the analyst can change. Every score carries the figures behind it as Swedish sentences
 * with a link to the view that produced each one.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, type FieldError } from "~/platform/errors.server";
import { THEME_KEYS, THEMES } from "~/features/surveys/index";
import { questionThemes, type SurveyDefinition } from "~/features/surveys/index";
import { translate, type MessageKey } from "~/i18n/i18n";
import { getResults, type Results } from "./results.server";
import { meetingThemeScores } from "~/features/dialogue/index.server";
import { staffThemeScores } from "./staff.server";
import { freetextThemeScores, listQuotes } from "./freetext.server";
import {
  combineThemeScores,
  DEFAULT_WEIGHTS,
  describeShareSv,
  formatPercent,
  SOURCE_KEYS,
  wilson,
  type SourceKey,
} from "./domain/statistics";
import type { RankedTheme, RankingEvidence, ThemeRanking } from "./domain/ranking";
import { SURVEY_MEASURES, type SurveyMeasure } from "./domain/ranking-measure";

export type { SurveyMeasure } from "./domain/ranking-measure";

export type Weights = Record<SourceKey, number>;

/** What the ranking rests on, for the page's summary (optional fields beside the shared ThemeRanking). */
export interface RankingSources {
  citizen: { surveySlug: string; title: string; period: string; respondents: number | null } | null;
  staff: { surveySlug: string; title: string; period: string; respondents: number | null } | null;
  meetings: { meetings: number; from: string | null; to: string | null } | null;
  freetext: { coded: number; suppressed: boolean; minBase: number } | null;
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

/** The measure from the URL (`measure=problem`); missing or empty is the mean. Invalid otherwise. */
export function parseMeasure(raw: string | null | undefined): SurveyMeasure {
  if (raw === null || raw === undefined || raw === "") return "mean";
  const m = SURVEY_MEASURES.find((x) => x === raw);
  if (!m)
    throw new Invalid(
      [{ field: "measure", message: `Välj ett av ${SURVEY_MEASURES.join(", ")}` }],
      "Vikterna behöver rättas",
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
      errors.push({ field: `w_${s}`, message: `Vikten ska vara ett tal från 0 till ${WEIGHT_MAX} (fick "${v}")` });
    else out[s] = n;
  }
  if (!errors.length && SOURCE_KEYS.every((s) => out[s] === 0))
    errors.push({ field: "w_citizen", message: "Minst en vikt måste vara större än 0" });
  if (errors.length) throw new Invalid(errors, "Vikterna behöver rättas");
  return out;
}

/** "Polisiär närvaro …" → "polisiär närvaro …", for use inside a sentence (keeps "ANDT" and names as they are). */
const inSentence = (label: string) => label.charAt(0).toLocaleLowerCase("sv-SE") + label.slice(1);
const labelOf = (theme: string) =>
  (THEMES as Record<string, { label: { sv: string } } | undefined>)[theme]?.label.sv ?? theme;

/** The years a period label covers: "2026" → 2026-01-01..2026-12-31, "2025-2026" → 2025-01-01..2026-12-31. */
export function periodDates(period: string): { from: string; to: string } | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period.trim());
  if (!m) return null;
  return { from: `${m[1]}-01-01`, to: `${m[2] ?? m[1]}-12-31` };
}

type Part = { score: number; low: number; high: number };
type SourceParts = Map<string, { part: Part; evidence: RankingEvidence[] }>;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function latestSurvey(db: Database, kommunId: number, kind: "medborgarenkat" | "medarbetardialog") {
  return db
    .selectFrom("survey as s")
    .select(["s.id", "s.slug", "s.title", "s.period", "s.kind", "s.kommun_id"])
    .where("s.kommun_id", "=", kommunId)
    .where("s.kind", "=", kind)
    .where("s.current_version_id", "is not", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("response as r")
          .select(sql`1`.as("one"))
          .whereRef("r.survey_id", "=", "s.id"),
      ),
    )
    .orderBy("s.period", "desc")
    .orderBy("s.created_at", "desc")
    .orderBy("s.id", "desc")
    .executeTakeFirst();
}

/**
 * Citizen survey: per theme, the highest problem share among the theme's problem items (matrix rows tagged with
 * the theme, question-bank `rowThemes` or the definition's own `themes`) and the share naming the theme among
 * `priorities`; the score is their mean where both exist (the default of docs/domain/statistics.md#survey-scores), else the one that exists.
 */
function surveyParts(
  results: Results,
  definition: SurveyDefinition,
  who: { subject: string; priorityQuestion: string },
  href: string,
  surveySlug: string,
  measure: SurveyMeasure = "mean",
): SourceParts {
  const out: SourceParts = new Map();
  if (results.suppressed) return out;
  const tags = questionThemes(definition);
  const titleOf = new Map(results.questions.map((q) => [q.name, q.title]));
  const problems = results.indicators.filter(
    (i) => i.kind === "problem" && !i.suppressed && i.share !== null && i.ci_low !== null && i.ci_high !== null,
  );
  const priorities = results.questions.find((q) => q.name === who.priorityQuestion);
  const themes = new Set<string>([...THEME_KEYS, ...problems.flatMap((i) => tags[i.question] ?? [])]);
  for (const theme of themes) {
    const items = problems.filter((i) => (tags[i.question] ?? []).includes(theme)).sort((a, b) => b.share! - a.share!);
    const option = priorities?.answered ? priorities.options.find((o) => o.value === theme) : undefined;
    const prio =
      option && !option.suppressed && option.share !== null && option.ci_low !== null && option.ci_high !== null
        ? option
        : null;
    const parts: Part[] = [];
    const evidence: RankingEvidence[] = [];
    const top = items[0];
    if (top && measure !== "priorities") parts.push({ score: top.share!, low: top.ci_low!, high: top.ci_high! });
    if (prio && measure !== "problem") parts.push({ score: prio.share!, low: prio.ci_low!, high: prio.ci_high! });
    if (!parts.length) continue;
    if (prio) {
      evidence.push({
        source: "citizen",
        sentenceSv: `${describeShareSv({ share: prio.share!, low: prio.ci_low!, high: prio.ci_high!, subject: `${who.subject} vill att polis och kommun prioriterar ${inSentence(labelOf(theme))}` })}.`,
        href,
        share: { p: prio.share!, low: prio.ci_low!, high: prio.ci_high! },
        n: priorities!.answered,
        surveySlug,
        question: who.priorityQuestion,
      });
    }
    for (const i of items) {
      evidence.push({
        source: "citizen",
        sentenceSv: `${describeShareSv({ share: i.share!, low: i.ci_low!, high: i.ci_high!, subject: `${who.subject} som tog ställning anser att ${inSentence(titleOf.get(i.question) ?? i.question)} är ett mycket eller ganska stort problem` })}${i === top ? " (temats högsta problemandel)" : ""}.`,
        href,
        share: { p: i.share!, low: i.ci_low!, high: i.ci_high! },
        n: i.base,
        surveySlug,
        question: i.question,
      });
    }
    out.set(theme, {
      part: {
        score: mean(parts.map((p) => p.score)),
        low: mean(parts.map((p) => p.low)),
        high: mean(parts.map((p) => p.high)),
      },
      evidence,
    });
  }
  return out;
}

const fmt = (p: number) => formatPercent(p, "sv");

async function meetingParts(
  db: Database,
  kommunId: number,
  kommunSlug: string,
  period: { from: string; to: string } | null,
) {
  const m = await meetingThemeScores({ db, kommunId, from: period?.from, to: period?.to });
  const out: SourceParts = new Map();
  const when = period
    ? ` ${period.from.slice(0, 4)}${period.to.slice(0, 4) !== period.from.slice(0, 4) ? `–${period.to.slice(0, 4)}` : ""}`
    : "";
  for (const t of m.themes) {
    const evidence: RankingEvidence[] = [
      {
        source: "meetings",
        sentenceSv: `${t.meetings} av ${m.meetings} möten${when} tog upp ${inSentence(labelOf(t.theme))}; räknat efter antal deltagare är det ${fmt(t.share)} av mötena.`,
        href: `/app/${kommunSlug}/moten`,
        n: m.meetings,
      },
      ...t.evidence.map((e) => ({
        source: "meetings" as const,
        sentenceSv: `${translate("sv", `dialog.meet.kind.${e.kind}` as MessageKey)} ${String(e.heldOn).slice(0, 10)}${e.place ? `, ${e.place}` : ""}: ${e.participants} deltagare${e.raisedBy ? `, ${e.raisedBy} tog upp temat` : ""}${e.votes !== null ? `, ${e.votes} röster` : ""}.`,
        href: `/app/${kommunSlug}/moten/${e.meetingId}`,
        n: e.participants,
      })),
    ];
    out.set(t.theme, { part: { score: t.share, low: t.share, high: t.share }, evidence });
  }
  return { parts: out, meetings: m.meetings };
}

async function freetextParts(db: Database, surveyId: number, href: (theme: string) => string, surveySlug: string) {
  const s = await freetextThemeScores({ db, surveyId });
  const out: SourceParts = new Map();
  if (s.suppressed) return { parts: out, scores: s };
  const named = new Map(s.themes.map((t) => [t.theme, t]));
  for (const theme of new Set<string>([...THEME_KEYS, ...named.keys()])) {
    const n = named.get(theme)?.n ?? 0;
    const w = wilson(n, s.coded)!;
    out.set(theme, {
      part: { score: w.p, low: w.low, high: w.high },
      evidence: [
        {
          source: "freetext",
          sentenceSv: `${describeShareSv({ share: w.p, low: w.low, high: w.high, subject: `de ${s.coded} kodade kommentarerna tar upp ${inSentence(labelOf(theme))}` })} (${n} kommentarer).`,
          href: href(theme),
          share: { p: w.p, low: w.low, high: w.high },
          n: s.coded,
          surveySlug,
        },
      ],
    });
  }
  return { parts: out, scores: s };
}

/**
 * The theme ranking of a kommun, built on a citizen survey (`surveySlug`, else the kommun's latest one with
 * answers): citizen and free-text scores from that survey, staff scores from the kommun's latest staff survey
 * with answers, meeting scores from the meetings held in the survey's period (all meetings when there is no
 * survey). Themes without data from any source come last with a null score.
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
  if (!kommun) throw new NotFound("Kommunen finns inte");
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
    if (!citizen || citizen.kommun_id !== kommunId) throw new NotFound(`Enkäten ${surveySlug} finns inte`);
    if (citizen.kind !== "medborgarenkat")
      throw new Invalid([
        { field: "survey", message: "Rangordningen utgår från en medborgarenkät, inte en medarbetardialog" },
      ]);
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
  const sources: RankingSources = { citizen: null, staff: null, meetings: null, freetext: null };
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
