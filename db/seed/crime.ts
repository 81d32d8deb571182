import type { Kysely } from "kysely";
import type { DB } from "../schema";

/**
 * Demo crime statistics (docs/domain/crime-statistics.md) for the five demo kommuner, 2019–2025, with the
 * country's and the county's rates: INVENTED figures of a plausible size and shape, not taken from Brå or the
 * police, and stored with `demo = true` so that every page and figure built on them says "Påhittade demosiffror".
 * Deterministic (no randomness), so a fresh demo always shows the same figures.
 */
export const DEMO_CRIME_SOURCE = "Påhittade demosiffror (inte Brå eller polisen)";
export const DEMO_CRIME_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** Invented national rate per 100,000 in 2019, and its yearly drift (0.03 = +3 % a year). */
const NATIONAL: Record<string, [rate2019: number, drift: number]> = {
  total: [14_500, -0.01],
  assault: [860, -0.02],
  threat: [760, 0.01],
  sexual_offence: [225, 0.02],
  robbery: [80, -0.04],
  domestic_violation: [24, 0],
  public_violence: [310, -0.02],
  residential_burglary: [160, -0.06],
  vehicle_theft: [620, -0.05],
  bicycle_theft: [640, -0.03],
  shoplifting: [560, 0.02],
  vandalism: [1_550, -0.02],
  drug_offence: [960, 0.01],
  traffic_offence: [820, 0],
  drunk_driving: [270, -0.01],
  fraud: [2_300, 0.05],
};

/** Invented factors against the national rate: the county's, and the kommun's against its county. */
const RURAL: Record<string, number> = {
  total: 0.8,
  assault: 0.9,
  threat: 0.85,
  sexual_offence: 0.8,
  robbery: 0.3,
  domestic_violation: 1.1,
  public_violence: 0.7,
  residential_burglary: 0.6,
  vehicle_theft: 0.7,
  bicycle_theft: 0.35,
  shoplifting: 0.6,
  vandalism: 0.85,
  drug_offence: 0.75,
  traffic_offence: 1.3,
  drunk_driving: 1.6,
  fraud: 0.75,
};

const COUNTIES: Record<string, { name: string; factor: number }> = {
  nord: { name: "Norrbottens län", factor: 0.92 },
  mitt: { name: "Jämtlands län", factor: 0.88 },
};

/** Invented populations at the end of 2019 and a yearly drift, and each kommun's own tilt. */
const KOMMUNER: Record<string, { county: string; population: number; drift: number; tilt: number }> = {
  haparanda: { county: "nord", population: 9_750, drift: -0.006, tilt: 1.05 },
  kalix: { county: "nord", population: 16_000, drift: -0.004, tilt: 0.95 },
  pajala: { county: "nord", population: 6_100, drift: -0.012, tilt: 0.85 },
  overtornea: { county: "nord", population: 4_450, drift: -0.01, tilt: 0.8 },
  harjedalen: { county: "mitt", population: 10_250, drift: -0.003, tilt: 0.9 },
};

/** Haparanda's invented areas, with their share of the kommun's reports and residents. */
const AREAS: Record<string, { name: string; share: number; residents: number }[]> = {
  haparanda: [
    { name: "Haparanda centrum", share: 0.68, residents: 0.55 },
    { name: "Haparanda landsbygd", share: 0.32, residents: 0.45 },
  ],
};

/** A fixed wobble in [-1, 1] from a text, so that years and categories do not move in lockstep. */
function wobble(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 2001) / 1000 - 1;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

type Figure = {
  kommun_id: number;
  year: number;
  level: "kommun" | "area" | "lan" | "riket";
  area: string;
  category: string;
  count: number | null;
  population: number | null;
  rate: number | null;
  demo: boolean;
  source: string;
};

/** The invented figures of one kommun (its own, its areas', the county's and the country's). */
export function demoCrimeFigures(slug: string, kommunId: number): Figure[] {
  const k = KOMMUNER[slug];
  if (!k) return [];
  const county = COUNTIES[k.county]!;
  const out: Figure[] = [];
  const base = { kommun_id: kommunId, demo: true, source: DEMO_CRIME_SOURCE };
  for (const [i, year] of DEMO_CRIME_YEARS.entries()) {
    const population = Math.round(k.population * (1 + k.drift) ** i);
    for (const [category, [rate2019, drift]] of Object.entries(NATIONAL)) {
      // 2020–2021: fewer reports of theft and public violence during the pandemic (invented, of the usual shape).
      const pandemic = (year === 2020 || year === 2021) && /theft|shoplifting|public_violence|robbery/.test(category);
      const national =
        rate2019 * (1 + drift) ** i * (pandemic ? 0.85 : 1) * (1 + 0.03 * wobble(`riket${category}${year}`));
      const lan =
        national *
        county.factor *
        (category === "drunk_driving" ? 1.4 : 1) *
        (1 + 0.06 * wobble(`${k.county}${category}${year}`));
      const own = lan * RURAL[category]! * k.tilt * (1 + 0.18 * wobble(`${slug}${category}${year}`));
      const count = Math.max(0, Math.round((own * population) / 100_000));
      out.push({
        ...base,
        year,
        level: "riket",
        area: "Riket",
        category,
        count: null,
        population: null,
        rate: round1(national),
      });
      out.push({
        ...base,
        year,
        level: "lan",
        area: county.name,
        category,
        count: null,
        population: null,
        rate: round1(lan),
      });
      out.push({ ...base, year, level: "kommun", area: "", category, count, population, rate: null });
      for (const a of AREAS[slug] ?? []) {
        const share = a.share * (1 + 0.1 * wobble(`${a.name}${category}${year}`));
        out.push({
          ...base,
          year,
          level: "area",
          area: a.name,
          category,
          count: Math.round(count * share),
          population: Math.round(population * a.residents),
          rate: null,
        });
      }
    }
  }
  return out;
}

/** Adds the demo figures of each demo kommun that has no crime statistics yet. Idempotent; returns the rows added. */
export async function seedDemoCrime({ db }: { db: Kysely<DB> }): Promise<number> {
  let added = 0;
  for (const slug of Object.keys(KOMMUNER)) {
    const org = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!org) continue;
    const has = await db
      .selectFrom("crime_figure")
      .select("id")
      .where("kommun_id", "=", org.id)
      .limit(1)
      .executeTakeFirst();
    if (has) continue;
    const rows = demoCrimeFigures(slug, org.id);
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto("crime_figure")
        .values(rows.slice(i, i + 500))
        .execute();
    added += rows.length;
  }
  return added;
}
