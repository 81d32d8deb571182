import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { getBreakdown } from "../../app/features/results/results.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

// Every figure of the results API is recomputed here from the raw rows (`response.data`), with this file's own
// counting, Wilson interval and suppression rules written from docs/domain/statistics.md, not the app's code.

const MIN = 5;
const Z = 1.959964;
const PROBLEM = ["4", "3", "2", "1", "dont_know"];
const SAFETY = ["very_safe", "rather_safe", "rather_unsafe", "very_unsafe", "never_out", "dont_know"];
const PROBLEM_ROWS = ["litter", "speeding", "drug_dealing"];

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: "Hur trygg känner du dig?",
          choices: [
            { value: "safe", text: "Trygg" },
            { value: "unsafe", text: "Otrygg" },
            { value: "dont_know", text: "Vet ej" },
          ],
        },
        { type: "radiogroup", name: "trio", choices: ["a", "b", "c"] },
        { type: "checkbox", name: "where", choices: ["park", "station", "school", "shop"], showNoneItem: true },
        { type: "rating", name: "score", rateMin: 1, rateMax: 5 },
        { type: "boolean", name: "contact" },
        {
          type: "matrix",
          name: "problems",
          title: "Hur stort problem är följande?",
          columns: PROBLEM,
          rows: PROBLEM_ROWS,
        },
        { type: "radiogroup", name: "safe_night_area", choices: SAFETY },
        {
          type: "dropdown",
          name: "area",
          choices: [
            { value: "centrum", text: "Centrum" },
            { value: "norr", text: "Norr" },
            { value: "byn", text: "Byn" },
          ],
        },
        { type: "radiogroup", name: "age_band", choices: ["16-29", "30-64", "65+"] },
        { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
      ],
    },
  ],
};

type Data = Record<string, unknown>;
type Reason = "below_min_base" | "complementary" | null;
type Kind = "problem" | "safety" | null;
interface TestQuestion {
  name: string;
  options: string[];
  multi: boolean;
  kind: Kind;
  values: (d: Data) => string[];
}

const one = (v: unknown) => (v === undefined || v === null ? [] : [String(v)]);
const QUESTIONS: TestQuestion[] = [
  { name: "feel", options: ["safe", "unsafe", "dont_know"], multi: false, kind: null, values: (d) => one(d.feel) },
  { name: "trio", options: ["a", "b", "c"], multi: false, kind: null, values: (d) => one(d.trio) },
  {
    name: "where",
    options: ["park", "station", "school", "shop", "none"],
    multi: true,
    kind: null,
    values: (d) => (Array.isArray(d.where) ? d.where.map(String) : []),
  },
  { name: "score", options: ["1", "2", "3", "4", "5"], multi: false, kind: null, values: (d) => one(d.score) },
  { name: "contact", options: ["true", "false"], multi: false, kind: null, values: (d) => one(d.contact) },
  ...PROBLEM_ROWS.map((row): TestQuestion => ({
    name: `problems.${row}`,
    options: PROBLEM,
    multi: false,
    kind: "problem",
    values: (d) => one((d.problems as Data | undefined)?.[row]),
  })),
  { name: "safe_night_area", options: SAFETY, multi: false, kind: "safety", values: (d) => one(d.safe_night_area) },
  { name: "area", options: ["centrum", "norr", "byn"], multi: false, kind: null, values: (d) => one(d.area) },
  { name: "age_band", options: ["16-29", "30-64", "65+"], multi: false, kind: null, values: (d) => one(d.age_band) },
  { name: "gender", options: ["woman", "man", "other"], multi: false, kind: null, values: (d) => one(d.gender) },
];

// ---- the data: a seeded PRNG, with small groups and exact counts where the suppression cases need them ----------

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 320;
function makeAnswers(): { data: Data; channel: "web" | "paper"; day: string }[] {
  const rnd = prng(4711);
  const pick = <T>(items: [T, number][]): T => {
    let r = rnd() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const out: { data: Data; channel: "web" | "paper"; day: string }[] = [];
  for (let i = 0; i < N; i++) {
    const d: Data = {};
    const maybe = (p: number, f: () => unknown, key: string) => {
      if (rnd() < p) d[key] = f();
    };
    maybe(
      0.95,
      () =>
        pick([
          ["safe", 6],
          ["unsafe", 3],
          ["dont_know", 1],
        ]),
      "feel",
    );
    // The subtraction case: 40 / 38 / 3 answer trio (81 in all), nobody else does.
    if (i < 81) d.trio = i < 40 ? "a" : i < 78 ? "b" : "c";
    if (rnd() < 0.8) {
      const ticks = ["park", "station", "school"].filter(() => rnd() < 0.4);
      if (i % 100 === 13) ticks.push("shop"); // 3 respondents: a checkbox option below the minimum base
      d.where = ticks.length ? ticks : ["none"];
    }
    maybe(
      0.9,
      () =>
        pick([
          [1, 1],
          [2, 2],
          [3, 4],
          [4, 3],
          [5, 2],
        ]),
      "score",
    );
    maybe(0.9, () => rnd() < 0.3, "contact");
    const problems: Data = {};
    problems.litter = pick([
      ["4", 2],
      ["3", 3],
      ["2", 3],
      ["1", 2],
      ["dont_know", 1],
    ]);
    // speeding: "1" for exactly 3 respondents (hidden, with a complement among 2, inside the indicator's rest).
    if (i % 100 !== 50)
      problems.speeding =
        i >= 100 && i < 103
          ? "1"
          : pick([
              ["4", 3],
              ["3", 3],
              ["2", 2],
              ["dont_know", 1],
            ]);
    // drug_dealing: "vet ej" for exactly 2 respondents, which the indicator would reveal: it is suppressed.
    problems.drug_dealing =
      i === 5 || i === 205
        ? "dont_know"
        : pick([
            ["4", 2],
            ["3", 2],
            ["2", 3],
            ["1", 3],
          ]);
    d.problems = problems;
    // never_out for exactly 3: hidden (with a complement), the indicator shown without its never_out share.
    d.safe_night_area =
      i === 7 || i === 107 || i === 207
        ? "never_out"
        : pick([
            ["very_safe", 3],
            ["rather_safe", 4],
            ["rather_unsafe", 2],
            ["very_unsafe", 1],
            ["dont_know", 1],
          ]);
    // Areas: byn has 4 respondents (a group below the minimum base).
    d.area = i % 80 === 17 ? "byn" : rnd() < 0.55 ? "centrum" : "norr";
    maybe(
      0.95,
      () =>
        pick([
          ["16-29", 1],
          ["30-64", 2],
          ["65+", 1],
        ]),
      "age_band",
    );
    d.gender = i === 11 || i === 111 || i === 211 ? "other" : rnd() < 0.5 ? "woman" : "man";
    out.push({
      data: d,
      channel: i % 4 === 3 ? "paper" : "web",
      day: `2026-03-${String((i % 20) + 1).padStart(2, "0")}`,
    });
  }
  return out;
}

// ---- the independent computation --------------------------------------------------------------------------------

function wilsonRef(k: number, n: number) {
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * One line (parts adding up to a shown total), suppressed as docs/domain/statistics.md#primary-suppression and
 * #complementary-suppression say: counts 0 < n < MIN hidden (all
 * parts when the total itself is that small); while exactly one entry is hidden, or the sum pins a hidden entry
 * down given what a reader knows (a small count lies in 1..MIN−1, anything else ≥ 0), the smallest shown
 * non-zero entry (a zero only if none is left; first on ties; the total last) is hidden too.
 */
function suppressLineRef(parts: number[], total: number): { parts: Reason[]; total: Reason } {
  const n = [...parts, total];
  const T = parts.length;
  const small = (x: number) => x > 0 && x < MIN;
  const reason: Reason[] = n.map((x) => (small(x) ? "below_min_base" : null));
  if (small(total)) for (let i = 0; i < T; i++) reason[i] = "below_min_base";
  const pickShown = () => {
    const shown = n.map((x, i) => ({ x, i })).filter(({ i }) => reason[i] === null);
    shown.sort((a, b) => Number(a.x === 0) - Number(b.x === 0) || a.x - b.x || a.i - b.i);
    return shown[0]?.i ?? null;
  };
  const pinned = () => {
    const hiddenIdx = n.map((_, i) => i).filter((i) => reason[i] !== null);
    const rhs = (reason[T] === null ? total : 0) - parts.reduce((s, x, i) => s + (reason[i] === null ? x : 0), 0);
    const lo = (i: number) =>
      reason[i] === "below_min_base" ? (i !== T && reason[T] === "below_min_base" ? 0 : 1) : 0;
    const hi = (i: number) => (reason[i] === "below_min_base" ? MIN - 1 : Infinity);
    return hiddenIdx.some((i) => {
      let min = 0;
      let max = 0;
      for (const j of hiddenIdx) {
        if (j === i) continue;
        min += j === T ? -hi(j) : lo(j);
        max += j === T ? -lo(j) : hi(j);
      }
      const [from, to] = i === T ? [min - rhs, max - rhs] : [rhs - max, rhs - min];
      return Math.min(to, hi(i)) - Math.max(from, lo(i)) <= 0;
    });
  };
  for (;;) {
    const hiddenCount = reason.filter((r) => r !== null).length;
    if (hiddenCount === 0 || !(hiddenCount === 1 || pinned())) break;
    const i = pickShown();
    if (i === null) break;
    reason[i] = "complementary";
  }
  return { parts: reason.slice(0, T), total: reason[T]! };
}

interface ExpectedOption {
  value: string;
  n: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  reason: Reason;
}
interface ExpectedIndicator {
  question: string;
  base: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  dont_know_share: number | null;
  never_out_share?: number | null;
  suppressed: boolean;
  reason: Reason;
}

const RULES = {
  problem: { numerator: ["4", "3"], excluded: ["dont_know"] },
  safety: { numerator: ["rather_unsafe", "very_unsafe"], excluded: ["dont_know"] },
};

function expectedQuestion(q: TestQuestion, rows: Data[]) {
  const counts = new Map(q.options.map((o) => [o, 0]));
  let answered = 0;
  for (const d of rows) {
    const vs = q.values(d).filter((v) => counts.has(v));
    if (vs.length) answered++;
    for (const v of vs) counts.set(v, counts.get(v)! + 1);
  }
  const ns = q.options.map((o) => counts.get(o)!);
  let reasons: Reason[];
  let answeredReason: Reason = null;
  let indicator: ExpectedIndicator | null = null;
  if (q.multi) {
    const smallGroup = answered > 0 && answered < MIN;
    reasons = ns.map((x) => (smallGroup || (x > 0 && x < MIN) ? "below_min_base" : null));
    if (smallGroup) answeredReason = "below_min_base";
  } else {
    const line = suppressLineRef(ns, answered);
    reasons = line.parts;
    answeredReason = line.total;
  }
  if (q.kind) {
    const rule = RULES[q.kind];
    const group = (o: string) => (rule.numerator.includes(o) ? 0 : rule.excluded.includes(o) ? 2 : 1);
    const members = [0, 1, 2].map((g) => q.options.filter((o) => group(o) === g));
    const width = Math.max(...members.map((m) => m.length));
    const lines = members.map((m) => {
      const parts = [...m.map((o) => counts.get(o)!), ...Array<number>(width - m.length).fill(0)];
      return {
        m,
        total: parts.reduce((a, b) => a + b, 0),
        result: suppressLineRef(
          parts,
          parts.reduce((a, b) => a + b, 0),
        ),
      };
    });
    const k = lines[0]!.total;
    const base = k + lines[1]!.total;
    const dk = lines[2]!.total;
    const totalsHidden = lines.some((l) => l.result.total !== null) || (answered > 0 && answered < MIN);
    if (totalsHidden || base < MIN) {
      indicator = {
        question: q.name,
        base: null,
        share: null,
        ci_low: null,
        ci_high: null,
        dont_know_share: null,
        suppressed: true,
        reason: base < MIN ? "below_min_base" : "complementary",
      };
      if (q.kind === "safety") indicator.never_out_share = null;
    } else {
      reasons = q.options.map((o) => {
        const l = lines[group(o)]!;
        return l.result.parts[l.m.indexOf(o)]!;
      });
      answeredReason = null;
      const w = wilsonRef(k, base);
      indicator = {
        question: q.name,
        base,
        share: w.p,
        ci_low: w.low,
        ci_high: w.high,
        dont_know_share: dk / answered,
        suppressed: false,
        reason: null,
      };
      if (q.kind === "safety")
        indicator.never_out_share = reasons[q.options.indexOf("never_out")] ? null : counts.get("never_out")! / base;
    }
  }
  const answeredShown = answeredReason === null ? answered : null;
  const options: ExpectedOption[] = q.options.map((o, i) => {
    const shown = reasons[i] === null;
    const w = shown && answeredShown ? wilsonRef(ns[i]!, answeredShown) : null;
    return {
      value: o,
      n: shown ? ns[i]! : null,
      share: w?.p ?? null,
      ci_low: w?.low ?? null,
      ci_high: w?.high ?? null,
      suppressed: !shown,
      reason: reasons[i]!,
    };
  });
  return { answered: answeredShown, options, indicator };
}

function suppressedEverywhere(q: TestQuestion) {
  return {
    answered: null,
    options: q.options.map((o) => ({
      value: o,
      n: null,
      share: null,
      ci_low: null,
      ci_high: null,
      suppressed: true,
      reason: "below_min_base" as Reason,
    })),
    indicator: q.kind
      ? {
          question: q.name,
          base: null,
          share: null,
          ci_low: null,
          ci_high: null,
          dont_know_share: null,
          suppressed: true,
          reason: "below_min_base" as Reason,
          ...(q.kind === "safety" ? { never_out_share: null } : {}),
        }
      : null,
  };
}

// ---- comparing -----------------------------------------------------------------------------------------------------

interface ApiOption {
  value: string;
  label: string;
  n: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  reason: Reason;
}
interface ApiQuestion {
  name: string;
  type: string;
  title: string;
  answered: number | null;
  options: ApiOption[];
}
interface ApiIndicator extends ExpectedIndicator {
  kind: string;
}
interface ApiResults {
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  questions: ApiQuestion[];
  indicators: ApiIndicator[];
}

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) expect(actual ?? null, what).toBeNull();
  else {
    expect(actual, what).not.toBeNull();
    expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-12);
  }
}

/** Compares every figure of an API answer with the figures computed here from `rows`. */
function compare(api: ApiResults, rows: Data[]) {
  const groupSmall = rows.length < MIN;
  expect(api.respondents).toBe(groupSmall ? null : rows.length);
  expect(api.suppressed).toBe(groupSmall);
  expect(api.questions.map((q) => q.name)).toEqual(QUESTIONS.map((q) => q.name));
  const indicatorNames = QUESTIONS.filter((q) => q.kind).map((q) => q.name);
  expect(api.indicators.map((i) => i.question)).toEqual(indicatorNames);
  for (const q of QUESTIONS) {
    const exp = groupSmall ? suppressedEverywhere(q) : expectedQuestion(q, rows);
    const got = api.questions.find((x) => x.name === q.name)!;
    expect(got.answered, `${q.name} answered`).toBe(exp.answered);
    expect(got.options.map((o) => o.value)).toEqual(q.options);
    got.options.forEach((o, i) => {
      const e = exp.options[i]!;
      const what = `${q.name}=${o.value}`;
      expect({ n: o.n, suppressed: o.suppressed, reason: o.reason }, what).toEqual({
        n: e.n,
        suppressed: e.suppressed,
        reason: e.reason,
      });
      close(o.share, e.share, `${what} share`);
      close(o.ci_low, e.ci_low, `${what} ci_low`);
      close(o.ci_high, e.ci_high, `${what} ci_high`);
    });
    if (exp.indicator) {
      const gi = api.indicators.find((x) => x.question === q.name)!;
      const ei = exp.indicator;
      expect(
        { base: gi.base, suppressed: gi.suppressed, reason: gi.reason, kind: gi.kind },
        `${q.name} indicator`,
      ).toEqual({
        base: ei.base,
        suppressed: ei.suppressed,
        reason: ei.reason,
        kind: q.kind,
      });
      for (const f of ["share", "ci_low", "ci_high", "dont_know_share", "never_out_share"] as const)
        close(gi[f], ei[f], `${q.name} indicator ${f}`);
    }
    // The privacy property itself: on a single-answer line with a shown total, never exactly one hidden entry.
    if (!q.multi && got.answered !== null)
      expect(got.options.filter((o) => o.suppressed).length, `${q.name} hidden`).not.toBe(1);
  }
}

// ---- the test ------------------------------------------------------------------------------------------------------

let app: TestApp;
let slug: string;
let surveyId: number;
let viewerSession: Browser;
let otherKommunToken: string;
let raw: { data: Data; channel: string; submitted_on: string }[];

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const haparanda = await getOrganisationBySlug({ db, slug: "haparanda" });
  const created = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title: "Resultattest",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  ({ slug, id: surveyId } = created);
  await setSurveyStatus({ db, surveyId, status: "open" });
  const answers = makeAnswers();
  for (const channel of ["web", "paper"] as const) {
    const rows = answers.filter((a) => a.channel === channel).map((a) => ({ data: a.data, submittedOn: a.day }));
    const stored = await storeResponsesAllOrNothing({ db, surveyId, rows, channel });
    expect(stored.errors).toEqual([]);
  }
  raw = (await db
    .selectFrom("response")
    .select(["data", "channel", "submitted_on"])
    .where("survey_id", "=", surveyId)
    .execute()) as typeof raw;
  viewerSession = new Browser(app.url);
  await viewerSession.login("lasare@haparanda.example", DEMO_PASSWORD);
  const kalixAnalyst = await db
    .selectFrom("account")
    .select("id")
    .where("email", "=", "analytiker@kalix.example")
    .executeTakeFirstOrThrow();
  otherKommunToken = await createApiToken({ db, accountId: kalixAnalyst.id, label: "t" });
});
afterAll(async () => app?.close());

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
    compare(
      api,
      raw.map((r) => r.data),
    );
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
    expect(trio.answered).toBe(81);
    expect(trio.options.map((o) => [o.value, o.n, o.suppressed, o.reason])).toEqual([
      ["a", 40, false, null],
      ["b", null, true, "complementary"],
      ["c", null, true, "below_min_base"],
    ]);
    expect(trio.options[1]).toMatchObject({ share: null, ci_low: null, ci_high: null });
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
    const rows = raw.map((r) => r.data);
    const api = await results("?where=area:centrum&where=area:norr&where=gender:woman");
    compare(
      api,
      rows.filter((d) => (d.area === "centrum" || d.area === "norr") && d.gender === "woman"),
    );
    const api2 = await results("?where=feel:unsafe&where=where:park&where=where:school&where=problems.litter:4");
    compare(
      api2,
      rows.filter(
        (d) =>
          d.feel === "unsafe" &&
          Array.isArray(d.where) &&
          (d.where.includes("park") || d.where.includes("school")) &&
          (d.problems as Data).litter === "4",
      ),
    );
    const api3 = await results("?from=2026-03-05&to=2026-03-10&channel=paper");
    compare(
      api3,
      raw
        .filter((r) => r.channel === "paper" && r.submitted_on >= "2026-03-05" && r.submitted_on <= "2026-03-10")
        .map((r) => r.data),
    );
  });

  it("suppresses everything for a group below the minimum base", async () => {
    const api = await results("?where=area:byn");
    expect(raw.filter((r) => r.data.area === "byn")).toHaveLength(4);
    compare(
      api,
      raw.filter((r) => r.data.area === "byn").map((r) => r.data),
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
