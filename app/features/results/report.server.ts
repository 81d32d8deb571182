/**
 * The printable problembild report of a survey: what the "Problembild" section of a medborgarlöfte document says
 * (docs/domain/seeds.md), written from the figures: the themes to work on, key findings as sentences with their margin
 * ("62 % (±3) av de svarande i Haparanda kommun anser att ..."), the top problem items, the change since the
 * previous wave, and a method note. Every figure comes from getResults (suppressed exactly as on the page); a
 * suppressed indicator gives no sentence.
 *
 * Themes: the kommun's theme ranking (ranking.server.ts, every source, the analyst's saved weights) for a
 * citizen survey. It is computed over the whole survey, not the filtered group, and the report says so. For a
 * staff survey (or when no ranking can be made) the themes are ranked by the survey's own problem items: a theme's
 * score is its highest problem share (docs/domain/statistics.md#survey-scores), and the report says that too.
 */
import type { Database } from "~/platform/db.server";
import { DomainError } from "~/platform/errors.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { THEMES, type ThemeKey } from "~/features/surveys/index";
import { rowThemes, type ProblemRowKey } from "~/features/surveys/index";
import { indicatorItem, type ShareItem, type ShareValue } from "./domain/shares";
import { getComparison } from "./comparison.server";
import { describeFilters, exportQuery, type ExportRequest } from "./export-request.server";
import { loadResultsSource, parseResultFilters, CHANNELS } from "./counting/source.server";
import { countParticipation } from "./counting/count.server";
import { getResults, type ResultIndicator, type ResultQuestion } from "./results.server";
import { formatMargin, formatPercent, formatPp, suppressBreakdown } from "./domain/statistics";
import { getThemeRanking } from "./ranking.server";
import { savedWeights } from "./ranking-weights.server";

export interface ReportTheme {
  theme: string;
  label: string;
  /** Combined score in [0, 1] (or the highest problem share, for the fallback). */
  score: number | null;
  /** Up to two sentences with the figures behind the theme. */
  evidence: string[];
}

export interface ReportChange {
  question: string;
  title: string;
  kind: ResultIndicator["kind"];
  previousPeriod: string;
  previous: number;
  current: number;
  /** "+4,1 procentenheter (±3,0)" */
  changeText: string;
  significant: boolean;
}

export interface ProblemPictureReport {
  kommun: { slug: string; name: string };
  survey: { slug: string; title: string; period: string; kind: string };
  /** The filters in words, and as a query string for links to the page and the exports. */
  filtersText: string;
  filtered: boolean;
  query: string;
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  /** First and last day with an answer in the group (null when suppressed or empty). */
  fieldwork: { from: string; to: string } | null;
  channels: { channel: string; n: number | null }[];
  themes: { source: "ranking" | "problem_items"; sources: string[]; items: ReportTheme[]; unfiltered: boolean };
  findings: string[];
  problems: ShareItem[];
  safety: ShareItem[];
  likert: {
    key: string;
    label: string;
    shares: Record<string, number | null>;
    suppressed: boolean;
    base: number | null;
  }[];
  likertCategories: { key: string; label: string }[];
  changes: { previousPeriod: string | null; items: ReportChange[] } | null;
  /** The trend of the (currently) largest problem items over the kommun's waves, when there are three or more. */
  trend: { periods: string[]; series: { key: string; label: string; values: ShareValue[] }[] } | null;
}

const TREND_ITEMS = 4;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "Försäljning av narkotika" → "försäljning av narkotika" (kept when the word is an acronym: "EPA-traktor"). */
export function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1]!.toLocaleUpperCase("sv") && s[1] !== s[1]!.toLocaleLowerCase("sv")
    ? s
    : s.charAt(0).toLocaleLowerCase("sv") + s.slice(1);
}

const FINDING_KEYS: Partial<Record<string, MessageKey>> = {
  safe_night_area: "report.finding.safe_night_area",
  safe_night_centre: "report.finding.safe_night_centre",
  trust_police_local: "report.finding.trust_police_local",
  trust_kommun_safety: "report.finding.trust_kommun_safety",
};

/** A key finding as a sentence, or null when the indicator is suppressed. */
export function findingSentence(
  t: T,
  locale: Locale,
  i: ResultIndicator,
  q: Pick<ResultQuestion, "title">,
  subject: string,
): string | null {
  if (i.suppressed || i.share === null || i.ci_low === null || i.ci_high === null) return null;
  const params = {
    share: formatPercent(i.share, locale),
    margin: formatMargin({ p: i.share, low: i.ci_low, high: i.ci_high }),
    subject,
    item: lowerFirst(q.title),
  };
  const key =
    FINDING_KEYS[i.question] ??
    (i.kind === "problem"
      ? "report.finding.problem"
      : i.kind === "safety"
        ? "report.finding.safety"
        : "report.finding.trust");
  return t(key, params);
}

/** A difference in percentage points as a signed number with one decimal: "+4,1", "−0,3". */
function ppNumber(diff: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).format(diff * 100);
}

const byShare = (a: ResultIndicator, b: ResultIndicator) => (b.share ?? -1) - (a.share ?? -1);

/** The filtered group's respondents per channel with its first and last day, from `countParticipation`. */
async function fieldworkAndChannels(db: Database, surveyId: number, request: ExportRequest) {
  const source = await loadResultsSource(db, surveyId);
  const filters = parseResultFilters(source, request.filters);
  const { group, totals } = await countParticipation(db, source, filters);
  const byChannel = new Map<string, { channel: string; n: number; first: string; last: string }>();
  for (const r of group) {
    if (r.n <= 0) continue;
    // The channel's count is its own published count (the same as the participation view's), not a sum of days.
    const n = totals?.byChannel.get(r.channel) ?? r.n;
    const c = byChannel.get(r.channel);
    if (!c) byChannel.set(r.channel, { channel: r.channel, n, first: r.day, last: r.day });
    else {
      if (r.day < c.first) c.first = r.day;
      if (r.day > c.last) c.last = r.day;
    }
  }
  return [...byChannel.values()];
}

/** Themes ranked by the survey's own problem items: a theme's score is its highest shown problem share. */
function themesFromProblemItems(
  t: T,
  locale: Locale,
  indicators: ResultIndicator[],
  titleOf: (q: string) => string,
  subject: string,
): ReportTheme[] {
  const best = new Map<ThemeKey, ResultIndicator[]>();
  for (const i of indicators) {
    if (i.kind !== "problem" || i.suppressed || i.share === null) continue;
    const row = i.question.split(".")[1] as ProblemRowKey | undefined;
    for (const theme of (row && rowThemes[row]) || []) best.set(theme, [...(best.get(theme) ?? []), i]);
  }
  return [...best]
    .map(([theme, items]) => {
      const sorted = [...items].sort(byShare);
      return {
        theme,
        label: THEMES[theme].label[locale === "en" ? "en" : "sv"],
        score: sorted[0]!.share,
        evidence: sorted
          .slice(0, 2)
          .flatMap((i) => findingSentence(t, locale, i, { title: titleOf(i.question) }, subject) ?? []),
      };
    })
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}

const THEME_COUNT = 4;
const FINDINGS_PER_KIND = { problem: 3, safety: 2, trust: 2 } as const;

/**
 * The report of one survey for the request's filters. `kommun` is the survey's kommun (already checked by the
 * caller). Throws Invalid for filters that do not fit the survey.
 */
export async function getProblemPictureReport({
  db,
  kommun,
  survey,
  request,
  locale = "sv",
}: {
  db: Database;
  kommun: { id: number; slug: string; name: string };
  survey: { id: number; slug: string; title: string; period: string; kind: string };
  request: ExportRequest;
  locale?: Locale;
}): Promise<ProblemPictureReport> {
  const t: T = (key, params) => translate(locale, key, params);
  const results = await getResults({ db, surveyId: survey.id, filters: request.filters });
  const min = results.minBase;
  const filtered =
    results.filters.where.length > 0 ||
    !!results.filters.from ||
    !!results.filters.to ||
    results.filters.channels.length > 0;
  const subject = filtered ? t("report.subject.filtered") : t("report.subject.kommun", { kommun: kommun.name });
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const titleOf = (name: string) => byName.get(name)?.title ?? name;

  // Fieldwork and channels, suppressed like any breakdown of the respondents.
  const groups = await fieldworkAndChannels(db, survey.id, request);
  const counts = CHANNELS.map((c) => ({ key: c, n: groups.find((g) => g.channel === c)?.n ?? 0 })).filter(
    (c) => c.n > 0,
  );
  const channelCells = results.suppressed ? [] : suppressBreakdown(counts, results.respondents, min).cells;
  const channels = channelCells.map((c) => ({ channel: c.key, n: c.n }));
  const fieldwork =
    results.suppressed || groups.length === 0
      ? null
      : {
          from: groups.map((g) => g.first).sort()[0]!,
          to: groups
            .map((g) => g.last)
            .sort()
            .at(-1)!,
        };

  // Key findings: the top problem items, then safety and trust.
  const findings: string[] = [];
  for (const kind of ["problem", "safety", "trust"] as const) {
    const items = results.indicators
      .filter((i) => i.kind === kind && !i.suppressed)
      .sort(byShare)
      .slice(0, FINDINGS_PER_KIND[kind]);
    for (const i of items) {
      const s = findingSentence(t, locale, i, { title: titleOf(i.question) }, subject);
      if (s) findings.push(s);
    }
  }

  // Themes: the ranking for a citizen survey, else (or when it cannot be made) the survey's own problem items.
  let themes: ProblemPictureReport["themes"] | null = null;
  if (survey.kind === "medborgarenkat") {
    try {
      const weights = (await savedWeights({ db, kommunId: kommun.id })) ?? undefined;
      const ranking = await getThemeRanking({ db, kommunId: kommun.id, surveySlug: survey.slug, weights });
      const sources = ranking.sources
        ? (["citizen", "staff", "meetings", "freetext", "est"] as const)
            .filter((s) => ranking.sources![s] !== null && !(s === "est" && ranking.sources!.est!.tooFew))
            .map((s) => t(`report.source.${s}`))
        : [t("report.source.citizen")];
      themes = {
        source: "ranking",
        sources,
        unfiltered: filtered,
        items: ranking.themes
          .filter((x) => x.score !== null)
          .slice(0, THEME_COUNT)
          .map((x) => ({
            theme: x.theme,
            label: x.labelSv,
            score: x.score,
            evidence: x.evidence.slice(0, 2).map((e) => e.sentenceSv),
          })),
      };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  themes ??= {
    source: "problem_items",
    sources: [survey.kind === "medborgarenkat" ? t("report.source.citizen") : t("report.source.staff")],
    unfiltered: false,
    items: themesFromProblemItems(t, locale, results.indicators, titleOf, subject).slice(0, THEME_COUNT),
  };

  // Change since the previous wave (citizen surveys; indicators shown in both waves only).
  let changes: ProblemPictureReport["changes"] = null;
  let trend: ProblemPictureReport["trend"] = null;
  if (survey.kind === "medborgarenkat") {
    try {
      const c = await getComparison({ db, kommunId: kommun.id, surveySlug: survey.slug, filters: request.filters });
      const items: ReportChange[] = c.items.flatMap((i) =>
        i.change && i.previous && i.previous.share !== null && i.current.share !== null
          ? [
              {
                question: i.question,
                title: i.title,
                kind: i.kind,
                previousPeriod: i.previous.period,
                previous: i.previous.share,
                current: i.current.share,
                changeText: t("report.change.text", {
                  pp: formatPp(i.change.diff, locale),
                  low: ppNumber(i.change.low, locale),
                  high: ppNumber(i.change.high, locale),
                }),
                significant: i.change.significant,
              },
            ]
          : [],
      );
      // Significant changes first, then by size, so the table opens with what changed.
      const size = (i: ReportChange) => Math.abs(i.current - i.previous);
      items.sort((a, b) => Number(b.significant) - Number(a.significant) || size(b) - size(a));
      const periods = [...new Set(items.map((i) => i.previousPeriod))];
      changes = { previousPeriod: periods.length === 1 ? periods[0]! : null, items };
      const current = (q: string) => c.items.find((i) => i.question === q)?.current.share ?? -1;
      const series = c.trends
        .filter((s) => s.kind === "problem" && current(s.question) >= 0)
        .sort((a, b) => current(b.question) - current(a.question))
        .slice(0, TREND_ITEMS)
        .map((s) => ({
          key: s.question,
          label: s.title,
          values: s.points.map((p): ShareValue =>
            p
              ? { share: p.share, ciLow: p.ci_low, ciHigh: p.ci_high, suppressed: p.suppressed, base: p.base }
              : { share: null, ciLow: null, ciHigh: null, suppressed: true },
          ),
        }));
      if (series.length) trend = { periods: c.waves.map((w) => w.period), series };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }

  const shareItem = (i: ResultIndicator): ShareItem => indicatorItem(i, titleOf(i.question));
  const likertRows = results.questions.filter(
    (q) => q.group && results.indicators.some((i) => i.question === q.name && i.kind === "problem"),
  );
  return {
    kommun: { slug: kommun.slug, name: kommun.name },
    survey: { slug: survey.slug, title: survey.title, period: survey.period, kind: survey.kind },
    filtersText: describeFilters(results.filters, results.questions, locale),
    filtered,
    query: exportQuery(request),
    respondents: results.respondents,
    suppressed: results.suppressed,
    minBase: min,
    fieldwork,
    channels,
    themes,
    findings,
    problems: results.indicators.filter((i) => i.kind === "problem").map(shareItem),
    safety: results.indicators.filter((i) => i.kind === "safety").map(shareItem),
    likert: likertRows.map((q) => ({
      key: q.name,
      label: q.title,
      shares: Object.fromEntries(q.options.map((o) => [o.value, o.share])),
      suppressed: q.answered === null,
      base: q.answered,
    })),
    likertCategories: likertRows[0]?.options.map((o) => ({ key: o.value, label: o.label })) ?? [],
    changes,
    trend,
  };
}
