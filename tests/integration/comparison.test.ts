import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { getComparison } from "../../app/features/results/comparison.server";
import { savePopulation } from "../../app/features/results/population.server";
import { getWeighting } from "../../app/features/results/weighting.server";
import { getParticipation } from "../../app/features/results/participation.server";
import { getProblemPictureReport } from "../../app/features/results/report.server";
import { getIndicatorBreakdowns } from "../../app/features/results/breakdown.server";
import { getBreakdown } from "../../app/features/results/results.server";
import { Invalid } from "../../app/platform/errors.server";
import { Browser, startApp, type TestApp } from "../support/app-server";

// Comparison over waves, weighting and participation, every figure recomputed here from the raw rows
// (`response.data`) with this file's own counting, Wilson interval, z-test and post-stratification written from
// docs/domain/statistics.md#comparison-over-time and #change-between-two-periods, not the app's code.

const MIN = 5;
const Z = 1.959964;
const PROBLEM = ["4", "3", "2", "1", "dont_know"];
const SAFETY = ["very_safe", "rather_safe", "rather_unsafe", "very_unsafe", "never_out", "dont_know"];
const AGES = ["16-29", "30-64", "65+"];
const SPOTS = ["park", "station", "centre"];

type Data = Record<string, unknown>;

function definition(rows: string[], areas: string[]) {
  return {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "matrix", name: "problems", title: "Hur stort problem är följande?", columns: PROBLEM, rows },
          {
            type: "radiogroup",
            name: "safe_night_area",
            title: "Hur trygg känner du dig ute ensam sent en kväll?",
            choices: SAFETY,
          },
          { type: "dropdown", name: "area", choices: areas },
          { type: "radiogroup", name: "age_band", choices: AGES },
          { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
          { type: "checkbox", name: "unsafe_places", choices: SPOTS },
        ],
      },
    ],
  };
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers of one wave; `bias` makes problems bigger (earlier waves), `noOldMen` leaves the cell 65+ × man empty. */
function answers(
  seed: number,
  n: number,
  rows: string[],
  areas: string[],
  bias: number,
  noOldMen = false,
): { data: Data; day: string; paper: boolean }[] {
  const rnd = prng(seed);
  const pick = <T>(items: [T, number][]): T => {
    let r = rnd() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  return Array.from({ length: n }, (_, i) => {
    const problems: Data = {};
    for (const row of rows)
      problems[row] = pick([
        ["4", 2 + bias],
        ["3", 3 + bias],
        ["2", 3],
        ["1", 2],
        ["dont_know", 1],
      ]);
    const d: Data = { problems };
    d.safe_night_area = pick([
      ["very_safe", 4],
      ["rather_safe", 4],
      ["rather_unsafe", 1 + bias / 2],
      ["very_unsafe", 1],
      ["never_out", 1],
      ["dont_know", 1],
    ]);
    // "byn" (when offered) has 3 respondents: a group below the minimum base.
    d.area = areas.includes("byn") && i % 100 === 42 ? "byn" : rnd() < 0.6 ? "centrum" : "norr";
    if (rnd() < 0.95)
      d.age_band = pick([
        ["16-29", 1],
        ["30-64", 3],
        ["65+", 2],
      ]);
    d.gender = i % 50 === 7 ? "other" : rnd() < 0.55 ? "woman" : "man";
    if (noOldMen && d.age_band === "65+" && d.gender === "man") d.gender = "woman";
    // Several places or none, without drawing from rnd (the other answers stay as they were); more often for women.
    const spots = SPOTS.filter((_, k) => (i * (k + 3) + (d.gender === "woman" ? 1 : 0)) % 5 < 2);
    if (spots.length) d.unsafe_places = spots;
    return { data: d, day: `2026-03-${String((i % 9) + 1).padStart(2, "0")}`, paper: i % 5 === 0 };
  });
}

// ---- independent computations -----------------------------------------------------------------------------------

function wilsonRef(k: number, n: number) {
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

type Item = { name: string; value: (d: Data) => string | undefined; yes: string[]; excluded: string[] };
const problemItem = (row: string): Item => ({
  name: `problems.${row}`,
  value: (d) => (d.problems as Data | undefined)?.[row] as string | undefined,
  yes: ["4", "3"],
  excluded: ["dont_know"],
});
const SAFETY_ITEM: Item = {
  name: "safe_night_area",
  value: (d) => d.safe_night_area as string | undefined,
  yes: ["rather_unsafe", "very_unsafe"],
  excluded: ["dont_know"],
};

/** k and base of an indicator over rows (with weights: weighted sums and Σw² of the base). */
function indicatorRef(item: Item, rows: Data[], weight: (d: Data) => number = () => 1) {
  let k = 0;
  let base = 0;
  let base2 = 0;
  let n = 0;
  for (const d of rows) {
    const v = item.value(d);
    if (v === undefined || item.excluded.includes(v)) continue;
    const w = weight(d);
    n++;
    base += w;
    base2 += w * w;
    if (item.yes.includes(v)) k += w;
  }
  return { k, base, n, nEff: base2 > 0 ? (base * base) / base2 : 0 };
}

function close(actual: number | null | undefined, expected: number, what: string, eps = 1e-9) {
  expect(actual, what).not.toBeNull();
  expect(actual, what).not.toBeUndefined();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(eps);
}

// ---- setup ----------------------------------------------------------------------------------------------------------

let app: TestApp;
let kommunId: number;
const waves: { slug: string; id: number; period: string; rows: Data[]; channels: string[]; days: string[] }[] = [];
const ROWS_ALL = ["litter", "speeding", "drug_dealing"];
const ROWS_2024 = ["litter", "speeding"];

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  kommunId = (await getOrganisationBySlug({ db, slug: "haparanda" })).id;
  const kalixId = (await getOrganisationBySlug({ db, slug: "kalix" })).id;
  const plan = [
    { period: "2022", rows: ROWS_ALL, areas: ["centrum", "norr"], n: 300, bias: 3, kommun: kommunId },
    { period: "2024", rows: ROWS_2024, areas: ["centrum", "norr", "byn"], n: 250, bias: 1, kommun: kommunId },
    // Another kommun's survey between the waves: never part of Haparanda's comparison.
    { period: "2025", rows: ROWS_ALL, areas: ["centrum", "norr"], n: 50, bias: 0, kommun: kalixId },
    { period: "2026", rows: ROWS_ALL, areas: ["centrum", "norr", "byn"], n: 400, bias: 0, kommun: kommunId },
  ];
  for (const [i, w] of plan.entries()) {
    const created = await createSurvey({
      db,
      kommunId: w.kommun,
      kommunSlug: w.kommun === kommunId ? "haparanda" : "kalix",
      period: w.period,
      kind: "medborgarenkat",
      title: `Jämförelsetest ${w.period}`,
      definition: definition(w.rows, w.areas),
      settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
    });
    await setSurveyStatus({ db, surveyId: created.id, status: "open" });
    const list = answers(1000 + i, w.n, w.rows, w.areas, w.bias, w.period === "2026");
    for (const paper of [false, true]) {
      const rows = list.filter((a) => a.paper === paper).map((a) => ({ data: a.data, submittedOn: a.day }));
      const stored = await storeResponsesAllOrNothing({
        db,
        surveyId: created.id,
        rows,
        channel: paper ? "paper" : "web",
      });
      expect(stored.errors).toEqual([]);
    }
    const raw = await db
      .selectFrom("response")
      .select(["data", "channel", "submitted_on"])
      .where("survey_id", "=", created.id)
      .execute();
    if (w.kommun === kommunId) {
      waves.push({
        slug: created.slug,
        id: created.id,
        period: w.period,
        rows: raw.map((r) => r.data),
        channels: raw.map((r) => r.channel),
        days: raw.map((r) => String(r.submitted_on).slice(0, 10)),
      });
    }
  }
});
afterAll(async () => app?.close());

const current = () => waves.at(-1)!;

// ---- comparison -----------------------------------------------------------------------------------------------------

describe("comparison with earlier waves", () => {
  it("finds the kommun's earlier citizen surveys, oldest first, and nothing of other kommuner", async () => {
    const c = await getComparison({ db: app.open.db, kommunId, surveySlug: current().slug });
    expect(c.waves.map((w) => w.period)).toEqual(["2022", "2024", "2026"]);
    expect(c.waves.map((w) => w.respondents)).toEqual(waves.map((w) => w.rows.length));
    expect(c.current.slug).toBe(current().slug);
  });

  it("computes every change from the raw rows: previous wave per item, difference, z-test and flag", async () => {
    const c = await getComparison({ db: app.open.db, kommunId, surveySlug: current().slug });
    const [w22, w24, w26] = waves as [(typeof waves)[number], (typeof waves)[number], (typeof waves)[number]];
    const items = [...ROWS_ALL.map(problemItem), SAFETY_ITEM];
    expect(c.items.map((i) => i.question).sort()).toEqual(items.map((i) => i.name).sort());
    let flagged = 0;
    for (const item of items) {
      // The previous wave is the latest earlier one that asked the item: drug_dealing was not asked in 2024.
      const prevWave = item.name === "problems.drug_dealing" ? w22 : w24;
      const a = indicatorRef(item, prevWave.rows);
      const b = indicatorRef(item, w26.rows);
      const got = c.items.find((i) => i.question === item.name)!;
      expect(got.previous?.period, item.name).toBe(prevWave.period);
      expect(got.previous?.base).toBe(a.base);
      expect(got.current.base).toBe(b.base);
      close(got.current.share, b.k / b.base, `${item.name} current share`);
      close(got.previous?.share, a.k / a.base, `${item.name} previous share`);
      const p1 = a.k / a.base;
      const p2 = b.k / b.base;
      const pooled = (a.k + b.k) / (a.base + b.base);
      const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / a.base + 1 / b.base));
      close(got.change?.diff, p2 - p1, `${item.name} diff`);
      close(got.change?.z, z, `${item.name} z`);
      expect(got.change?.significant, `${item.name} significant (z=${z})`).toBe(Math.abs(z) >= 1.96);
      // Newcombe's interval of the difference, from the two Wilson intervals.
      const [l1, l2] = [wilsonRef(a.k, a.base), wilsonRef(b.k, b.base)];
      close(got.change?.low, p2 - p1 - Math.sqrt((p2 - l2.low) ** 2 + (l1.high - p1) ** 2), `${item.name} low`);
      close(got.change?.high, p2 - p1 + Math.sqrt((l2.high - p2) ** 2 + (p1 - l1.low) ** 2), `${item.name} high`);
      if (got.change?.significant) flagged++;
    }
    // The 2022 wave had clearly bigger problems: at least one change is significant, and not all are.
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(items.length);
  });

  it("draws a trend only for items with three or more waves", async () => {
    const c = await getComparison({ db: app.open.db, kommunId, surveySlug: current().slug });
    expect(c.trends.map((t) => t.question).sort()).toEqual(["problems.litter", "problems.speeding", "safe_night_area"]);
    const litter = c.trends.find((t) => t.question === "problems.litter")!;
    waves.forEach((w, i) => {
      const r = indicatorRef(problemItem("litter"), w.rows);
      const ci = wilsonRef(r.k, r.base);
      close(litter.points[i]?.share, ci.p, `litter ${w.period}`);
      close(litter.points[i]?.ci_low, ci.low, `litter ${w.period} low`);
      close(litter.points[i]?.ci_high, ci.high, `litter ${w.period} high`);
    });
  });

  it("applies the filter to every wave; a wave without the filtered area is not comparable", async () => {
    const norr = await getComparison({
      db: app.open.db,
      kommunId,
      surveySlug: current().slug,
      filters: { where: ["area:norr"] },
    });
    expect(norr.waves.map((w) => w.respondents)).toEqual(
      waves.map((w) => w.rows.filter((d) => d.area === "norr").length),
    );
    const litter = norr.items.find((i) => i.question === "problems.litter")!;
    const r = indicatorRef(
      problemItem("litter"),
      current().rows.filter((d) => d.area === "norr"),
    );
    close(litter.current.share, r.k / r.base, "filtered share");

    // byn: not offered in 2022 (not comparable), 3 respondents in 2024 and 2026 (suppressed): no change shown.
    const byn = await getComparison({
      db: app.open.db,
      kommunId,
      surveySlug: current().slug,
      filters: { where: ["area:byn"] },
    });
    expect(byn.waves.map((w) => w.comparable)).toEqual([false, true, true]);
    expect(byn.waves.map((w) => w.respondents)).toEqual([null, null, null]);
    for (const item of byn.items) {
      expect(item.current.suppressed).toBe(true);
      expect(item.current.share).toBeNull();
      expect(item.change).toBeNull();
    }
    expect(byn.trends).toEqual([]);
  });

  it("rejects a filter that does not fit the current survey", async () => {
    await expect(
      getComparison({ db: app.open.db, kommunId, surveySlug: current().slug, filters: { where: ["area:nowhere"] } }),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it("does not find a survey of another kommun", async () => {
    const kalix = await getOrganisationBySlug({ db: app.open.db, slug: "kalix" });
    await expect(
      getComparison({ db: app.open.db, kommunId: kalix.id, surveySlug: current().slug }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

// ---- weighting ------------------------------------------------------------------------------------------------------

const POPULATION: Record<string, number> = {
  "16-29|woman": 900,
  "16-29|man": 1000,
  "30-64|woman": 2500,
  "30-64|man": 2700,
  "65+|woman": 1400,
  "65+|man": 1300,
};

/** Post-stratification weights from the raw rows, with the empty cell 65+ × man merged into 30-64 × man. */
function weightsRef(rows: Data[]) {
  const n: Record<string, number> = {};
  for (const d of rows) {
    if (typeof d.age_band === "string" && (d.gender === "woman" || d.gender === "man")) {
      const k = `${d.age_band}|${d.gender}`;
      n[k] = (n[k] ?? 0) + 1;
    }
  }
  expect(n["65+|man"] ?? 0).toBe(0);
  const groups: { cells: string[] }[] = [
    { cells: ["16-29|woman"] },
    { cells: ["30-64|woman"] },
    { cells: ["65+|woman"] },
    { cells: ["16-29|man"] },
    { cells: ["30-64|man", "65+|man"] },
  ];
  const popTotal = Object.values(POPULATION).reduce((a, b) => a + b, 0);
  const nTotal = Object.values(n).reduce((a, b) => a + b, 0);
  const w: Record<string, number> = {};
  for (const g of groups) {
    const pop = g.cells.reduce((s, c) => s + POPULATION[c]!, 0);
    const cnt = g.cells.reduce((s, c) => s + (n[c] ?? 0), 0);
    for (const c of g.cells) w[c] = pop / popTotal / (cnt / nTotal);
  }
  return (d: Data) =>
    typeof d.age_band === "string" && (d.gender === "woman" || d.gender === "man")
      ? w[`${d.age_band}|${d.gender}`]!
      : 1;
}

describe("weighting", () => {
  it("refuses bad population figures with a message per field and changes nothing", async () => {
    const db = app.open.db;
    const bad = savePopulation({
      db,
      kommunId,
      surveyId: current().id,
      scope: "kommun",
      source: "",
      cells: { "16-29|woman": "-3", "30-64|man": "tolv", "99|woman": "5" },
      accountId: null,
    });
    await expect(bad).rejects.toBeInstanceOf(Invalid);
    const err = (await bad.catch((e: unknown) => e)) as Invalid;
    expect(err.errors.map((e) => e.field).sort()).toEqual([
      "pop.16-29|woman",
      "pop.30-64|man",
      "pop.99|woman",
      "source",
    ]);
    expect(await db.selectFrom("population_set").select("id").execute()).toEqual([]);
    const w = await getWeighting({ db, kommunId, surveyId: current().id });
    expect(w.population).toBeNull();
    expect(w.applied).toBeNull();
    expect(w.indicators.every((i) => i.weighted === null)).toBe(true);
  });

  it("shows weighted shares beside the unweighted ones, recomputed from the raw rows, with the merge stated", async () => {
    const db = app.open.db;
    const cells = Object.fromEntries(Object.entries(POPULATION).map(([k, v]) => [k, v.toLocaleString("sv-SE")]));
    await savePopulation({
      db,
      kommunId,
      surveyId: current().id,
      scope: "kommun",
      source: "SCB, 31 december 2025",
      cells,
      accountId: null,
    });
    const weight = weightsRef(current().rows);
    // Unfiltered and filtered on a demographic column (both counted from the cube), and filtered on an answer (the
    // answer bitmaps): every weighted figure as recomputed from the raw rows.
    const picks: Record<string, (d: Data) => boolean> = {
      "area:centrum": (d) => d.area === "centrum",
      "unsafe_places:park": (d) => Array.isArray(d.unsafe_places) && d.unsafe_places.includes("park"),
    };
    for (const filter of [undefined, "area:centrum", "unsafe_places:park"]) {
      const rows = filter ? current().rows.filter(picks[filter]!) : current().rows;
      const w = await getWeighting({
        db,
        kommunId,
        surveyId: current().id,
        filters: filter ? { where: [filter] } : undefined,
      });
      expect(w.population?.scope).toBe("kommun");
      expect(w.applied?.merges).toEqual([{ from: "65+|man", into: "30-64|man" }]);
      expect(w.applied?.method).toMatch(/poststratifiering/);
      expect(w.applied?.method).toMatch(/SCB, 31 december 2025/);
      const all = indicatorRef({ name: "all", value: () => "x", yes: [], excluded: [] }, rows, weight);
      close(w.applied?.effectiveN, all.nEff, `n_eff ${filter}`);
      for (const item of [...ROWS_ALL.map(problemItem), SAFETY_ITEM]) {
        const got = w.indicators.find((i) => i.question === item.name)!;
        const unweighted = indicatorRef(item, rows);
        close(got.unweighted.share, unweighted.k / unweighted.base, `${item.name} unweighted`);
        const r = indicatorRef(item, rows, weight);
        const p = r.k / r.base;
        const ci = wilsonRef(p * r.nEff, r.nEff);
        close(got.weighted?.share, p, `${item.name} weighted share ${filter}`);
        close(got.weighted?.effective_n, r.nEff, `${item.name} n_eff ${filter}`);
        close(got.weighted?.ci_low, ci.low, `${item.name} weighted low ${filter}`);
        close(got.weighted?.ci_high, ci.high, `${item.name} weighted high ${filter}`);
        expect(Math.abs(p - unweighted.k / unweighted.base)).toBeGreaterThan(0);
      }
      // Every single-answer question's options: weighted share = Σw(option) / Σw(answered), from the raw rows.
      const dist = (name: string, value: (d: Data) => unknown, options: string[]) => {
        const got = w.questions.find((q) => q.name === name)!;
        expect(
          got.options.map((o) => o.value),
          name,
        ).toEqual(options);
        const answered = rows.filter((d) => value(d) !== undefined);
        const sw = answered.reduce((a, d) => a + weight(d), 0);
        for (const o of got.options) {
          const holders = answered.filter((d) => String(value(d)) === o.value);
          if (o.suppressed) {
            expect([o.unweighted, o.weighted]).toEqual([null, null]);
            continue;
          }
          close(o.unweighted, holders.length / answered.length, `${name}=${o.value} unweighted ${filter}`);
          close(o.weighted, holders.reduce((a, d) => a + weight(d), 0) / sw, `${name}=${o.value} weighted ${filter}`);
        }
      };
      dist("safe_night_area", (d) => d.safe_night_area, SAFETY);
      dist("problems.speeding", (d) => (d.problems as Data | undefined)?.speeding, PROBLEM);
      dist("age_band", (d) => d.age_band, AGES);
      // A checkbox: weighted share = Σw(ticked the option) / Σw(ticked any), from the raw rows.
      const multi = w.questions.find((q) => q.name === "unsafe_places")!;
      expect(multi.options.map((o) => o.value)).toEqual(SPOTS);
      const ticked = rows.filter((d) => Array.isArray(d.unsafe_places));
      const swTicked = ticked.reduce((a, d) => a + weight(d), 0);
      for (const o of multi.options) {
        const holders = ticked.filter((d) => (d.unsafe_places as string[]).includes(o.value));
        close(o.unweighted, holders.length / ticked.length, `unsafe_places=${o.value} unweighted ${filter}`);
        close(
          o.weighted,
          holders.reduce((a, d) => a + weight(d), 0) / swTicked,
          `unsafe_places=${o.value} weighted ${filter}`,
        );
      }
      expect(multi.options.reduce((a, o) => a + o.weighted!, 0)).toBeGreaterThan(1); // several ticks per respondent
    }
  });

  it("a survey's own population takes precedence over the kommun's; a small group shows no weighted figure", async () => {
    const db = app.open.db;
    await savePopulation({
      db,
      kommunId,
      surveyId: current().id,
      scope: "survey",
      source: "Egen uppskattning",
      cells: { "16-29|woman": "1", "16-29|man": "1", "30-64|woman": "1", "30-64|man": "1", "65+|woman": "1" },
      accountId: null,
    });
    const own = await getWeighting({ db, kommunId, surveyId: current().id });
    expect(own.population).toMatchObject({ scope: "survey", source: "Egen uppskattning" });
    const earlier = await getWeighting({ db, kommunId, surveyId: waves[0]!.id });
    expect(earlier.population).toMatchObject({ scope: "kommun", source: "SCB, 31 december 2025" });
    const byn = await getWeighting({ db, kommunId, surveyId: current().id, filters: { where: ["area:byn"] } });
    expect(byn.suppressed).toBe(true);
    expect(byn.applied?.effectiveN).toBeNull();
    expect(byn.indicators.every((i) => i.weighted === null && i.unweighted.share === null)).toBe(true);
  });
});

// ---- participation --------------------------------------------------------------------------------------------------

describe("participation", () => {
  it("counts responses by channel and day from the raw rows, and the response rate against the population", async () => {
    const db = app.open.db;
    const c = current();
    const p = await getParticipation({ db, kommunId, surveyId: c.id });
    expect(p.respondents).toBe(c.rows.length);
    const count = (list: string[], v: string) => list.filter((x) => x === v).length;
    expect(p.byChannel.find((x) => x.channel === "web")?.n).toBe(count(c.channels, "web"));
    expect(p.byChannel.find((x) => x.channel === "paper")?.n).toBe(count(c.channels, "paper"));
    expect(p.byChannel.find((x) => x.channel === "phone")?.n).toBe(0);
    const days = [...new Set(c.days)].sort();
    expect(p.byDay.map((d) => d.day)).toEqual(days);
    for (const d of p.byDay) expect(d.n, d.day).toBe(count(c.days, d.day));
    // The survey's own population (5 persons) is the one in force: more respondents than population is a rate > 1.
    expect(p.responseRate).toMatchObject({ respondents: c.rows.length, population: 5 });
    // Per age band × gender cell with a population figure: respondents of the cell over its population.
    expect(p.rateByCell.map((x) => `${x.age_band}|${x.gender}`).sort()).toEqual([
      "16-29|man",
      "16-29|woman",
      "30-64|man",
      "30-64|woman",
      "65+|woman",
    ]);
    for (const cell of p.rateByCell) {
      const n = c.rows.filter((d) => d.age_band === cell.age_band && d.gender === cell.gender).length;
      if (n > 0 && n < MIN) expect(cell.suppressed).toBe(true);
      if (cell.suppressed) expect([cell.respondents, cell.rate]).toEqual([null, null]);
      else expect([cell.respondents, cell.rate]).toEqual([n, n / 1]);
    }
  });

  it("the problembild report's fieldwork and channels are those of the raw rows, unfiltered and filtered", async () => {
    const db = app.open.db;
    const c = current();
    const raw = c.rows.map((d, i) => ({ d, channel: c.channels[i]!, day: c.days[i]! }));
    const picks: Record<string, (d: Data) => boolean> = {
      "area:centrum": (d) => d.area === "centrum",
      "unsafe_places:park": (d) => Array.isArray(d.unsafe_places) && d.unsafe_places.includes("park"),
    };
    for (const filter of [undefined, "area:centrum", "unsafe_places:park"]) {
      const rows = filter ? raw.filter((r) => picks[filter]!(r.d)) : raw;
      const report = await getProblemPictureReport({
        db,
        kommun: { id: kommunId, slug: "haparanda", name: "Haparanda" },
        survey: { id: c.id, slug: c.slug, title: "Jämförelsetest", period: c.period, kind: "medborgarenkat" },
        request: { filters: filter ? { where: [filter] } : {}, breakdown: null },
      });
      const days = rows.map((r) => r.day).sort();
      expect(report.fieldwork, `fieldwork ${filter}`).toEqual({ from: days[0], to: days.at(-1) });
      const n = (ch: string) => rows.filter((r) => r.channel === ch).length;
      expect(report.channels, `channels ${filter}`).toEqual([
        { channel: "web", n: n("web") },
        { channel: "paper", n: n("paper") },
      ]);
    }
  });

  it("suppresses a small channel and its complement so the hidden count cannot be recovered", async () => {
    const db = app.open.db;
    const c = current();
    // byn has 3 respondents: the whole group is hidden.
    const small = await getParticipation({ db, kommunId, surveyId: c.id, filters: { where: ["area:byn"] } });
    expect(small.respondents).toBeNull();
    expect(small.byChannel.every((x) => x.n === null && x.suppressed)).toBe(true);
    expect(small.byDay).toEqual([]);
    // A filter where paper has fewer than 5: paper hidden, and so is another count (never exactly one hidden).
    for (const day of [...new Set(c.days)]) {
      const rows = c.rows
        .map((d, i) => ({ d, ch: c.channels[i]!, day: c.days[i]! }))
        .filter((r) => r.day === day && r.d.area === "norr" && r.d.age_band === "16-29");
      const paper = rows.filter((r) => r.ch === "paper").length;
      if (rows.length < MIN || paper === 0 || paper >= MIN) continue;
      const p = await getParticipation({
        db,
        kommunId,
        surveyId: c.id,
        filters: { where: ["area:norr", "age_band:16-29"], from: day, to: day },
      });
      expect(p.respondents).toBe(rows.length);
      expect(p.byChannel.find((x) => x.channel === "paper")).toMatchObject({
        n: null,
        suppressed: true,
        reason: "below_min_base",
      });
      expect(p.byChannel.filter((x) => x.suppressed).length).toBeGreaterThanOrEqual(2);
      return;
    }
    throw new Error("no filtered day with a small paper count in the test data");
  });
});

// ---- breakdowns -----------------------------------------------------------------------------------------------------

describe("indicator breakdowns", () => {
  it("counts every item in one scan and gives exactly the figures of each item's own breakdown (one and two dimensions)", async () => {
    const db = app.open.db;
    for (const by of [["area"], ["age_band", "gender"]]) {
      for (const filters of [undefined, { where: ["gender:woman"] }]) {
        const b = await getIndicatorBreakdowns({ db, surveyId: current().id, by, kind: "problem", filters });
        expect(b.items.map((i) => i.question)).toEqual(ROWS_ALL.map((r) => `problems.${r}`));
        for (const item of b.items) {
          const own = await getBreakdown({ db, surveyId: current().id, question: item.question, by, filters });
          expect(item.cells, `${item.question} by ${by.join("×")}`).toEqual(own.groups.map((g) => g.indicator));
        }
        expect(b.table?.groups.map((g) => g.options)).toEqual(
          (await getBreakdown({ db, surveyId: current().id, question: b.items[0]!.question, by, filters })).groups.map(
            (g) => g.options,
          ),
        );
      }
    }
    // Some crossed group is small enough to be suppressed, and no suppressed cell carries a figure.
    const crossed = await getIndicatorBreakdowns({
      db,
      surveyId: current().id,
      by: ["area", "gender"],
      kind: "problem",
    });
    const cells = crossed.items.flatMap((i) => i.cells);
    expect(cells.some((c) => c.suppressed)).toBe(true);
    for (const c of cells.filter((x) => x.suppressed))
      expect([c.share, c.ci_low, c.ci_high, c.base]).toEqual([null, null, null, null]);
  });

  it("refuses a bad dimension or measure with a message per field", async () => {
    const db = app.open.db;
    await expect(
      getIndicatorBreakdowns({ db, surveyId: current().id, by: ["shoe_size"], kind: "problem" }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      getIndicatorBreakdowns({ db, surveyId: current().id, by: ["area", "area"], kind: "problem" }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      getIndicatorBreakdowns({ db, surveyId: current().id, by: ["area"], kind: "happiness" }),
    ).rejects.toBeInstanceOf(Invalid);
  });
});

// ---- pages ----------------------------------------------------------------------------------------------------------

describe("pages", () => {
  it("analysts and viewers of the kommun open the analysis pages; another kommun's analyst gets 403", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("lasare@haparanda.example", DEMO_PASSWORD);
    const other = new Browser(app.url);
    await other.login("analytiker@kalix.example", DEMO_PASSWORD);
    for (const sub of ["resultat", "resultat/jamforelse", "resultat/uppdelning", "resultat/vagning"]) {
      const path = `/app/haparanda/enkater/${current().slug}/${sub}`;
      expect((await viewer.fetch(path)).status, path).toBe(200);
      expect((await other.fetch(path)).status, path).toBe(403);
    }
  });

  it("only analysts save population figures; bad figures answer 422 with the field's message", async () => {
    const path = `/app/haparanda/enkater/${current().slug}/resultat/vagning`;
    const viewer = new Browser(app.url);
    await viewer.login("lasare@haparanda.example", DEMO_PASSWORD);
    await viewer.fetch(path);
    expect(
      (await viewer.post(path, { intent: "save", scope: "kommun", source: "SCB", "pop.16-29|woman": "10" })).status,
    ).toBe(403);
    const analyst = new Browser(app.url);
    await analyst.login("analytiker@haparanda.example", DEMO_PASSWORD);
    await analyst.fetch(path);
    const bad = await analyst.post(path, {
      intent: "save",
      scope: "kommun",
      source: "SCB",
      "pop.16-29|woman": "många",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("heltal");
    const before = await getWeighting({ db: app.open.db, kommunId, surveyId: waves[0]!.id });
    expect(before.population?.source).toBe("SCB, 31 december 2025");
    const ok = await analyst.post(path, {
      intent: "save",
      scope: "kommun",
      source: "SCB 2025",
      ...Object.fromEntries(Object.entries(POPULATION).map(([k, v]) => [`pop.${k}`, String(v)])),
    });
    expect([200, 204, 302, 303]).toContain(ok.status);
    const after = await getWeighting({ db: app.open.db, kommunId, surveyId: waves[0]!.id });
    expect(after.population?.source).toBe("SCB 2025");
  });
});
