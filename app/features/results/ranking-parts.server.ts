/**
 * The parts of the theme ranking, one per source (docs/domain/statistics.md#theme-ranking-across-sources;
 * docs/sources.md): per theme a score with its interval and the figures behind it as Swedish sentences, each with
 * a link to the view that produced it. ranking.server.ts combines them.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { THEME_KEYS, THEMES } from "~/features/surveys/index";
import { questionThemes, type SurveyDefinition } from "~/features/surveys/index";
import { translate, type MessageKey } from "~/i18n/i18n";
import type { Results } from "./results.server";
import { meetingThemeScores } from "~/features/dialogue/index.server";
import { freetextThemeScores } from "./freetext.server";
import { EST_MIN_AREA_WEEKS, weeksOf, type EstThemeCounts } from "~/features/est/index";
import { estRankingCounts } from "~/features/est/index.server";
import { describeShareSv, formatPercent, wilson } from "./domain/statistics";
import type { RankingEvidence } from "./domain/ranking";
import type { SurveyMeasure } from "./domain/ranking-measure";

/** "Polisiär närvaro …" → "polisiär närvaro …", for use inside a sentence (keeps "ANDT" and names as they are). */
const inSentence = (label: string) => label.charAt(0).toLocaleLowerCase("sv-SE") + label.slice(1);
export const labelOf = (theme: string) =>
  (THEMES as Record<string, { label: { sv: string } } | undefined>)[theme]?.label.sv ?? theme;

/** The years a period label covers: "2026" → 2026-01-01..2026-12-31, "2025-2026" → 2025-01-01..2026-12-31. */
export function periodDates(period: string): { from: string; to: string } | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period.trim());
  if (!m) return null;
  return { from: `${m[1]}-01-01`, to: `${m[2] ?? m[1]}-12-31` };
}
export type Part = { score: number; low: number; high: number };
export type SourceParts = Map<string, { part: Part; evidence: RankingEvidence[] }>;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export async function latestSurvey(db: Database, kommunId: number, kind: "medborgarenkat" | "medarbetardialog") {
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
export function surveyParts(
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

export async function meetingParts(
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

export async function freetextParts(
  db: Database,
  surveyId: number,
  href: (theme: string) => string,
  surveySlug: string,
) {
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

/** The ISO weeks of a period's years ("2026" → 2026-W01..2026-W53), as the EST picture's year reads them. */
export function periodWeeks(period: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++)
    out.push(...weeksOf({ kind: "year", year: y }));
  return out;
}

/** "klotter", "klotter eller nedskräpning", "bränder, ansamlingar eller …". */
const orList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} eller ${xs[xs.length - 1]}`;

/**
 * EST weekly reports (docs/domain/statistics.md#est-score): per theme some checklist category informs, the share of
 * the period's area-weeks (a zone in a week with a reviewed report) in which any of those categories was reported,
 * with its Wilson interval over the area-weeks. Below EST_MIN_AREA_WEEKS area-weeks there is no score. Each theme's
 * evidence states the share and, per category, its own area-weeks, linked to the EST picture (`link`).
 */
export function estPartsOf(
  counts: EstThemeCounts & { demo: boolean },
  { when, link }: { when: string; link: string },
): SourceParts {
  const out: SourceParts = new Map();
  if (counts.areaWeeks < EST_MIN_AREA_WEEKS) return out;
  const demo = counts.demo ? " (påhittade demorapporter)" : "";
  for (const t of counts.themes) {
    const w = wilson(t.areaWeeks, counts.areaWeeks)!;
    const names = t.categories.map((c) => inSentence(c.labelSv));
    const evidence: RankingEvidence[] = [
      {
        source: "est",
        sentenceSv: `${describeShareSv({ share: w.p, low: w.low, high: w.high, subject: `de ${counts.areaWeeks} områdesveckorna${when} med granskade EST-rapporter (ett område en vecka) har någon rapport om ${orList(names)}` })} (${t.areaWeeks} ${t.areaWeeks === 1 ? "områdesvecka" : "områdesveckor"})${demo}.`,
        href: link,
        share: { p: w.p, low: w.low, high: w.high },
        n: counts.areaWeeks,
      },
    ];
    if (t.categories.length > 1)
      for (const c of t.categories)
        evidence.push({
          source: "est",
          sentenceSv: `EST, ${inSentence(c.labelSv)}: rapporterat i ${c.areaWeeks} av ${counts.areaWeeks} områdesveckor${when}${demo}.`,
          href: link,
          n: counts.areaWeeks,
        });
    out.set(t.theme, { part: { score: w.p, low: w.low, high: w.high }, evidence });
  }
  return out;
}

/**
 * EST's part of the ranking: the kommun's reviewed reports of the period's ISO weeks (every week when there is no
 * period), counted by the EST feature and made parts by estPartsOf. `counts` is null when no reviewed report falls
 * in the period: the source is absent.
 */
export async function estParts(
  db: Database,
  kommunId: number,
  kommunSlug: string,
  period: { from: string; to: string } | null,
) {
  const counts = await estRankingCounts({ db, kommunId, weeks: period ? periodWeeks(period) : null });
  if (!counts.reports || !counts.toWeek) return { parts: new Map() as SourceParts, counts: null };
  const fromYear = period?.from.slice(0, 4) ?? counts.fromWeek!.slice(0, 4);
  const toYear = period?.to.slice(0, 4) ?? counts.toWeek.slice(0, 4);
  const when = period ? ` ${fromYear}${toYear !== fromYear ? `–${toYear}` : ""}` : "";
  // The picture of the period's last year (the EST view reads a week, a tertial or a year).
  const link = `/app/${kommunSlug}/est/bild?period=ar&ar=${toYear}`;
  return { parts: estPartsOf(counts, { when, link }), counts: { ...counts, link } };
}
