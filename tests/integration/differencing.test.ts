import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { responseCounts } from "../../app/features/surveys/survey-queries.server";
import { MAX_DEVIATION, noiseDistribution } from "../../app/features/results/domain/cell-key";
import { listComments } from "../../app/features/results/freetext.server";
import { Invalid } from "../../app/platform/errors.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

// The attacker of docs/privacy.md ("Differencing"): an analyst's account, every query the product allows, the
// method and its table public (docs/decisions/014-cell-key-perturbation.md). A planted small group must not be
// recovered exactly: not by the difference of two views, not by crossings, not by intersecting many trackers,
// not by repeating or rephrasing a query, and not through the free-text list.
//
// The record keys are drawn by the database at random; here they are re-drawn from a fixed seed right after the
// answers are stored (before anything is counted), so that the outcome of every attack is the same on every run.

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "yn", choices: ["yes", "no"] },
        { type: "radiogroup", name: "trio", choices: ["a", "b", "c"] },
        { type: "comment", name: "comment" },
        { type: "dropdown", name: "area", choices: ["aa", "bb", "cc"] },
        { type: "radiogroup", name: "age_band", choices: ["16-29", "30-64", "65+"] },
        { type: "radiogroup", name: "gender", choices: ["woman", "man"] },
      ],
    },
  ],
};

type Row = Record<string, string>;

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Area aa: 40 people, three of them 65+ (the crossing target); area bb: 30; area cc: 2 people (the differencing
 * target), both women of 65+ who answered yes and wrote a comment with "ensam ägare".
 */
function makeAnswers(): Row[] {
  const rnd = prng(20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const rows: Row[] = [];
  const person = (area: string, age: string): Row => {
    const r: Row = { area, age_band: age, gender: pick(["woman", "man"]), yn: pick(["yes", "no"]) };
    r.trio = pick(["a", "b", "c"]);
    if (rnd() < 0.5) r.comment = pick(["Mörkt vid stationen", "Bra belysning", "Buskar i parken", "Trafiken"]);
    return r;
  };
  for (let i = 0; i < 37; i++) rows.push(person("aa", pick(["16-29", "30-64"])));
  for (let i = 0; i < 3; i++) rows.push(person("aa", "65+"));
  for (let i = 0; i < 30; i++) rows.push(person("bb", pick(["16-29", "30-64", "65+"])));
  for (let i = 0; i < 2; i++)
    rows.push({
      area: "cc",
      age_band: "65+",
      gender: "woman",
      yn: "yes",
      trio: "a",
      comment: "Ensam ägare av butiken",
    });
  return rows;
}

let app: TestApp;
let analyst: Browser;
let slug: string;
let kommunId: number;
let surveyId: number;
let raw: Row[];

const results = async (query: string) => {
  const res = await analyst.fetch(`/api/v1/surveys/${slug}/results${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as {
    respondents: number | null;
    suppressed: boolean;
    protection: { method: string; max_deviation: number } | null;
    questions: { name: string; answered: number | null; options: { value: string; n: number | null }[] }[];
  };
};
const respondents = async (where: string[]) =>
  (await results(where.length ? `?${where.map((w) => `where=${encodeURIComponent(w)}`).join("&")}` : "")).respondents;
const optionCount = async (where: string[], question: string, value: string) => {
  const r = await results(where.length ? `?${where.map((w) => `where=${encodeURIComponent(w)}`).join("&")}` : "");
  return r.questions.find((q) => q.name === question)?.options.find((o) => o.value === value)?.n ?? null;
};

/** The true counts a published figure can come from, by the public table: n with p − n a possible noise of n. */
function preimage(published: number): number[] {
  const out: number[] = [];
  for (let n = Math.max(0, published - MAX_DEVIATION); n <= published + MAX_DEVIATION; n++)
    if ((noiseDistribution(n).get(published - n) ?? 0) > 0) out.push(n);
  return out;
}

/** What an attacker can conclude about a − b (a small group, 0..4) from the two published figures. */
function consistent(a: number, b: number): Set<number> {
  const out = new Set<number>();
  for (const x of preimage(a)) for (const y of preimage(b)) if (x - y >= 0 && x - y <= 4) out.add(x - y);
  return out;
}

const trueCount = (pred: (r: Row) => boolean) => raw.filter(pred).length;

/** Whether a row is in the group of `where` filters (values of one question OR-ed, questions AND-ed). */
function matches(r: Row, where: readonly string[]): boolean {
  const byQuestion = new Map<string, string[]>();
  for (const w of where) {
    const [q, v] = w.split(":") as [string, string];
    byQuestion.set(q, [...(byQuestion.get(q) ?? []), v]);
  }
  return [...byQuestion].every(([q, values]) => values.includes(r[q] ?? ""));
}

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const haparanda = await getOrganisationBySlug({ db, slug: "haparanda" });
  kommunId = haparanda.id;
  const created = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title: "Differenstest",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  slug = created.slug;
  surveyId = created.id;
  await setSurveyStatus({ db, surveyId: created.id, status: "open" });
  raw = makeAnswers();
  const stored = await storeResponsesAllOrNothing({
    db,
    surveyId: created.id,
    channel: "paper",
    rows: raw.map((data) => ({ data, submittedOn: "2026-03-02" })),
  });
  expect(stored.errors).toEqual([]);
  // Fixed keys (see the top): rows in a fixed order, keys from the seed. Rows with equal data are in every group
  // together, so which of them gets which key changes no cell's key sum.
  const rows = await sql<{ id: string }>`
    select id from response where survey_id = ${created.id} order by data::text, id`.execute(db);
  const rnd = prng(7);
  for (const r of rows.rows)
    await sql`update response set cell_key = ${Math.floor(rnd() * 256)} where id = ${r.id}`.execute(db);
  analyst = new Browser(app.url);
  await analyst.login("analytiker@haparanda.example", DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe(`differencing attacks on ${testEngine()}`, () => {
  it("reports the protection, and keeps every published count within it of the truth", async () => {
    const all = await results("");
    expect(all.protection).toEqual({ method: "cell_key", max_deviation: MAX_DEVIATION });
    expect(Math.abs(all.respondents! - raw.length)).toBeLessThanOrEqual(MAX_DEVIATION);
    for (const q of all.questions)
      for (const o of q.options)
        if (o.n !== null)
          expect(Math.abs(o.n - trueCount((r) => r[q.name] === o.value))).toBeLessThanOrEqual(MAX_DEVIATION);
    // Figures are not simply exact: with 77 respondents and a table that moves 60 % of counts, some moved.
    const moved = all.questions.flatMap((q) =>
      q.options.filter((o) => o.n !== null && o.n !== trueCount((r) => r[q.name] === o.value)),
    );
    expect(moved.length).toBeGreaterThan(0);
  });

  it("the difference of all and areas aa+bb does not give area cc's respondents or their answers", async () => {
    expect((await results("?where=area:cc")).suppressed).toBe(true);
    const total = (await respondents([]))!;
    const ab = (await respondents(["area:aa", "area:bb"]))!;
    const size = consistent(total, ab);
    expect(size.has(2)).toBe(true);
    expect(size.size, `respondents of cc could be ${[...size]}`).toBeGreaterThan(1);
    const yes = consistent(
      (await optionCount([], "yn", "yes"))!,
      (await optionCount(["area:aa", "area:bb"], "yn", "yes"))!,
    );
    expect(yes.has(2)).toBe(true);
    expect(yes.size, `yes of cc could be ${[...yes]}`).toBeGreaterThan(1);
  });

  it("the crossing (area aa) minus (area aa and every age band but 65+) does not give aa's 65+ group", async () => {
    const aa = (await respondents(["area:aa"]))!;
    const young = (await respondents(["area:aa", "age_band:16-29", "age_band:30-64"]))!;
    const old = consistent(aa, young);
    expect(old.has(3)).toBe(true);
    expect(old.size, `aa's 65+ could be ${[...old]}`).toBeGreaterThan(1);
  });

  it("no tracker over any pair or triple of allowed filters recovers the planted group, alone or intersected", async () => {
    // Conditions an analyst may combine with the area filter (every other question's values, one or two).
    const conditions = [
      [],
      ["age_band:65+"],
      ["age_band:30-64", "age_band:65+"],
      ["gender:woman"],
      ["yn:yes"],
      ["trio:a"],
      ["trio:a", "trio:b"],
    ];
    const filters: string[][] = [];
    for (let i = 0; i < conditions.length; i++)
      for (let j = i; j < conditions.length; j++) {
        const f = [...new Set([...conditions[i]!, ...conditions[j]!])];
        const questions = new Set(f.map((w) => w.split(":")[0]));
        // Two sets of values of one question would mean OR of both: keep the pairs of different questions.
        if (
          i !== j &&
          questions.size < new Set([...conditions[i]!, ...conditions[j]!].map((w) => w.split(":")[0])).size
        )
          continue;
        filters.push(f);
      }
    // With background knowledge of cc's two (women of 65+, answered yes and a): every tracker that contains them
    // measures exactly 2; intersecting what each allows is the strongest use of them all.
    let known = new Set([0, 1, 2, 3, 4]);
    for (const f of filters) {
      const a = await respondents(f);
      const b = await respondents([...f, "area:aa", "area:bb"]);
      if (a === null || b === null) continue;
      const truth = trueCount((r) => r.area === "cc" && matches(r, f));
      const set = consistent(a, b);
      expect(set.has(truth), `${f.join("&")}: truth ${truth} in ${[...set]}`).toBe(true);
      if (truth > 0) expect(set.size, `${f.join("&")} alone gives ${[...set]}`).toBeGreaterThan(1);
      if (truth === 2) known = new Set([...known].filter((x) => set.has(x)));
    }
    expect(known.has(2)).toBe(true);
    expect(known.size, `all trackers together leave ${[...known]}`).toBeGreaterThan(1);
  });

  it("repeating a query, or reaching the same group another way, gives identical figures (nothing to average)", async () => {
    const once = await results("?where=area:aa&where=area:bb");
    expect(await results("?where=area:aa&where=area:bb")).toEqual(once);
    expect((await results("?where=area:bb&where=area:aa")).questions).toEqual(once.questions);
    // Every respondent answered every question: all age bands, or both yn values, are the whole survey.
    const all = await results("");
    expect(await respondents(["age_band:16-29", "age_band:30-64", "age_band:65+"])).toBe(all.respondents);
    expect(await respondents(["yn:yes", "yn:no"])).toBe(all.respondents);
    // The cube (area only) and the answer bitmaps (area and an answer filter covering everyone) agree.
    expect(await respondents(["area:aa", "trio:a", "trio:b", "trio:c"])).toBe(await respondents(["area:aa"]));
    // The survey page's fieldwork total (staff following the survey) is exact by design: whole-survey counts only
    // (docs/decisions/014-cell-key-perturbation.md, "What is not a published count").
    const fieldwork = await responseCounts({ db: app.open.db, surveyId });
    expect(fieldwork.total).toBe(raw.length);
    // A group reached as a filter and as an option count of the unfiltered view is one figure.
    expect(await respondents(["yn:yes"])).toBe(await optionCount([], "yn", "yes"));
    expect(await respondents(["area:aa", "yn:yes"])).toBe(await optionCount(["area:aa"], "yn", "yes"));
  });

  it("the exports show the same protected figures as the API", async () => {
    const api = await results("?where=area:aa");
    const res = await analyst.fetch(`/api/v1/surveys/${slug}/results.csv?where=area:aa`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain("cell_key");
    expect(csv).toContain(`max_deviation=${MAX_DEVIATION}`);
    const yes = api.questions.find((q) => q.name === "yn")!.options.find((o) => o.value === "yes")!.n!;
    const line = csv.split(/\r?\n/).find((l) => /;yn;/.test(l) && /;yes;/.test(l));
    expect(line, csv).toBeDefined();
    expect(line!.split(";")).toContain(String(yes));
  });
});

describe(`free text under filters on ${testEngine()}`, () => {
  const list = (query: { q?: string; where?: readonly string[]; from?: string; channel?: readonly string[] }) =>
    listComments({
      db: app.open.db,
      kommunId,
      surveySlug: slug,
      q: query.q,
      filters: {
        where: [...(query.where ?? [])],
        from: query.from,
        channel: query.channel ? [...query.channel] : undefined,
      },
    });

  it("lists the planted comments in the whole survey's coding view, and under no area filter", async () => {
    const whole = await list({ q: "ensam ägare" });
    expect(whole.filtered).toBe(false);
    expect(whole.comments.map((c) => c.text)).toEqual(["Ensam ägare av butiken", "Ensam ägare av butiken"]);
    for (const where of [["area:aa", "area:bb"], ["area:aa"], ["area:bb"], ["area:cc"], ["area:bb", "area:cc"]]) {
      const got = await list({ q: "ensam ägare", where });
      // Absent under every area filter, the one including cc too: absence no longer says "area cc".
      expect(got.filtered).toBe(true);
      expect(got.comments, where.join("&")).toEqual([]);
    }
  });

  it("under a filter a comment carries no response id and no date, and lists only classes of 5 or more", async () => {
    const whole = await list({});
    expect(whole.comments.length).toBeGreaterThan(0);
    expect(whole.comments.every((c) => c.responseId !== null && c.submittedOn !== null)).toBe(true);
    const commenters = raw.filter((r) => r.comment);
    for (const where of [["area:aa"], ["area:bb"], ["gender:woman"], ["age_band:65+"], ["area:aa", "gender:man"]]) {
      const got = await list({ where });
      expect(got.quotes).toEqual([]);
      for (const c of got.comments) {
        expect(c.responseId).toBeNull();
        expect(c.submittedOn).toBeNull();
      }
      const n = got.total ?? 0;
      // Every listed comment's author is in the filter, and a list under a filter is 0 or at least 5 comments.
      expect(n).toBeLessThanOrEqual(commenters.filter((r) => matches(r, where)).length);
      expect(n === 0 || n >= 5, `${where.join("&")}: ${n} comments`).toBe(true);
    }
  });

  it("refuses answer, date and channel filters on comments with a message per field, and lists nothing", async () => {
    for (const [query, field] of [
      [{ where: ["yn:yes"] }, "where"],
      [{ from: "2026-03-01" }, "from"],
      [{ channel: ["paper"] }, "channel"],
    ] as const) {
      const err = await list(query).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(query)).toBeInstanceOf(Invalid);
      const fields = (err as Invalid).errors;
      expect(fields.map((f) => f.field)).toContain(field);
      expect(fields.find((f) => f.field === field)!.message).toMatch(/Kommentarer kan/);
    }
  });
});
