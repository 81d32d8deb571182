import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareProgress, countByStatus, promiseProgress, todayInSweden, windowProgress } from "./follow-up-progress";
import { validateEntry } from "../follow-up-entries.server";
import { followUpReportCsv, type FollowUpReport } from "../follow-up-report.server";
import type { Target } from "./target";

const weekly: Target = { kind: "quantity", quantity: 1, per: "week", comparator: "at_least" };
const period = { periodStart: "2024-01-01", periodEnd: "2024-12-31" };

describe("promiseProgress", () => {
  it("expects one a week: 20 weeks in, 20 expected; 15 done is behind by 5", () => {
    // 2024-01-01 + 20 × 7 days − 1 = 2024-05-19, the last day of week 20.
    const p = promiseProgress({ target: weekly, ...period, asOf: "2024-05-19", quantities: [10, 5] });
    expect(p).toMatchObject({ done: 15, expected: 20, total: 52, status: "behind", shortfall: 5 });
    expect(p.doneFraction).toBeCloseTo(15 / 52);
    expect(p.expectedFraction).toBeCloseTo(20 / 52);
  });

  it("is on track at the expected number, done at the period's total, not started with nothing due", () => {
    expect(promiseProgress({ target: weekly, ...period, asOf: "2024-05-19", quantities: [20] }).status).toBe(
      "on_track",
    );
    expect(promiseProgress({ target: weekly, ...period, asOf: "2024-05-19", quantities: [60] })).toMatchObject({
      status: "done",
      doneFraction: 1,
    });
    expect(promiseProgress({ target: weekly, ...period, asOf: "2024-01-03", quantities: [] })).toMatchObject({
      status: "not_started",
      expected: 0,
    });
    expect(promiseProgress({ target: weekly, ...period, asOf: "2024-01-07", quantities: [] })).toMatchObject({
      status: "behind",
      expected: 1,
      shortfall: 1,
    });
  });

  it("counts a milestone once anything is logged, and judges it on its date", () => {
    const m: Target = { kind: "milestone", due: "2024-06-30", deliverable: "En plan" };
    expect(promiseProgress({ target: m, ...period, asOf: "2024-07-01", quantities: [] })).toMatchObject({
      done: 0,
      expected: 1,
      status: "behind",
    });
    expect(promiseProgress({ target: m, ...period, asOf: "2024-07-01", quantities: [3] })).toMatchObject({
      done: 1,
      total: 1,
      status: "done",
    });
    expect(promiseProgress({ target: m, ...period, asOf: "2024-03-01", quantities: [] }).status).toBe("not_started");
  });

  it("marks a promise without a target as not measurable but still counts what was done", () => {
    const p = promiseProgress({ target: { kind: "none" }, ...period, asOf: "2024-07-01", quantities: [2, 3] });
    expect(p).toMatchObject({ done: 5, expected: null, total: null, status: "not_measurable", expectedFraction: null });
  });

  it("sorts behind first (largest shortfall first), then not started, on track, done, not measurable", () => {
    const mk = (status: string, shortfall = 0) => ({ status, shortfall }) as never;
    const sorted = [
      mk("done"),
      mk("not_measurable"),
      mk("behind", 1),
      mk("on_track"),
      mk("behind", 7),
      mk("not_started"),
    ].sort(compareProgress);
    expect(sorted.map((x: { status: string; shortfall: number }) => `${x.status}${x.shortfall || ""}`)).toEqual([
      "behind7",
      "behind1",
      "not_started",
      "on_track",
      "done",
      "not_measurable",
    ]);
    expect(countByStatus([mk("done"), mk("done"), mk("behind")])).toEqual({
      behind: 1,
      not_started: 0,
      on_track: 0,
      done: 2,
      not_measurable: 0,
    });
  });

  it("takes today's date in Sweden, not UTC", () => {
    expect(todayInSweden(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
    expect(todayInSweden(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
    expect(todayInSweden(new Date("2026-06-30T22:01:00Z"))).toBe("2026-07-01");
  });
});

describe("validateEntry", () => {
  const ctx = { periodStart: "2022-01-01", periodEnd: "2023-12-31", today: "2023-06-15" };
  const fields = (input: Parameters<typeof validateEntry>[0]) => validateEntry(input, ctx).errors.map((e) => e.field);

  it("accepts a date in the period up to today and a whole number ≥ 0", () => {
    expect(validateEntry({ doneOn: "2023-06-15", quantity: "0", place: " Torget ", note: "" }, ctx)).toEqual({
      errors: [],
      value: { doneOn: "2023-06-15", quantity: 0, place: "Torget", note: "", public: false, publicNote: "" },
    });
  });

  it("shows an entry to residents only with a text of its own, trimmed and at most 600 characters", () => {
    const base = { doneOn: "2023-06-15", quantity: "1" };
    expect(validateEntry({ ...base, public: "on", publicNote: "  Vi var där.  " }, ctx).value).toMatchObject({
      public: true,
      publicNote: "Vi var där.",
    });
    expect(fields({ ...base, public: "on", publicNote: " " })).toEqual(["publicNote"]);
    expect(fields({ ...base, public: "on", publicNote: "x".repeat(601) })).toEqual(["publicNote"]);
    // A text kept while the entry is not shown is fine (it can be shown later).
    expect(fields({ ...base, publicNote: "Senare." })).toEqual([]);
  });

  it("refuses dates outside the period, in the future or not dates, one message per field", () => {
    expect(fields({ doneOn: "2021-12-31", quantity: "1" })).toEqual(["doneOn"]);
    expect(fields({ doneOn: "2023-06-16", quantity: "1" })).toEqual(["doneOn"]);
    expect(fields({ doneOn: "2023-02-30", quantity: "1" })).toEqual(["doneOn"]);
    expect(fields({ doneOn: "igår", quantity: "1" })).toEqual(["doneOn"]);
  });

  it("refuses negative, fractional, empty or absurd quantities and over-long text", () => {
    for (const q of ["-1", "1.5", "", "tre", "1e3", "100001"])
      expect(fields({ doneOn: "2023-01-01", quantity: q }), q).toEqual(["quantity"]);
    expect(fields({ doneOn: "x", quantity: "-2", place: "p".repeat(301), note: "n".repeat(4001) })).toEqual([
      "doneOn",
      "quantity",
      "place",
      "note",
    ]);
  });
});

describe("followUpReportCsv", () => {
  const report: FollowUpReport = {
    document: {
      id: 1,
      kommunSlug: "k",
      kommunName: "K",
      title: '=HYPERLINK("x")',
      periodLabel: "2022",
      periodStart: "2022-01-01",
      periodEnd: "2022-12-31",
      status: "publicerat",
      version: 1,
      followUpDue: null,
      followUpText: "",
    },
    asOf: "2023-01-10",
    window: { from: "2022-01-01", to: "2022-12-31", year: null },
    years: [2022],
    counts: { behind: 0, not_started: 0, on_track: 0, done: 1, not_measurable: 0 },
    indicatorCount: 0,
    focusAreas: [
      {
        id: 1,
        title: "Trafik; säkerhet",
        indicators: [],
        promises: [
          {
            id: 1,
            text: "Genomföra minst två (2) kontroller per år.",
            target: { kind: "quantity", quantity: 2, per: "year", comparator: "at_least" },
            status: "done",
            done: 3,
            expected: 2,
            total: 2,
            doneFraction: 1,
            expectedFraction: 1,
            entryCount: 2,
            places: [
              { place: "+46 Torget", quantity: 2 },
              { place: "@skolan", quantity: 1 },
            ],
            notes: [{ doneOn: "2022-05-01", note: '-rapport "klar"' }],
            firstDone: "2022-05-01",
            lastDone: "2022-09-01",
          },
        ],
      },
    ],
  };
  const csv = followUpReportCsv(report);

  it("starts with a BOM and separates with semicolons", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("Fokusområde;Löfte;Status;Genomfört");
  });

  it("neutralises cells a spreadsheet would run as formulas and quotes separators", () => {
    expect(csv).toContain(`Dokument;"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(
      `"Trafik; säkerhet";Genomföra minst två (2) kontroller per år.;Genomfört;3;2;2;2;"'+46 Torget (2), @skolan (1)";"2022-05-01: -rapport ""klar"""`,
    );
    for (const line of csv.slice(1).split("\r\n"))
      for (const cell of line.split(";")) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe("followup catalogue", () => {
  const load = (f: string) =>
    JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../i18n", f), "utf8")) as Record<string, string>;
  it("has the same keys and placeholders in English as in Swedish", () => {
    const sv = load("followup.sv.json");
    const en = load("followup.en.json");
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(sv)) expect(ph(en[k]!), k).toEqual(ph(sv[k]!));
  });
});

describe("windowProgress (the yearly review of a longer period)", () => {
  const two = { periodStart: "2022-01-01", periodEnd: "2023-12-31" };
  const fourAYear: Target = { kind: "quantity", quantity: 4, per: "year", comparator: "at_least" };

  it("expects each year's share of the target, so the years add up to the period", () => {
    const y1 = windowProgress({
      target: fourAYear,
      ...two,
      from: "2022-01-01",
      to: "2022-12-31",
      asOf: "2024-01-10",
      quantities: [3],
    });
    const y2 = windowProgress({
      target: fourAYear,
      ...two,
      from: "2023-01-01",
      to: "2023-12-31",
      asOf: "2024-01-10",
      quantities: [5],
    });
    expect(y1).toMatchObject({ done: 3, expected: 4, total: 4, status: "behind", shortfall: 1 });
    expect(y2).toMatchObject({ done: 5, expected: 4, total: 4, status: "done" });
    // Half-way through the second year (183 of 365 days ended): floor(4 × 1.501) − 4 = 2 of that year's four.
    const mid = windowProgress({
      target: fourAYear,
      ...two,
      from: "2023-01-01",
      to: "2023-12-31",
      asOf: "2023-07-02",
      quantities: [2],
    });
    expect(mid).toMatchObject({ expected: 2, total: 4, status: "on_track" });
    // Before the window starts nothing is expected yet.
    expect(
      windowProgress({
        target: fourAYear,
        ...two,
        from: "2023-01-01",
        to: "2023-12-31",
        asOf: "2022-06-01",
        quantities: [],
      }),
    ).toMatchObject({ expected: 0, status: "not_started" });
  });

  it("is the whole-period progress when the window is the period", () => {
    const args = {
      target: weekly,
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      asOf: "2024-05-19",
      quantities: [10, 5],
    };
    expect(windowProgress({ ...args, from: "2023-06-01", to: "2025-01-01" })).toEqual(promiseProgress(args));
  });
});
