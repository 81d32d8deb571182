import { describe, expect, it } from "vitest";
import { getBreakdown } from "../../app/features/results/results.server";
import { testEngine } from "../support/test-db";
import { MIN, PROBLEM, wilsonRef, type Data } from "../support/reference-stats";
import { close } from "../support/results-reference";
import { app, raw, setUpResultsSurvey, surveyId } from "../support/results-survey";

// Breakdowns of the results survey by one demographic column and by two crossed, every figure checked against the raw
// rows (`response.data`) with the suppression of docs/domain/statistics.md#complementary-suppression.

setUpResultsSurvey();

describe(`results API on ${testEngine()}`, () => {
  it("breaks a question down by area, suppressed as a table against its totals", async () => {
    const b = await getBreakdown({ db: app.open.db, surveyId, question: "feel", by: ["area"] });
    const rows = raw.map((r) => r.data);
    expect(b.groups.map((g) => g.key.area)).toEqual(["centrum", "norr", "byn"]);
    for (const g of b.groups) {
      const inGroup = rows.filter((d) => d.area === g.key.area);
      const answered = inGroup.filter((d) => d.feel !== undefined).length;
      if (g.answered !== null) expect(g.answered).toBe(answered);
      for (const o of g.options) {
        const n = inGroup.filter((d) => d.feel === o.value).length;
        if (n > 0 && n < MIN) expect(o.suppressed).toBe(true);
        if (!o.suppressed) expect(o.n).toBe(n);
        if (!o.suppressed && g.answered !== null) close(o.share, wilsonRef(n, answered).p, `${g.label} ${o.value}`);
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
    const rows = raw.map((r) => r.data);
    expect(b.groups.length).toBeGreaterThanOrEqual(9);
    let hidden = 0;
    for (const g of b.groups) {
      const inGroup = rows.filter((d) => (d.age_band ?? null) === g.key.age_band && d.gender === g.key.gender);
      const counts = PROBLEM.map((v) => inGroup.filter((d) => (d.problems as Data).litter === v).length);
      if (g.answered === null) {
        hidden++;
        expect(g.options.every((o) => o.suppressed)).toBe(true);
        continue;
      }
      expect(counts.every((n) => n === 0 || n >= MIN)).toBe(true);
      expect(g.options.map((o) => o.n)).toEqual(counts);
    }
    expect(hidden).toBeGreaterThanOrEqual(2);
    // Per age band and per gender (totals a reader gets from the one-way breakdowns): never one hidden group alone.
    for (const dim of ["age_band", "gender"] as const) {
      const values = [...new Set(b.groups.map((g) => g.key[dim]))];
      for (const v of values) {
        const margin = rows.filter((d) => (d[dim] ?? null) === v && (d.problems as Data).litter !== undefined).length;
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
