import { describe, it, expect } from "vitest";
import { THEME_KEYS } from "../../surveys/domain/themes";
import { ACTIVITY_TYPES, ACTIVITY_TYPE_KEYS } from "./activities";
import { expectedByDate, isIsoDate, isMeasurable, progressStatus, totalExpected } from "./progress";
import {
  formatCountSv,
  formatDateSv,
  listSv,
  measurabilitySuggestion,
  numberWordSv,
  periodPhraseSv,
  renderPromiseSv,
  responsibleLabelSv,
} from "./wording";
import type { CitizenPromise, Target } from "./target";

const qty = (quantity: number, per: "week" | "month" | "year" | "period", averaged?: boolean): Target => ({
  kind: "quantity",
  quantity,
  per,
  comparator: "at_least",
  ...(averaged ? { averaged } : {}),
});

const promise = (over: Partial<CitizenPromise> & Pick<CitizenPromise, "activityType" | "target">): CitizenPromise => ({
  responsible: "polis",
  ...over,
});

describe("activity catalogue", () => {
  it("covers the activity types of the seeds", () => {
    expect(ACTIVITY_TYPE_KEYS).toEqual([
      "fotpatrullering",
      "trygghetsvandring",
      "riktad_insats",
      "narkotikahund_skola",
      "trafikkontroll",
      "trafiksakerhetsinsats",
      "medborgarkontakt",
      "riskkvall",
      "forelasning",
      "samverkansmote",
      "grannsamverkan",
      "utbildning",
      "orossamtal",
      "skolbesok",
      "information",
      "est",
      "sspf",
      "smadit",
      "kartlaggning",
      "annat",
    ]);
  });

  it("gives every type Swedish and English nouns, labels and valid default themes", () => {
    for (const key of ACTIVITY_TYPE_KEYS) {
      const t = ACTIVITY_TYPES[key];
      for (const s of [t.label.sv, t.label.en, t.sv.singular, t.sv.plural, t.sv.verb, t.en.singular, t.en.plural]) {
        expect(s.trim(), key).not.toBe("");
      }
      expect(["en", "ett"]).toContain(t.sv.gender);
      for (const theme of t.defaultThemes) expect(THEME_KEYS).toContain(theme);
      expect(t.example.quantity).toBeGreaterThan(0);
    }
    expect(ACTIVITY_TYPES.riktad_insats.sv).toMatchObject({ singular: "riktad insats", plural: "riktade insatser" });
    expect(ACTIVITY_TYPES.trygghetsvandring.sv).toMatchObject({ plural: "trygghetsvandringar", gender: "en" });
    expect(ACTIVITY_TYPES.samverkansmote.sv.gender).toBe("ett");
  });
});

describe("Swedish numbers and words", () => {
  it("writes one to twelve as words with the digits, agreeing in gender, and larger numbers as digits", () => {
    expect(formatCountSv(1, "en")).toBe("en (1)");
    expect(formatCountSv(1, "ett")).toBe("ett (1)");
    expect(formatCountSv(4)).toBe("fyra (4)");
    expect(formatCountSv(12)).toBe("tolv (12)");
    expect(formatCountSv(13)).toBe("13");
    expect(formatCountSv(156)).toBe("156");
    expect(formatCountSv(2.5)).toBe("2,5");
    expect(numberWordSv(8)).toBe("åtta");
    expect(numberWordSv(13)).toBeNull();
  });

  it("names periods, owners, lists and dates", () => {
    expect(periodPhraseSv("week")).toBe("per vecka");
    expect(periodPhraseSv("week", true)).toBe("i snitt per vecka");
    expect(periodPhraseSv("month")).toBe("per månad");
    expect(periodPhraseSv("year")).toBe("per år");
    expect(periodPhraseSv("period")).toBe("under perioden");
    expect(responsibleLabelSv("bada")).toBe("Polisen och kommunen");
    expect(responsibleLabelSv({ partner: "Region Norrbotten" })).toBe("Region Norrbotten");
    expect(listSv(["a"])).toBe("a");
    expect(listSv(["a", "b", "c"])).toBe("a, b och c");
    expect(formatDateSv("2023-02-28")).toBe("28 februari 2023");
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-2-1")).toBe(false);
  });
});

describe("renderPromiseSv", () => {
  it("renders in the documents' own style", () => {
    expect(renderPromiseSv(promise({ activityType: "riktad_insats", target: qty(4, "year") }))).toBe(
      "Genomföra minst fyra (4) riktade insatser per år.",
    );
    expect(renderPromiseSv(promise({ activityType: "fotpatrullering", target: qty(1, "week") }))).toBe(
      "Genomföra fotpatrullering minst en (1) gång per vecka.",
    );
    expect(renderPromiseSv(promise({ activityType: "narkotikahund_skola", target: qty(2, "year") }))).toBe(
      "Genomföra sök med narkotikahund i skolmiljö vid minst två (2) tillfällen per år.",
    );
    expect(renderPromiseSv(promise({ activityType: "narkotikahund_skola", target: qty(1, "year") }))).toBe(
      "Genomföra sök med narkotikahund i skolmiljö vid minst ett (1) tillfälle per år.",
    );
    expect(renderPromiseSv(promise({ activityType: "medborgarkontakt", target: qty(3, "week", true) }))).toBe(
      "Genomföra minst tre (3) medborgarkontakter i snitt per vecka.",
    );
    expect(renderPromiseSv(promise({ activityType: "riskkvall", target: qty(2, "year") }))).toBe(
      "Finnas närvarande vid minst två (2) riskkvällar per år.",
    );
    expect(renderPromiseSv(promise({ activityType: "trygghetsvandring", target: qty(1, "period") }))).toBe(
      "Genomföra minst en (1) trygghetsvandring under perioden.",
    );
    expect(renderPromiseSv(promise({ activityType: "samverkansmote", target: qty(1, "month") }))).toBe(
      "Hålla minst ett (1) samverkansmöte per månad.",
    );
    expect(renderPromiseSv(promise({ activityType: "medborgarkontakt", target: qty(20, "month") }))).toBe(
      "Genomföra minst 20 medborgarkontakter per månad.",
    );
  });

  it("places the activity text after the noun, places at the end, and the description after", () => {
    expect(
      renderPromiseSv(
        promise({
          activityType: "fotpatrullering",
          places: ["COOP", "MAX", "skolor", "IKEA", "ungdomsgården"],
          target: qty(1, "week"),
          description: "Kvällstid under sommaren",
        }),
      ),
    ).toBe(
      "Genomföra fotpatrullering minst en (1) gång per vecka på följande platser: COOP, MAX, skolor, IKEA och ungdomsgården. Kvällstid under sommaren.",
    );
    expect(
      renderPromiseSv(
        promise({
          activityType: "trafiksakerhetsinsats",
          activityText: "mot A-traktorer och mopeder",
          target: { kind: "quantity", quantity: 2, per: "period", comparator: "exactly" },
        }),
      ),
    ).toBe("Genomföra två (2) trafiksäkerhetsinsatser mot A-traktorer och mopeder under perioden.");
  });

  it("renders promises without a target, `other` and milestones", () => {
    expect(
      renderPromiseSv(
        promise({ activityType: "trafikkontroll", places: ["byarna utanför centralorten"], target: { kind: "none" } }),
      ),
    ).toBe("Genomföra trafikkontroller på följande plats: byarna utanför centralorten.");
    expect(
      renderPromiseSv(
        promise({ activityType: "grannsamverkan", activityText: "i kommunen", target: { kind: "none" } }),
      ),
    ).toBe("Arbeta med grannsamverkan i kommunen.");
    expect(
      renderPromiseSv(
        promise({
          activityType: "annat",
          activityText: "stötta brottsoffer i den polisiära processen",
          target: { kind: "none" },
        }),
      ),
    ).toBe("Stötta brottsoffer i den polisiära processen.");
    expect(
      renderPromiseSv(
        promise({
          activityType: "annat",
          activityText: "utveckla det förebyggande arbetet mot våld i nära relation",
          target: { kind: "milestone", due: "2022-12-31", deliverable: "En struktur för arbetet är framtagen." },
        }),
      ),
    ).toBe(
      "Utveckla det förebyggande arbetet mot våld i nära relation. Klart senast den 31 december 2022: En struktur för arbetet är framtagen.",
    );
  });
});

describe("measurability", () => {
  it("counts a positive quantity or a dated milestone as measurable", () => {
    expect(isMeasurable(qty(1, "week"))).toBe(true);
    expect(isMeasurable(qty(0, "week"))).toBe(false);
    expect(isMeasurable(qty(Number.NaN, "week"))).toBe(false);
    expect(isMeasurable({ kind: "milestone", due: "2023-02-28", deliverable: "x" })).toBe(true);
    expect(isMeasurable({ kind: "milestone", due: "", deliverable: "x" })).toBe(false);
    expect(isMeasurable({ kind: "none" })).toBe(false);
  });

  it("suggests a number and a time frame, or a date, from the activity type", () => {
    expect(measurabilitySuggestion(promise({ activityType: "riktad_insats", target: qty(4, "year") }))).toBeNull();
    expect(measurabilitySuggestion(promise({ activityType: "grannsamverkan", target: { kind: "none" } }))).toBe(
      "Ange ett antal och en tidsram, t.ex. ”Starta minst två (2) grannsamverkansområden per år”, eller ett datum då ett första grannsamverkansområde ska vara startat.",
    );
    expect(
      measurabilitySuggestion(
        promise({ activityType: "grannsamverkan", activityText: "i kommunen med material", target: { kind: "none" } }),
      ),
    ).toContain("”Starta minst två (2) grannsamverkansområden per år”");
    expect(measurabilitySuggestion(promise({ activityType: "trafikkontroll", target: { kind: "none" } }))).toContain(
      "”Genomföra minst två (2) trafikkontroller per månad”",
    );
    expect(measurabilitySuggestion(promise({ activityType: "fotpatrullering", target: qty(0, "week") }))).toMatch(
      /^Ange ett antal större än noll, t\.ex\. ”Genomföra fotpatrullering minst en \(1\) gång per vecka”/,
    );
    expect(
      measurabilitySuggestion(
        promise({ activityType: "annat", activityText: "stötta brottsoffer", target: { kind: "none" } }),
      ),
    ).toMatch(/^Ange ett antal och en tidsram/);
    expect(
      measurabilitySuggestion(
        promise({
          activityType: "kartlaggning",
          target: { kind: "milestone", due: "snart", deliverable: "kartläggningen" },
        }),
      ),
    ).toBe("Ange ett giltigt datum (ÅÅÅÅ-MM-DD) då kartläggningen ska vara klart.");
    for (const activityType of ACTIVITY_TYPE_KEYS) {
      expect(measurabilitySuggestion(promise({ activityType, target: { kind: "none" } }))).toMatch(/^Ange /);
    }
  });
});

describe("expectedByDate", () => {
  const year2022 = { periodStart: "2022-01-01", periodEnd: "2022-12-31" };
  const haparanda = { periodStart: "2020-01-01", periodEnd: "2022-12-31" };

  it("once a week: completed weeks, 20 weeks in → 20", () => {
    const target = qty(1, "week");
    // 2022-01-01 + 139 days = 2022-05-20, the last day of week 20.
    expect(expectedByDate({ target, ...year2022, asOf: "2022-05-20" })).toBe(20);
    expect(expectedByDate({ target, ...year2022, asOf: "2022-05-19" })).toBe(19);
    expect(expectedByDate({ target, ...year2022, asOf: "2022-01-06" })).toBe(0);
    expect(expectedByDate({ target, ...year2022, asOf: "2022-01-07" })).toBe(1);
    expect(expectedByDate({ target: qty(3, "week"), ...year2022, asOf: "2022-01-10" })).toBe(3);
  });

  it("averaged per week: pro rata", () => {
    expect(expectedByDate({ target: qty(3, "week", true), ...year2022, asOf: "2022-01-10" })).toBe(4); // 3 × 10/7
    expect(expectedByDate({ target: qty(3, "week", true), ...year2022, asOf: "2022-01-14" })).toBe(6);
  });

  it("per month: completed calendar months", () => {
    expect(expectedByDate({ target: qty(2, "month"), ...year2022, asOf: "2022-01-30" })).toBe(0);
    expect(expectedByDate({ target: qty(2, "month"), ...year2022, asOf: "2022-01-31" })).toBe(2);
    expect(expectedByDate({ target: qty(2, "month"), ...year2022, asOf: "2022-03-15" })).toBe(4);
    expect(expectedByDate({ target: qty(2, "month", true), ...year2022, asOf: "2022-02-14" })).toBe(3); // 2 × 1.5
    expect(totalExpected({ target: qty(2, "month"), ...year2022 })).toBe(24);
  });

  it("per year: pro rata by elapsed days, floored", () => {
    const target = qty(4, "year");
    expect(expectedByDate({ target, ...year2022, asOf: "2022-03-31" })).toBe(0); // 90/365 × 4 = 0.99
    expect(expectedByDate({ target, ...year2022, asOf: "2022-04-01" })).toBe(0); // 91/365 × 4 = 0.997
    expect(expectedByDate({ target, ...year2022, asOf: "2022-04-02" })).toBe(1);
    expect(expectedByDate({ target, ...year2022, asOf: "2022-12-31" })).toBe(4);
    expect(expectedByDate({ target: qty(1, "year"), ...year2022, asOf: "2022-12-30" })).toBe(0);
    // Multi-year period: a whole year plus the share of the second.
    expect(expectedByDate({ target, ...haparanda, asOf: "2021-06-30" })).toBe(5); // 4 × (1 + 181/365)
    expect(totalExpected({ target, ...haparanda })).toBe(12);
  });

  it("per period: pro rata over the whole period", () => {
    const kalix = { periodStart: "2022-01-01", periodEnd: "2023-12-31" };
    expect(expectedByDate({ target: qty(1, "period"), ...kalix, asOf: "2023-06-30" })).toBe(0);
    expect(expectedByDate({ target: qty(1, "period"), ...kalix, asOf: "2023-12-31" })).toBe(1);
    expect(expectedByDate({ target: qty(2, "period"), ...kalix, asOf: "2022-12-30" })).toBe(0); // 364/730 × 2
    expect(expectedByDate({ target: qty(2, "period"), ...kalix, asOf: "2022-12-31" })).toBe(1); // 365/730 × 2
  });

  it("clamps to the period", () => {
    const target = qty(1, "week");
    expect(expectedByDate({ target, ...year2022, asOf: "2021-12-31" })).toBe(0);
    expect(expectedByDate({ target, ...year2022, asOf: "2030-01-01" })).toBe(52);
    expect(totalExpected({ target, ...haparanda })).toBe(156); // 1096 days hold 156 whole weeks
    expect(expectedByDate({ target, ...haparanda, asOf: "2025-01-01" })).toBe(156);
  });

  it("milestones: 1 once due, none and unmeasurable → null, bad dates throw", () => {
    const milestone: Target = { kind: "milestone", due: "2022-12-31", deliverable: "x" };
    expect(expectedByDate({ target: milestone, ...year2022, asOf: "2022-12-30" })).toBe(0);
    expect(expectedByDate({ target: milestone, ...year2022, asOf: "2022-12-31" })).toBe(1);
    expect(expectedByDate({ target: { kind: "none" }, ...year2022, asOf: "2022-06-01" })).toBeNull();
    expect(expectedByDate({ target: qty(0, "year"), ...year2022, asOf: "2022-06-01" })).toBeNull();
    expect(() => expectedByDate({ target: qty(1, "year"), ...year2022, asOf: "2022-13-01" })).toThrow(RangeError);
    expect(() =>
      expectedByDate({
        target: qty(1, "year"),
        periodStart: "2022-12-31",
        periodEnd: "2022-01-01",
        asOf: "2022-06-01",
      }),
    ).toThrow(RangeError);
  });

  it("never expects more than the period total and never decreases", () => {
    const targets: Target[] = [qty(1, "week"), qty(3, "week", true), qty(2, "month"), qty(4, "year"), qty(2, "period")];
    for (const target of targets) {
      const total = totalExpected({ target, ...haparanda }) ?? Number.NaN;
      let previous = 0;
      for (let day = Date.UTC(2019, 11, 1); day <= Date.UTC(2023, 1, 1); day += 86_400_000 * 5) {
        const asOf = new Date(day).toISOString().slice(0, 10);
        const e = expectedByDate({ target, ...haparanda, asOf }) ?? Number.NaN;
        expect(e).toBeGreaterThanOrEqual(previous);
        expect(e).toBeLessThanOrEqual(total);
        previous = e;
      }
    }
  });
});

describe("progressStatus", () => {
  it("applies the documented thresholds", () => {
    expect(progressStatus({ done: 0, expected: 0, totalExpected: 4 })).toBe("not_started");
    expect(progressStatus({ done: 0, expected: 1, totalExpected: 4 })).toBe("behind");
    expect(progressStatus({ done: 1, expected: 1, totalExpected: 4 })).toBe("on_track");
    expect(progressStatus({ done: 3, expected: 1, totalExpected: 4 })).toBe("on_track");
    expect(progressStatus({ done: 1, expected: 2, totalExpected: 4 })).toBe("behind");
    expect(progressStatus({ done: 4, expected: 2, totalExpected: 4 })).toBe("done");
    expect(progressStatus({ done: 5, expected: 4, totalExpected: 4 })).toBe("done");
    expect(progressStatus({ done: 0, expected: 0, totalExpected: 0 })).toBe("not_started");
  });
});
