/**
 * The lägesbild's evidence sources, as a list the drafting runs through (docs/decisions/016-lagesbild-and-atgardsplan.md).
 * Each source says whether it was used, and if not why not and what that limits, and returns the figures it
 * contributed, each linked to the view that produced it. The problembild's sources (citizen survey, staff
 * dialogue, meetings and walks, coded free text) come from the results' theme ranking, so a figure here is the
 * figure the ranking and the promise drafting show; recurring places come from the dialogue feature's meetings.
 * Reported crime comes from the crime statistics ("inte importerad" while a kommun has none); EST weekly reports
 * from the EST feature ("inte tillgängligt" while the kommun runs no EST).
 */
import type { Database } from "~/platform/db.server";
import type { RankingSources, ThemeRankingDetails } from "~/features/results/index.server";
import { getThemeRanking, savedWeights } from "~/features/results/index.server";
import { listMeetings } from "~/features/dialogue/index.server";
import { crimeSummary } from "~/features/crime/index.server";
import { formatCount, formatRate } from "~/features/crime/index";
import { estSummary } from "~/features/est/index.server";
import { asSentence, type DraftedFigure, type EvidenceResult, type PictureSection } from "./domain/documents";

export interface EvidenceContext {
  db: Database;
  kommun: { id: number; slug: string; name: string };
  periodStart: string;
  periodEnd: string;
  /** The problembild's ranking, computed once for all the sources that read it (null when it has no data). */
  ranking: ThemeRankingDetails | null;
}

/** A source of evidence for the lägesbild. `collect` never throws for missing data: it reports the state. */
export interface EvidenceSource {
  key: string;
  labelSv: string;
  collect(ctx: EvidenceContext): Promise<EvidenceResult>;
}

// EST is a source of the ranking too, but the lägesbild reads it whole through the EST feature (estSource below).
type RankingKey = Exclude<keyof RankingSources, "est">;

const RANKING_SOURCES: Record<RankingKey, { labelSv: string; missing: string }> = {
  citizen: {
    labelSv: "Medborgarenkät",
    missing: "ingen medborgarenkät med svar; invånarnas egen bild av problemen saknas",
  },
  staff: {
    labelSv: "Medarbetardialog",
    missing: "ingen medarbetarenkät med svar; personalens iakttagelser saknas",
  },
  meetings: {
    labelSv: "Möten och trygghetsvandringar",
    missing: "inga möten eller vandringar registrerade; det som kommit fram i dialog saknas",
  },
  freetext: {
    labelSv: "Fritextsvar",
    missing: "inga kodade fritextsvar; invånarnas egna ord om problemen saknas",
  },
};

function usedNote(key: RankingKey, s: NonNullable<RankingSources[RankingKey]>): string {
  if (key === "citizen" || key === "staff") {
    const x = s as NonNullable<RankingSources["citizen"]>;
    return `${x.title}, ${x.period}${x.respondents !== null ? `, ${x.respondents} svarande` : ""}`;
  }
  if (key === "meetings") {
    const x = s as NonNullable<RankingSources["meetings"]>;
    return `${x.meetings} möten${x.from && x.to ? ` ${x.from}–${x.to}` : ""}`;
  }
  const x = s as NonNullable<RankingSources["freetext"]>;
  return x.suppressed ? `färre än ${x.minBase} kodade kommentarer visas inte` : `${x.coded} kodade kommentarer`;
}

/** A problembild source read from the theme ranking: one figure per evidence sentence of each theme with data. */
export function rankingSource(key: RankingKey): EvidenceSource {
  const { labelSv, missing } = RANKING_SOURCES[key];
  return {
    key,
    labelSv,
    async collect({ ranking }) {
      const info = ranking?.sources?.[key] ?? null;
      if (!ranking || !info) return { key, labelSv, state: "not_used", note: missing, figures: [] };
      const figures: DraftedFigure[] = [];
      for (const t of [...ranking.themes].sort((a, b) => a.rank - b.rank)) {
        if (t.score === null) continue;
        for (const e of t.evidence)
          if (e.source === key && e.href && e.sentenceSv.trim())
            figures.push({
              section: "mapping",
              source: key,
              theme: t.theme,
              label: asSentence(e.sentenceSv),
              href: e.href,
            });
      }
      const empty = key === "freetext" && (info as NonNullable<RankingSources["freetext"]>).suppressed;
      return { key, labelSv, state: empty ? "not_used" : "used", note: usedNote(key, info), figures };
    },
  };
}

/** Places that come back in the kommun's meetings and walks within the period (two or more), with their days. */
export const recurringPlacesSource: EvidenceSource = {
  key: "places",
  labelSv: "Platser i möten och vandringar",
  async collect({ db, kommun, periodStart, periodEnd }) {
    const labelSv = "Platser i möten och vandringar";
    const meetings = (await listMeetings({ db, kommunId: kommun.id })).filter(
      (m) => m.heldOn >= periodStart && m.heldOn <= periodEnd && m.place.trim(),
    );
    const byPlace = new Map<string, { place: string; days: string[]; themes: Set<string> }>();
    for (const m of meetings) {
      const k = m.place.trim().toLocaleLowerCase("sv-SE");
      const p = byPlace.get(k) ?? { place: m.place.trim(), days: [], themes: new Set<string>() };
      p.days.push(m.heldOn);
      for (const t of m.themes) p.themes.add(t);
      byPlace.set(k, p);
    }
    const recurring = [...byPlace.values()].filter((p) => p.days.length >= 2);
    if (!recurring.length)
      return {
        key: "places",
        labelSv,
        state: "not_used",
        note: "ingen plats återkommer i två eller fler möten eller vandringar under perioden",
        figures: [],
      };
    const section: PictureSection = "places_times";
    return {
      key: "places",
      labelSv,
      state: "used",
      note: `${recurring.length} återkommande platser`,
      figures: recurring.map((p) => ({
        section,
        source: "places",
        theme: null,
        label: `${p.place} återkommer i ${p.days.length} möten eller vandringar (${[...p.days].sort().join(", ")}).`,
        href: `/app/${kommun.slug}/moten`,
      })),
    };
  },
};

/** A source that does not exist in the product yet: reported as such, never silently left out. */
export function unavailableSource(key: string, labelSv: string, note: string): EvidenceSource {
  return { key, labelSv, collect: async () => ({ key, labelSv, state: "unavailable", note, figures: [] }) };
}

/** How many years of crime statistics a lägesbild looks back over, up to the year its period ends. */
const CRIME_YEARS = 5;

/** A relative change in words' figures: "+12 %", "−3 %", "±0 %". */
const signedPercent = (r: number | null) =>
  r === null ? null : `${r > 0 ? "+" : r < 0 ? "−" : "±"}${formatCount(Math.round(Math.abs(r) * 100))} %`;

/**
 * Reported crime (the crime statistics' face): per category with figures, the latest year's count and rate in the
 * mapping, and the rate beside the county's and the country's in the comparison, each linked to the category's
 * trend page for the same years. Invented demo figures say so in every sentence.
 */
export const crimeSource: EvidenceSource = {
  key: "crime",
  labelSv: "Brottsstatistik",
  async collect({ db, kommun, periodEnd }) {
    const labelSv = "Brottsstatistik";
    const toYear = Number(periodEnd.slice(0, 4));
    const summary = await crimeSummary({ db, kommunId: kommun.id, fromYear: toYear - CRIME_YEARS, toYear });
    const withData = summary.categories.filter((c) => c.latestYear !== null);
    if (!withData.length)
      return {
        key: "crime",
        labelSv,
        state: "unavailable",
        note: "inte importerad; lägesbilden kan inte säga hur många brott som anmäls, hur det utvecklas över tid eller hur kommunen står sig mot län och riket",
        figures: [],
      };
    const figures: DraftedFigure[] = [];
    for (const c of withData) {
      const y = c.years.find((x) => x.year === c.latestYear)!;
      const demo = c.demo ? " (påhittade demosiffror)" : "";
      const name = c.label.sv.toLocaleLowerCase("sv-SE");
      const trend = signedPercent(c.changeFromPreviousYear?.relative ?? null);
      figures.push({
        section: "mapping",
        source: "crime",
        theme: c.themes[0] ?? null,
        label:
          `Anmälda brott, ${name}, ${y.year}: ${formatCount(y.count)} (${formatRate(y.rate)} per 100 000 invånare)` +
          `${trend ? `, ${trend} mot året före` : ""}${demo}.`,
        href: c.link,
      });
      if (y.countyRate !== null || y.nationalRate !== null) {
        const refs = [
          y.countyRate !== null ? `${summary.county ?? "länet"} ${formatRate(y.countyRate)}` : null,
          y.nationalRate !== null ? `riket ${formatRate(y.nationalRate)}` : null,
        ].filter(Boolean);
        figures.push({
          section: "comparison",
          source: "crime",
          theme: c.themes[0] ?? null,
          label: `${c.label.sv} ${y.year}: kommunen ${formatRate(y.rate)} per 100 000 invånare, ${refs.join(", ")}${demo}.`,
          href: c.link,
        });
      }
    }
    const years = withData.map((c) => c.latestYear!);
    return {
      key: "crime",
      labelSv,
      state: "used",
      note:
        `${withData.length} brottskategorier, senast ${Math.max(...years)}` +
        (summary.demo ? "; påhittade demosiffror, inte verklig statistik" : ""),
      figures,
    };
  },
};

/**
 * EST weekly reports (docs/domain/est.md): per count category, the incidents in the period's reviewed reports and
 * the zone with the most, in the places and times section, linked to the EST picture. A kommun without EST says
 * what is missing; one whose reports in the period are not reviewed yet says so.
 */
export const estSource: EvidenceSource = {
  key: "est",
  labelSv: "EST-rapporter",
  async collect({ db, kommun, periodStart, periodEnd }) {
    const labelSv = "EST-rapporter";
    const s = await estSummary({
      db,
      kommunId: kommun.id,
      kommunSlug: kommun.slug,
      fromDay: periodStart,
      toDay: periodEnd,
    });
    if (!s.anyReports)
      return {
        key: "est",
        labelSv,
        state: "unavailable",
        note: "inte tillgängligt; händelser som personal rapporterar i EST-arbetet saknas, så bilden av var och när problemen uppstår vilar på möten och vandringar",
        figures: [],
      };
    if (!s.reports)
      return {
        key: "est",
        labelSv,
        state: "not_used",
        note: "inga granskade EST-rapporter under perioden",
        figures: [],
      };
    const demo = s.demo ? " (påhittade demorapporter)" : "";
    const weeks = `vecka ${s.fromWeek} till ${s.toWeek}`;
    return {
      key: "est",
      labelSv,
      state: "used",
      note: `${s.reports} granskade veckorapporter, ${weeks}` + (s.demo ? "; påhittade demorapporter" : ""),
      figures: s.categories.map((c) => ({
        section: "places_times" as const,
        source: "est",
        theme: c.themes[0] ?? null,
        label:
          `EST, ${c.labelSv.toLocaleLowerCase("sv-SE")}, ${weeks}: ${formatCount(c.total)} händelser` +
          `${c.topZone ? `, flest i ${c.topZone.name} (${formatCount(c.topZone.count)})` : ""}${demo}.`,
        href: s.link,
      })),
    };
  },
};

/** The sources every lägesbild draft runs through, in the order the sources section lists them. */
export const evidenceSources: EvidenceSource[] = [
  crimeSource,
  rankingSource("citizen"),
  rankingSource("staff"),
  rankingSource("meetings"),
  rankingSource("freetext"),
  recurringPlacesSource,
  estSource,
];

/** The kommun's theme ranking on its latest citizen survey with the saved weights; null while nothing has data. */
export async function rankingForPicture(db: Database, kommunId: number): Promise<ThemeRankingDetails | null> {
  const weights = (await savedWeights({ db, kommunId })) ?? undefined;
  const ranking = await getThemeRanking({ db, kommunId, weights });
  return ranking.themes.some((t) => t.score !== null) ? ranking : null;
}

/** Runs every source over the context; their results in the list's order. */
export async function collectEvidence(ctx: EvidenceContext, sources: readonly EvidenceSource[] = evidenceSources) {
  const out: EvidenceResult[] = [];
  for (const s of sources) out.push(await s.collect(ctx));
  return out;
}
