import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { savePopulation } from "../../app/features/results/population.server";
import { getWeighting } from "../../app/features/results/weighting.server";
import { getParticipation } from "../../app/features/results/participation.server";
import { getProblemPictureReport } from "../../app/features/results/report.server";
import { Invalid } from "../../app/platform/errors.server";
import { Browser } from "../support/app-server";
import { MIN, PROBLEM, SAFETY, wilsonRef, type Data } from "../support/reference-stats";
import { published } from "../support/published";
import { byCell, close, indicatorRef, problemItem, SAFETY_ITEM, type KeyedData } from "../support/waves-reference";
import { AGES, app, current, keyedRows, kommunId, ROWS_ALL, setUpWaves, SPOTS, waves } from "../support/waves-survey";

// Weighting, participation and the analysis pages over the waves of tests/support/waves-survey.ts, every figure
// recomputed from the raw rows with the post-stratification of docs/domain/statistics.md, not the app's code, each
// count the published count of its own set of rows (tests/support/published.ts). The tests run in order: weighting
// saves the populations that participation and the pages then find.

setUpWaves();

// ---- weighting ------------------------------------------------------------------------------------------------------

const POPULATION: Record<string, number> = {
  "16-29|woman": 900,
  "16-29|man": 1000,
  "30-64|woman": 2500,
  "30-64|man": 2700,
  "65+|woman": 1400,
  "65+|man": 1300,
};

/**
 * Post-stratification weights from the raw rows, with the empty cell 65+ × man merged into 30-64 × man: the sample
 * of a cell is the published count of the whole survey's respondents in it.
 */
function weightsRef(rows: KeyedData[]) {
  const n: Record<string, number> = {};
  for (const cell of byCell(rows)) {
    const d = cell[0]!.d;
    if (typeof d.age_band === "string" && (d.gender === "woman" || d.gender === "man"))
      n[`${d.age_band}|${d.gender}`] = published(cell);
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
    const weight = weightsRef(keyedRows(current()));
    // Unfiltered and filtered on a demographic column (both counted from the cube), and filtered on an answer (the
    // answer bitmaps): every weighted figure as recomputed from the raw rows.
    const picks: Record<string, (d: Data) => boolean> = {
      "area:centrum": (d) => d.area === "centrum",
      "unsafe_places:park": (d) => Array.isArray(d.unsafe_places) && d.unsafe_places.includes("park"),
    };
    for (const filter of [undefined, "area:centrum", "unsafe_places:park"]) {
      const rows = filter ? keyedRows(current()).filter((r) => picks[filter]!(r.d)) : keyedRows(current());
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
      const all = indicatorRef({ name: "all", value: () => "x", options: ["x"], yes: [], excluded: [] }, rows, weight);
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
      // Σ over the age band × gender cells of the cell's weight times the published count of its rows matching `pred`.
      const weighted = (pred: (d: Data) => boolean) =>
        byCell(rows).reduce((a, cell) => a + weight(cell[0]!.d) * published(cell.filter((r) => pred(r.d))), 0);
      // Every single-answer question's options, from the raw rows: unweighted share = published(option) /
      // published(answered), capped at 1; weighted share = Σw(option) / Σ over the options of Σw(option).
      const dist = (name: string, value: (d: Data) => unknown, options: string[]) => {
        const got = w.questions.find((q) => q.name === name)!;
        expect(
          got.options.map((o) => o.value),
          name,
        ).toEqual(options);
        const answered = published(rows.filter((r) => value(r.d) !== undefined));
        const sw = options.reduce((a, v) => a + weighted((d) => String(value(d)) === v), 0);
        for (const o of got.options) {
          const holders = published(rows.filter((r) => String(value(r.d)) === o.value));
          if (o.suppressed) {
            expect([o.unweighted, o.weighted]).toEqual([null, null]);
            continue;
          }
          close(o.unweighted, Math.min(holders, answered) / answered, `${name}=${o.value} unweighted ${filter}`);
          close(
            o.weighted,
            weighted((d) => String(value(d)) === o.value) / sw,
            `${name}=${o.value} weighted ${filter}`,
          );
        }
      };
      dist("safe_night_area", (d) => d.safe_night_area, SAFETY);
      dist("problems.speeding", (d) => (d.problems as Data | undefined)?.speeding, PROBLEM);
      dist("age_band", (d) => d.age_band, AGES);
      // A checkbox: weighted share = Σw(ticked the option) / Σw(ticked any), from the raw rows (published per cell).
      const multi = w.questions.find((q) => q.name === "unsafe_places")!;
      expect(multi.options.map((o) => o.value)).toEqual(SPOTS);
      const tickedAny = (d: Data) => Array.isArray(d.unsafe_places);
      const ticks = (v: string) => (d: Data) => tickedAny(d) && (d.unsafe_places as string[]).includes(v);
      const ticked = published(rows.filter((r) => tickedAny(r.d)));
      const swTicked = weighted(tickedAny);
      for (const o of multi.options) {
        const holders = published(rows.filter((r) => ticks(o.value)(r.d)));
        close(o.unweighted, Math.min(holders, ticked) / ticked, `unsafe_places=${o.value} unweighted ${filter}`);
        close(o.weighted, weighted(ticks(o.value)) / swTicked, `unsafe_places=${o.value} weighted ${filter}`);
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
    const all = keyedRows(c);
    expect(p.respondents).toBe(published(all));
    const count = (pred: (r: (typeof all)[number]) => boolean) => published(all.filter(pred));
    expect(p.byChannel.find((x) => x.channel === "web")?.n).toBe(count((r) => r.channel === "web"));
    expect(p.byChannel.find((x) => x.channel === "paper")?.n).toBe(count((r) => r.channel === "paper"));
    expect(p.byChannel.find((x) => x.channel === "phone")?.n).toBe(0);
    const days = [...new Set(c.days)].sort();
    expect(p.byDay.map((d) => d.day)).toEqual(days);
    for (const d of p.byDay) expect(d.n, d.day).toBe(count((r) => r.day === d.day));
    // The survey's own population (5 persons) is the one in force: more respondents than population is a rate > 1.
    expect(p.responseRate).toMatchObject({ respondents: published(all), population: 5 });
    // Per age band × gender cell with a population figure: respondents of the cell over its population.
    expect(p.rateByCell.map((x) => `${x.age_band}|${x.gender}`).sort()).toEqual([
      "16-29|man",
      "16-29|woman",
      "30-64|man",
      "30-64|woman",
      "65+|woman",
    ]);
    for (const cell of p.rateByCell) {
      const n = count((r) => r.d.age_band === cell.age_band && r.d.gender === cell.gender);
      if (n > 0 && n < MIN) expect(cell.suppressed).toBe(true);
      if (cell.suppressed) expect([cell.respondents, cell.rate]).toEqual([null, null]);
      else expect([cell.respondents, cell.rate]).toEqual([n, n / 1]);
    }
  });

  it("the problembild report's fieldwork and channels are those of the raw rows, unfiltered and filtered", async () => {
    const db = app.open.db;
    const c = current();
    const raw = keyedRows(c);
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
      const n = (ch: string) => published(rows.filter((r) => r.channel === ch));
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
      const rows = keyedRows(c).filter((r) => r.day === day && r.d.area === "norr" && r.d.age_band === "16-29");
      const paper = rows.filter((r) => r.channel === "paper").length;
      if (rows.length < MIN || paper === 0 || paper >= MIN) continue;
      const p = await getParticipation({
        db,
        kommunId,
        surveyId: c.id,
        filters: { where: ["area:norr", "age_band:16-29"], from: day, to: day },
      });
      expect(p.respondents).toBe(published(rows));
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
