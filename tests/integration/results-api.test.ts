import { describe, expect, it } from "vitest";
import { published } from "../support/published";
import { testEngine } from "../support/test-db";
import { MIN, type Data } from "../support/reference-stats";
import { compare, type ApiResults } from "../support/results-reference";
import { app, N, otherKommunToken, raw, setUpResultsSurvey, slug, viewerSession } from "../support/results-survey";

// Every figure of the results API is recomputed from the raw rows (`response.data`, `response.cell_key`) by
// tests/support/results-reference.ts, as the published count of its own set of rows, with its own Wilson interval and
// suppression rules written from docs/domain/statistics.md, not the app's code.

setUpResultsSurvey();

const results = async (query = "") => {
  const res = await viewerSession.fetch(`/api/v1/surveys/${slug}/results${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ApiResults;
};

describe(`results API on ${testEngine()}`, () => {
  it("stored every synthetic answer", () => {
    expect(raw).toHaveLength(N);
  });

  it("answers every figure as computed from the raw rows, suppression included", async () => {
    const api = await results();
    compare(api, raw);
    expect(api.minBase).toBe(MIN);
    expect(api.questions.find((q) => q.name === "feel")).toMatchObject({
      type: "radiogroup",
      title: "Hur trygg känner du dig?",
    });
    expect(api.questions.find((q) => q.name === "feel")!.options[1]!.label).toBe("Otrygg");
    expect(api.questions.find((q) => q.name === "problems.litter")!.type).toBe("matrix");
  });

  it("hides a small option and one more, so it cannot be recovered from answered (40 / 38 / 3)", async () => {
    const trio = (await results()).questions.find((q) => q.name === "trio")!;
    const answering = raw.filter((r) => r.data.trio !== undefined);
    const holding = (v: string) => answering.filter((r) => r.data.trio === v);
    expect([answering.length, ...["a", "b", "c"].map((v) => holding(v).length)]).toEqual([81, 40, 38, 3]);
    // Published: 81, 40 and 38 each move by up to 2, the 3 stays 3 (and is hidden). The complement is the smaller
    // published count of a and b (a on a tie), so answered minus the one shown option leaves two hidden unknowns.
    const [a, b] = [published(holding("a")), published(holding("b"))];
    const hideA = a <= b;
    expect(trio.answered).toBe(published(answering));
    expect(trio.options.map((o) => [o.value, o.n, o.suppressed, o.reason])).toEqual([
      ["a", hideA ? null : a, hideA, hideA ? "complementary" : null],
      ["b", hideA ? b : null, !hideA, hideA ? null : "complementary"],
      ["c", null, true, "below_min_base"],
    ]);
    expect(trio.options[hideA ? 0 : 1]).toMatchObject({ share: null, ci_low: null, ci_high: null });
  });

  it("covers the indicator cases: shown with a hidden option, suppressed because it would reveal vet ej", async () => {
    const api = await results();
    const speeding = api.questions.find((q) => q.name === "problems.speeding")!;
    expect(speeding.options.find((o) => o.value === "1")).toMatchObject({ n: null, reason: "below_min_base" });
    expect(api.indicators.find((i) => i.question === "problems.speeding")).toMatchObject({ suppressed: false });
    expect(api.indicators.find((i) => i.question === "problems.drug_dealing")).toMatchObject({
      suppressed: true,
      reason: "complementary",
      share: null,
    });
    expect(api.indicators.find((i) => i.question === "safe_night_area")).toMatchObject({
      suppressed: false,
      never_out_share: null,
    });
    const where = api.questions.find((q) => q.name === "where")!;
    expect(where.options.find((o) => o.value === "shop")).toMatchObject({ n: null, suppressed: true });
  });

  it("filters: several values of one question OR-ed, different questions AND-ed", async () => {
    const api = await results("?where=area:centrum&where=area:norr&where=gender:woman");
    compare(
      api,
      raw.filter(({ data: d }) => (d.area === "centrum" || d.area === "norr") && d.gender === "woman"),
    );
    const api2 = await results("?where=feel:unsafe&where=where:park&where=where:school&where=problems.litter:4");
    compare(
      api2,
      raw.filter(
        ({ data: d }) =>
          d.feel === "unsafe" &&
          Array.isArray(d.where) &&
          (d.where.includes("park") || d.where.includes("school")) &&
          (d.problems as Data).litter === "4",
      ),
    );
    const api3 = await results("?from=2026-03-05&to=2026-03-10&channel=paper");
    compare(
      api3,
      raw.filter((r) => r.channel === "paper" && r.submitted_on >= "2026-03-05" && r.submitted_on <= "2026-03-10"),
    );
  });

  it("suppresses everything for a group below the minimum base", async () => {
    const api = await results("?where=area:byn");
    expect(raw.filter((r) => r.data.area === "byn")).toHaveLength(4);
    compare(
      api,
      raw.filter((r) => r.data.area === "byn"),
    );
    expect(api.respondents).toBeNull();
    expect(
      api.questions.every(
        (q) => q.answered === null && q.options.every((o) => o.n === null && o.share === null && o.suppressed),
      ),
    ).toBe(true);
    expect(api.indicators.every((i) => i.suppressed && i.share === null)).toBe(true);
    // An empty group looks the same as a small one.
    const empty = await results("?where=gender:other&where=area:byn");
    expect(empty.respondents).toBeNull();
  });

  it("refuses anonymous callers (401), other kommuner (403), unknown surveys (404) and bad filters (422)", async () => {
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}/results`)).status).toBe(401);
    const other = await fetch(`${app.url}/api/v1/surveys/${slug}/results`, {
      headers: { authorization: `Bearer ${otherKommunToken}` },
    });
    expect(other.status).toBe(403);
    expect((await viewerSession.fetch(`/api/v1/surveys/nope-2026/results`)).status).toBe(404);
    const bad = await viewerSession.fetch(
      `/api/v1/surveys/${slug}/results?where=nocolon&where=nosuch:x&where=feel:maybe&where=feel:safe&from=2026-02-30&channel=fax`,
    );
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(["where", "where", "where", "from", "channel"]);
    expect(body.errors[0]!.message).toMatch(/nocolon/);
    expect(body.errors[1]!.message).toMatch(/nosuch/);
    expect(body.errors[2]!.message).toMatch(/maybe/);
  });
});
