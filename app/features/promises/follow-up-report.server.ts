/**
 * The written follow-up of a promise document ("En skriftlig uppföljning sammanställs senast ..."): what was
 * promised, what was done (sums, places, notes), the status of each promise, and how the outcome indicators
 * changed since the survey the promises were made from. As a page and as CSV.
 */
import { NotFound } from "~/platform/errors.server";
import { formatPercent, formatPp } from "~/features/results/index";
import { neutraliseCell } from "~/features/surveys/index.server";
import { getFollowUp, periodYears, type DocumentFollowUp } from "./follow-up.server";
import { listOutcomeIndicators, type OutcomeIndicatorView } from "./outcome.server";
import { todayInSweden, type FollowUpStatus } from "./domain/follow-up-progress";
import type { Target } from "./domain/target";
import type { DocumentScope } from "./document-scope.server";

export interface ReportPromise {
  id: number;
  text: string;
  target: Target;
  status: FollowUpStatus;
  done: number;
  expected: number | null;
  total: number | null;
  doneFraction: number;
  expectedFraction: number | null;
  entryCount: number;
  /** Places logged, with how many were done there, most first. */
  places: { place: string; quantity: number }[];
  /** Non-empty notes, oldest first. */
  notes: { doneOn: string; note: string }[];
  firstDone: string | null;
  lastDone: string | null;
}

export interface FollowUpReport {
  document: DocumentFollowUp["document"];
  asOf: string;
  window: DocumentFollowUp["window"];
  /** The calendar years of the period, for the yearly review. */
  years: number[];
  counts: DocumentFollowUp["counts"];
  focusAreas: { id: number; title: string; promises: ReportPromise[]; indicators: OutcomeIndicatorView[] }[];
  indicatorCount: number;
}

/** The report of one document of the kommun as of the end of `today`, for the whole period or one `year` of it. */
export async function getFollowUpReport({
  db,
  kommunId,
  documentId,
  today = todayInSweden(),
  year = null,
}: DocumentScope & {
  today?: string;
  year?: number | null;
}): Promise<FollowUpReport> {
  const f = await getFollowUp({ db, kommunId, documentId, today, year });
  const indicators = await listOutcomeIndicators({ db, kommunId, documentId });
  return {
    document: f.document,
    asOf: f.asOf,
    window: f.window,
    years: periodYears(f.document.periodStart, f.document.periodEnd),
    counts: f.counts,
    indicatorCount: indicators.length,
    focusAreas: f.focusAreas.map((a) => ({
      id: a.id,
      title: a.title,
      indicators: indicators.filter((i) => i.focusAreaId === a.id),
      promises: a.promises.map((p) => {
        const places = new Map<string, number>();
        for (const e of p.entries) if (e.place) places.set(e.place, (places.get(e.place) ?? 0) + e.quantity);
        return {
          id: p.id,
          text: p.text,
          target: p.target,
          status: p.progress.status,
          done: p.progress.done,
          expected: p.progress.expected,
          total: p.progress.total,
          doneFraction: p.progress.doneFraction,
          expectedFraction: p.progress.expectedFraction,
          entryCount: p.entries.length,
          places: [...places]
            .map(([place, quantity]) => ({ place, quantity }))
            .sort((x, y) => y.quantity - x.quantity || x.place.localeCompare(y.place, "sv")),
          notes: p.entries.filter((e) => e.note).map((e) => ({ doneOn: e.doneOn, note: e.note })),
          firstDone: p.entries[0]?.doneOn ?? null,
          lastDone: p.entries[p.entries.length - 1]?.doneOn ?? null,
        };
      }),
    })),
  };
}

/** `?ar=` of the report: a four-digit year, or null for the whole period; anything else is not found. */
export function yearParam(raw: string | null): number | null {
  if (raw === null || raw === "") return null;
  if (!/^\d{4}$/.test(raw)) throw new NotFound("followup.error.yearFormat");
  return Number(raw);
}

const STATUS_SV: Record<FollowUpStatus, string> = {
  done: "Genomfört",
  on_track: "Enligt plan",
  behind: "Efter plan",
  not_started: "Inte påbörjat",
  not_measurable: "Inte mätbart",
};

function csvCell(s: string): string {
  const v = neutraliseCell(s);
  return /[";\r\n,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const pct = (p: number | null) => (p === null ? "" : formatPercent(p, "sv", 1));

/**
 * The report as CSV (semicolon-separated with a BOM, as Excel with Swedish settings opens it): one row per
 * promise, then one row per outcome indicator and later wave. Cells that a spreadsheet would run as a formula are
 * neutralised (`neutraliseCell`, shared with the import report).
 */
export function followUpReportCsv(report: FollowUpReport): string {
  const lines: string[][] = [
    ["Dokument", report.document.title],
    ["Period", report.document.periodLabel],
    ...(report.window.year !== null ? [["Avser", `${report.window.from} – ${report.window.to}`]] : []),
    ["Sammanställt per", report.asOf],
    [],
    [
      "Fokusområde",
      "Löfte",
      "Status",
      "Genomfört",
      "Förväntat hittills",
      "Mål för perioden",
      "Antal rader",
      "Platser",
      "Anteckningar",
    ],
  ];
  for (const a of report.focusAreas) {
    for (const p of a.promises) {
      lines.push([
        a.title,
        p.text,
        STATUS_SV[p.status],
        String(p.done),
        p.expected === null ? "" : String(p.expected),
        p.total === null ? "" : String(p.total),
        String(p.entryCount),
        p.places.map((x) => `${x.place} (${x.quantity})`).join(", "),
        p.notes.map((n) => `${n.doneOn}: ${n.note}`).join(" | "),
      ]);
    }
  }
  const indicators = report.focusAreas.flatMap((a) => a.indicators);
  if (indicators.length) {
    lines.push([]);
    lines.push([
      "Fokusområde",
      "Effektmått",
      "Riktning",
      "Målvärde",
      "Utgångsläge (enkät)",
      "Utgångsläge",
      "95 % intervall",
      "Jämförd enkät",
      "Andel",
      "95 % intervall",
      "Förändring",
      "Förändringens intervall",
      "Signifikant",
      "Bedömning",
    ]);
    for (const i of indicators) {
      const baseline = [pct(i.baseline.share), `${pct(i.baseline.low)}–${pct(i.baseline.high)}`];
      const head = [
        i.focusAreaTitle,
        i.label,
        i.direction === "decrease" ? "Minska" : "Öka",
        pct(i.targetShare),
        `${i.survey.title} (${i.survey.period})`,
        ...baseline,
      ];
      if (!i.waves.length) lines.push([...head, "Ingen senare mätning", "", "", "", "", "", ""]);
      for (const w of i.waves) {
        const state = {
          ok: "",
          suppressed: "Färre än 5 svar",
          not_asked: "Frågan ställdes inte",
          not_comparable: "Gruppen finns inte i mätningen",
        }[w.state];
        lines.push([
          ...head,
          `${w.title} (${w.period})`,
          w.figure?.share != null ? pct(w.figure.share) : state,
          w.figure?.low != null && w.figure.high != null ? `${pct(w.figure.low)}–${pct(w.figure.high)}` : "",
          w.change ? formatPp(w.change.diff) : "",
          w.change ? `${formatPp(w.change.low)} till ${formatPp(w.change.high)}` : "",
          w.change ? (w.change.significant ? "Ja" : "Nej") : "",
          w.verdict
            ? {
                improved: "Förbättring",
                worsened: "Försämring",
                no_significant_change: "Ingen säkerställd förändring",
              }[w.verdict]
            : "",
        ]);
      }
    }
  }
  return "\uFEFF" + lines.map((l) => l.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
