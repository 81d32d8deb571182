/**
 * Figures of a staff survey (medarbetardialog): its theme scores for the ranking, and the response rate per unit
 * of its single-use invitations. Both are counts of answers, so they live with the other results and take the
 * same suppression (docs/domain/statistics.md).
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { loadResultsSource, type ResultFilters } from "./counting/source.server";
import { countCodes, noFilters } from "./counting/count.server";
import { INDICATOR_SHARE_RULES, THEME_KEYS, rowThemes } from "~/features/surveys/index";
import { effectiveMinBase, suppressBreakdown, type SuppressedCount } from "./domain/statistics";

type Share = { n: number; base: number; share: number | null };

/**
 * Per theme, from a staff survey's stored answers (the `codes` of ADR 002, counted by `countCodes`): the share naming it
 * among `staff_priorities`, the highest problem share ("4" or "3" of those answering, "Vet ej" left out) among its
 * `staff_problems` rows, and their mean as the score. Every share whose base is below the minimum base is null,
 * and everything is suppressed when the survey (or the unit asked for) has fewer respondents than that.
 */
export async function staffThemeScores({
  db,
  surveyId,
  minBase,
  unit,
}: {
  db: Database;
  surveyId: number;
  minBase?: number;
  unit?: string;
}) {
  const min = effectiveMinBase(minBase);
  const source = await loadResultsSource(db, surveyId);
  // A unit is an answer to the `unit` question, so it filters like any answer (its codebook code; a unit nobody
  // named has none and matches nobody). Built here rather than parsed: a unit no longer offered still counts.
  const filters: ResultFilters = {
    ...noFilters(),
    where: unit === undefined ? [] : [{ question: "unit", values: [unit] }],
  };
  // Respondents, those naming any priority (every code the codebook has for the question), and each code's holders.
  const priorityCodes = [...(source.codes.get("staff_priorities")?.values() ?? [])];
  const counted = await countCodes(db, source, filters, [priorityCodes]);
  const respondents = counted.respondents;
  const prioritiesBase = counted.anyOf[0] ?? 0;
  const counts = {
    rows: counted.codes.flatMap((c) =>
      c.question !== null &&
      c.value !== null &&
      (c.question === "staff_priorities" || c.question.startsWith("staff_problems."))
        ? [{ question: c.question, value: c.value, n: c.n }]
        : [],
    ),
  };
  const suppressed = respondents < min;
  const n = (q: string, v: string) => counts.rows.find((r) => r.question === q && r.value === v)?.n ?? 0;
  const rule = INDICATOR_SHARE_RULES.problem;
  const rowShare = (row: string): Share => {
    const q = `staff_problems.${row}`;
    const base = counts.rows
      .filter((r) => r.question === q && !rule.excludedFromBase.includes(r.value))
      .reduce((a, r) => a + r.n, 0);
    const num = rule.numerator.reduce((a, v) => a + n(q, v), 0);
    return { n: num, base, share: !suppressed && base >= min ? num / base : null };
  };
  const themes = THEME_KEYS.map((theme) => {
    const pn = n("staff_priorities", theme);
    const priority: Share = {
      n: pn,
      base: prioritiesBase,
      // Published counts (ADR 014): a theme named by nearly everyone can count more than its base; 100 % then.
      share: !suppressed && prioritiesBase >= min ? Math.min(pn, prioritiesBase) / prioritiesBase : null,
    };
    const items = Object.entries(rowThemes)
      .filter(([, ts]) => (ts as readonly string[]).includes(theme))
      .map(([row]) => ({ question: `staff_problems.${row}`, ...rowShare(row) }));
    const shown = items.filter((i) => i.share !== null);
    const top = shown.length ? shown.reduce((a, b) => (b.share! > a.share! ? b : a)) : null;
    const parts = [priority.share, top?.share ?? null].filter((x): x is number => x !== null);
    return {
      theme,
      respondents: suppressed ? null : respondents,
      priorityShare: priority.share,
      problemShare: top?.share ?? null,
      problemItem: top?.question ?? null,
      score: parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null,
      evidence: ["staff_priorities", ...items.map((i) => i.question)],
    };
  });
  return {
    source: "staff" as const,
    surveyId,
    respondents: suppressed ? null : respondents,
    suppressed,
    minBase: min,
    themes,
  };
}

export interface UnitInvitationStats {
  unit: string;
  /** Links made and not revoked. */
  invited: number;
  revoked: number;
  /** Answers through links: null (shown as "färre än 5") below the minimum base, or to protect a small unit. */
  used: SuppressedCount;
  /** used / invited, only when `used` is shown. */
  rate: number | null;
}

/**
 * Response rate per unit while the survey is open. Used counts below the minimum base are suppressed (with
 * complementary suppression against the shown total), like every other small count: a unit with "2 of 3 used"
 * next to live results would narrow down who said what.
 */
export async function invitationStats({ db, surveyId, minBase }: { db: Database; surveyId: number; minBase?: number }) {
  const rows = await db
    .selectFrom("invitation")
    .select([
      "unit",
      sql<number>`count(*) filter (where not revoked)::int`.as("invited"),
      sql<number>`count(*) filter (where revoked)::int`.as("revoked"),
      sql<number>`count(*) filter (where used)::int`.as("used"),
    ])
    .where("survey_id", "=", surveyId)
    .groupBy("unit")
    .orderBy("unit")
    .execute();
  const totalUsed = rows.reduce((a, r) => a + r.used, 0);
  const { cells, total } = suppressBreakdown(
    rows.map((r) => ({ key: r.unit, n: r.used })),
    totalUsed,
    minBase,
  );
  const units: UnitInvitationStats[] = rows.map((r, i) => {
    const used = cells[i]!;
    return {
      unit: r.unit,
      invited: r.invited,
      revoked: r.revoked,
      used,
      rate: used.n !== null && r.invited > 0 ? used.n / r.invited : null,
    };
  });
  const invited = rows.reduce((a, r) => a + r.invited, 0);
  return { units, invited, used: total!, rate: total!.n !== null && invited > 0 ? total!.n / invited : null };
}
