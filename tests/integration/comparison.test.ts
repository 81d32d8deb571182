import { describe, expect, it } from "vitest";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { getComparison } from "../../app/features/results/comparison.server";
import { getIndicatorBreakdowns } from "../../app/features/results/breakdown.server";
import { getBreakdown } from "../../app/features/results/results.server";
import { Invalid } from "../../app/platform/errors.server";
import { wilsonRef } from "../support/reference-stats";
import { close, indicatorRef, problemItem, SAFETY_ITEM } from "../support/waves-reference";
import { published } from "../support/published";
import { app, current, keyedRows, kommunId, ROWS_ALL, setUpWaves, waves } from "../support/waves-survey";

// Comparison over waves and indicator breakdowns, every figure recomputed from the raw rows (`response.data` with its
// `cell_key`) with the tests' own counting of published figures, Wilson interval and z-test written from
// docs/domain/statistics.md#comparison-over-time and #change-between-two-periods, not the app's code.

setUpWaves();

// ---- comparison -----------------------------------------------------------------------------------------------------

describe("comparison with earlier waves", () => {
  it("finds the kommun's earlier citizen surveys, oldest first, and nothing of other kommuner", async () => {
    const c = await getComparison({ db: app.open.db, kommunId, surveySlug: current().slug });
    expect(c.waves.map((w) => w.period)).toEqual(["2022", "2024", "2026"]);
    expect(c.waves.map((w) => w.respondents)).toEqual(waves.map((w) => published(keyedRows(w))));
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
      const a = indicatorRef(item, keyedRows(prevWave));
      const b = indicatorRef(item, keyedRows(w26));
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
      const r = indicatorRef(problemItem("litter"), keyedRows(w));
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
      waves.map((w) => published(keyedRows(w).filter((r) => r.d.area === "norr"))),
    );
    const litter = norr.items.find((i) => i.question === "problems.litter")!;
    const r = indicatorRef(
      problemItem("litter"),
      keyedRows(current()).filter((r) => r.d.area === "norr"),
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
