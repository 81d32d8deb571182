import { describe, expect, it } from "vitest";
import { getBreakdown } from "../../app/features/results/results.server";
import { published } from "../support/published";
import { testEngine } from "../support/test-db";
import { MIN, PROBLEM, wilsonRef, type Data } from "../support/reference-stats";
import { close } from "../support/results-reference";
import { app, raw, setUpResultsSurvey, surveyId } from "../support/results-survey";

// Breakdowns of the results survey by one demographic column and by two crossed, every figure checked against the raw
// rows (`response.data`) with the suppression of docs/domain/statistics.md#complementary-suppression. Every figure is
// the published count of its own set of rows (`response.cell_key`, docs/decisions/014-cell-key-perturbation.md).

setUpResultsSurvey();

describe(`results API on ${testEngine()}`, () => {
  it("breaks a question down by area, suppressed as a table against its totals", async () => {
    const b = await getBreakdown({ db: app.open.db, surveyId, question: "feel", by: ["area"] });
    expect(b.groups.map((g) => g.key.area)).toEqual(["centrum", "norr", "byn"]);
    for (const g of b.groups) {
      const inGroup = raw.filter((r) => r.data.area === g.key.area);
      const answered = published(inGroup.filter((r) => r.data.feel !== undefined));
      if (g.answered !== null) expect(g.answered).toBe(answered);
      for (const o of g.options) {
        const holding = inGroup.filter((r) => r.data.feel === o.value);
        const n = published(holding);
        if (holding.length > 0 && holding.length < MIN) expect(o.suppressed).toBe(true);
        if (!o.suppressed) expect(o.n).toBe(n);
        // A published n above its published base has the share 100 %.
        if (!o.suppressed && g.answered !== null)
          close(o.share, wilsonRef(Math.min(n, answered), answered).p, `${g.label} ${o.value}`);
      }
      if (g.answered !== null) expect(g.options.filter((o) => o.suppressed).length).not.toBe(1);
    }
    expect(b.groups.find((g) => g.key.area === "byn")!.answered).toBeNull();
    // Every option column: the groups add up to the shown total, so never exactly one hidden group.
    b.total!.options.forEach((t, j) => {
      if (!t.suppressed) expect(b.groups.filter((g) => g.options[j]!.suppressed).length).not.toBe(1);
    });
  });

  it("crosses two columns, showing a group whole or not at all", async () => {
    const b = await getBreakdown({
      db: app.open.db,
      surveyId,
      question: "problems.litter",
      by: ["age_band", "gender"],
    });
    expect(b.groups.length).toBeGreaterThanOrEqual(9);
    let hidden = 0;
    for (const g of b.groups) {
      const inGroup = raw.filter(({ data: d }) => (d.age_band ?? null) === g.key.age_band && d.gender === g.key.gender);
      const sets = PROBLEM.map((v) => inGroup.filter((r) => (r.data.problems as Data).litter === v));
      if (g.answered === null) {
        hidden++;
        expect(g.options.every((o) => o.suppressed)).toBe(true);
        continue;
      }
      expect(sets.every((s) => s.length === 0 || s.length >= MIN)).toBe(true);
      expect(g.answered).toBe(published(inGroup.filter((r) => (r.data.problems as Data).litter !== undefined)));
      expect(g.options.map((o) => o.n)).toEqual(sets.map(published));
    }
    expect(hidden).toBeGreaterThanOrEqual(2);
    // Per age band and per gender (totals a reader gets from the one-way breakdowns): never one hidden group alone.
    for (const dim of ["age_band", "gender"] as const) {
      const values = [...new Set(b.groups.map((g) => g.key[dim]))];
      for (const v of values) {
        // Below the minimum base exactly when its published count is (docs/decisions/014-cell-key-perturbation.md).
        const margin = raw.filter(
          ({ data: d }) => (d[dim] ?? null) === v && (d.problems as Data).litter !== undefined,
        ).length;
        if (margin > 0 && margin < MIN) continue; // the margin is itself hidden in the one-way breakdown
        const line = b.groups.filter((g) => g.key[dim] === v && (g.answered === null || g.answered > 0));
        expect(line.filter((g) => g.answered === null).length, `${dim}=${v}`).not.toBe(1);
      }
    }
  });

  it("rejects a breakdown of an unknown question or column", async () => {
    await expect(getBreakdown({ db: app.open.db, surveyId, question: "nosuch", by: ["area"] })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      getBreakdown({ db: app.open.db, surveyId, question: "feel", by: ["shoe_size"] }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
