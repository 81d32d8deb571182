// Free-text comments (docs/domain/statistics.md#free-text-coding, docs/sources.md): listing, search, small-group suppression, coding from lexicon suggestions, quotes and
// the free-text score, against a real database, with the expected figures computed here from the raw rows (a count of
// respondents as the app publishes it, tests/support/published.ts; comments under a filter by ADR 014's k-anonymity).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import {
  DEMO_PROFILES,
  generateAnswerList,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../../db/seed/synthetic";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { codeComment, freetextThemeScores, listComments, pinComment } from "../../app/features/results/freetext.server";
import { FREETEXT_PAGE_SIZE } from "../../app/features/results/domain/freetext";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { coarsenDemographics } from "../../app/features/results/domain/anonymise";
import { testEngine } from "../support/test-db";
import { published } from "../support/published";
import { MIN } from "../support/reference-stats";
import { rowCount } from "../support/rows";

let app: TestApp;
const db = () => app.open.db;
let kommunId = 0;
let kalixId = 0;
let slug = "";
let otherSlug = "";
const PASSWORD = "freetext-test-password-1";
const QUESTIONS = ["unsafe_places", "suggestions"];
type Row = {
  id: string;
  data: Record<string, unknown>;
  channel: string;
  area: string | null;
  age_band: string | null;
  gender: string | null;
  cell_key: number;
};
let rows: Row[] = [];
let crafted: Row;

const comments = (filter: (r: Row) => boolean = () => true) =>
  rows
    .filter(filter)
    .flatMap((r) =>
      QUESTIONS.flatMap((q) =>
        typeof r.data[q] === "string" && (r.data[q] as string).trim() !== ""
          ? [{ id: r.id, question: q, text: r.data[q] as string }]
          : [],
      ),
    );
const codeCount = () => rowCount(db(), "freetext_code");

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: db(), withSurveys: false });
  kommunId = (await getOrganisationBySlug({ db: db(), slug: "haparanda" })).id;
  kalixId = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
  const profile = DEMO_PROFILES.haparanda!;
  const areas = profileAreaChoices(profile);
  const make = async (period: string) => {
    const s = await createSurvey({
      db: db(),
      kommunId,
      kommunSlug: "haparanda",
      period,
      kind: "medborgarenkat",
      title: `Trygghetsenkät ${period}`,
      definition: standardCitizenDefinition(profile, areas),
    });
    await setSurveyStatus({ db: db(), surveyId: s.id, status: "open" });
    return s;
  };
  const survey = await make("2026");
  slug = survey.slug;
  otherSlug = (await make("2025")).slug;
  const generated = generateAnswerList({ seed: 3, count: 300, profile, areas });
  expect(
    (
      await storeResponsesAllOrNothing({
        db: db(),
        surveyId: survey.id,
        channel: "web",
        rows: generated.map((d, i) => ({ data: d, submittedOn: `2026-10-${String(10 + (i % 20)).padStart(2, "0")}` })),
      })
    ).errors,
  ).toEqual([]);
  // Three phone interviews in one small area and age band (with the one generated answer there, 4 respondents): a
  // group too small to show on its own. One holds a comment with LIKE's special characters.
  const phone = [
    { area: "mattila", age_band: "16-19", unsafe_places: "Mycket fylla och bråk vid busstationen, 100% sant_x" },
    { area: "mattila", age_band: "16-19", suggestions: "Fler vuxna ute på kvällarna" },
    { area: "mattila", age_band: "16-19", suggestions: "   " },
  ];
  expect(
    (
      await storeResponsesAllOrNothing({
        db: db(),
        surveyId: survey.id,
        channel: "phone",
        rows: phone.map((d) => ({ data: d, submittedOn: "2026-11-01" })),
      })
    ).errors,
  ).toEqual([]);
  rows = (await db()
    .selectFrom("response")
    .select(["id", "data", "channel", "area", "age_band", "gender", "cell_key"])
    .where("survey_id", "=", survey.id)
    .execute()) as Row[];
  crafted = rows.find((r) => String(r.data.unsafe_places ?? "").includes("100%"))!;
  await createAccount({
    db: db(),
    email: "ft-analyst@test.example",
    password: PASSWORD,
    role: "analyst",
    organisationId: kommunId,
  });
  await createAccount({
    db: db(),
    email: "ft-viewer@test.example",
    password: PASSWORD,
    role: "viewer",
    organisationId: kommunId,
  });
  await createAccount({
    db: db(),
    email: "ft-kalix@test.example",
    password: PASSWORD,
    role: "analyst",
    organisationId: kalixId,
  });
}, 240_000);
afterAll(async () => app?.close());

const ref = () => ({ db: db(), kommunId, surveySlug: slug, responseId: crafted.id, question: "unsafe_places" });
const craftedIn = async (extra: Partial<Parameters<typeof listComments>[0]> = {}) => {
  const list = await listComments({ db: db(), kommunId, surveySlug: slug, q: "100%", ...extra });
  return list.comments.find((c) => c.responseId === crafted.id && c.question === "unsafe_places");
};

describe(`free-text comments on ${testEngine()}`, () => {
  it("lists every non-empty comment of the survey, newest first, paged", async () => {
    const all = comments();
    const list = await listComments({ db: db(), kommunId, surveySlug: slug });
    expect(list).toMatchObject({
      respondents: published(rows),
      suppressed: false,
      total: all.length,
      pages: Math.ceil(all.length / FREETEXT_PAGE_SIZE),
    });
    expect(list.questions.map((q) => q.name)).toEqual(QUESTIONS);
    expect(list.comments).toHaveLength(FREETEXT_PAGE_SIZE);
    const dates = list.comments.map((c) => c.submittedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe("2026-11-01");
    const seen = new Set<string>();
    for (let p = 1; p <= list.pages; p++) {
      for (const c of (await listComments({ db: db(), kommunId, surveySlug: slug, page: p })).comments)
        seen.add(`${c.responseId}|${c.question}`);
    }
    expect([...seen].sort()).toEqual(all.map((c) => `${c.id}|${c.question}`).sort());
  });

  it("searches case-insensitively for the literal text (% and _ are not wildcards)", async () => {
    const want = comments().filter((c) => c.text.toLocaleLowerCase("sv-SE").includes("busstation"));
    expect(want.length).toBeGreaterThan(1);
    const list = await listComments({ db: db(), kommunId, surveySlug: slug, q: "BUSSTATION" });
    expect(list.total).toBe(want.length);
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, q: "100%" })).total).toBe(1);
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, q: "t_x" })).total).toBe(1);
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, q: "%" })).total).toBe(1);
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, q: "sant_" })).total).toBe(1);
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, q: "santx" })).total).toBe(0);
    const byQuestion = await listComments({ db: db(), kommunId, surveySlug: slug, question: "suggestions" });
    expect(byQuestion.total).toBe(comments().filter((c) => c.question === "suggestions").length);
  });

  it("shows comments only where the filtered group has at least 5 respondents", async () => {
    // Comments are narrowed by area, age band and gender only (docs/decisions/014-cell-key-perturbation.md).
    await expect(
      listComments({ db: db(), kommunId, surveySlug: slug, filters: { channel: ["phone"] } }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ field: "channel" })] });
    const smallWhere = ["area:mattila", "age_band:16-19"];
    const inSmall = (r: Row) => r.area === "mattila" && r.age_band === "16-19";
    expect(rows.filter(inSmall).length).toBeGreaterThan(0);
    expect(rows.filter(inSmall).length).toBeLessThan(MIN);
    expect(inSmall(crafted)).toBe(true);
    const small = await listComments({ db: db(), kommunId, surveySlug: slug, filters: { where: smallWhere } });
    expect(small).toMatchObject({ suppressed: true, respondents: null, total: null, comments: [], quotes: [] });
    const area = "haparanda";
    const group = await listComments({ db: db(), kommunId, surveySlug: slug, filters: { where: [`area:${area}`] } });
    expect(group.respondents).toBe(published(rows.filter((r) => r.area === area)));
    // Under a filter, the comments of the commenters whose demographics, coarsened as the answers export coarsens
    // them, lie wholly inside it; without a response id or a date, and without the quotes.
    const commenters = rows.filter((r) => comments((x) => x.id === r.id).length > 0);
    const coarse = coarsenDemographics(commenters, MIN);
    const inside = new Set(commenters.filter((_, i) => coarse[i]!.area === area).map((r) => r.id));
    const want = comments((r) => inside.has(r.id));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThanOrEqual(comments((r) => r.area === area).length);
    expect(group.total).toBe(want.length);
    expect(group.quotes).toEqual([]);
    const listed: string[] = [];
    for (let p = 1; p <= group.pages; p++) {
      const page = await listComments({
        db: db(),
        kommunId,
        surveySlug: slug,
        filters: { where: [`area:${area}`] },
        page: p,
      });
      for (const c of page.comments) {
        expect([c.responseId, c.submittedOn]).toEqual([null, null]);
        listed.push(`${c.question}|${c.text}`);
      }
    }
    expect(listed.sort()).toEqual(want.map((c) => `${c.question}|${c.text}`).sort());
    // Searching inside a small group reveals nothing either, not even whether the comment exists.
    const probe = await listComments({
      db: db(),
      kommunId,
      surveySlug: slug,
      q: "100%",
      filters: { where: smallWhere },
    });
    expect(probe.total).toBeNull();
  });

  it("suggests themes from the lexicon; accepting and rejecting are recorded and a rejected one is not suggested again", async () => {
    const before = await craftedIn();
    expect(before!.suggested.map((s) => s.theme)).toEqual(["drugs_andt", "public_safety"]);
    expect(before!.suggested[0]!.matches).toContain("fylla");
    await codeComment({ ...ref(), theme: "drugs_andt", decision: "accept" });
    await codeComment({ ...ref(), theme: "public_safety", decision: "reject" });
    await codeComment({ ...ref(), theme: "youth", decision: "accept" });
    let c = await craftedIn();
    expect(c).toMatchObject({ accepted: ["drugs_andt", "youth"], rejected: ["public_safety"], suggested: [] });
    const stored = await db()
      .selectFrom("freetext_code")
      .selectAll()
      .where("response_id", "=", crafted.id)
      .orderBy("theme")
      .execute();
    expect(stored.map((s) => [s.theme, s.status, s.origin])).toEqual([
      ["drugs_andt", "accepted", "suggested"],
      ["public_safety", "rejected", "suggested"],
      ["youth", "accepted", "manual"],
    ]);
    // The comment's text is never copied into the coding tables.
    expect(JSON.stringify(stored)).not.toContain("fylla");
    // Withdrawing a manual code removes it; withdrawing a suggested one records the rejection.
    await codeComment({ ...ref(), theme: "youth", decision: "reject" });
    await codeComment({ ...ref(), theme: "drugs_andt", decision: "reject" });
    c = await craftedIn();
    expect(c).toMatchObject({ accepted: [], rejected: ["drugs_andt", "public_safety"], suggested: [] });
    await codeComment({ ...ref(), theme: "drugs_andt", decision: "accept" });
    expect((await craftedIn())!.accepted).toEqual(["drugs_andt"]);
    expect(await craftedIn({ state: "coded" })).toBeDefined();
    expect(await craftedIn({ state: "uncoded" })).toBeUndefined();
    expect(await craftedIn({ theme: "drugs_andt" })).toBeDefined();
    expect(await craftedIn({ theme: "youth" })).toBeUndefined();
  });

  it("refuses bad input per field and changes nothing; another kommun's or survey's comment is not found", async () => {
    const n = await codeCount();
    await expect(codeComment({ ...ref(), theme: "nosuch", decision: "maybe" })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: "theme" }), expect.objectContaining({ field: "decision" })],
    });
    await expect(
      codeComment({ ...ref(), responseId: "not-a-uuid", question: "age_band", theme: "youth", decision: "accept" }),
    ).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: "responseId" }), expect.objectContaining({ field: "question" })],
    });
    await expect(
      codeComment({ ...ref(), surveySlug: otherSlug, theme: "youth", decision: "accept" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      codeComment({ ...ref(), kommunId: kalixId, theme: "youth", decision: "accept" }),
    ).rejects.toMatchObject({ status: 404 });
    const empty = rows.find((r) => r.channel === "phone" && r.data.suggestions === "   ");
    if (empty)
      await expect(
        codeComment({ ...ref(), responseId: empty.id, question: "suggestions", theme: "youth", decision: "accept" }),
      ).rejects.toMatchObject({ status: 404 });
    await expect(
      listComments({
        db: db(),
        kommunId,
        surveySlug: slug,
        theme: "nosuch",
        state: "odd",
        page: 0,
        filters: { where: ["area:nowhere"] },
      }),
    ).rejects.toMatchObject({
      status: 422,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: "theme" }),
        expect.objectContaining({ field: "state" }),
        expect.objectContaining({ field: "page" }),
        expect.objectContaining({ field: "where" }),
      ]),
    });
    expect(await codeCount()).toBe(n);
  });

  it("pins and unpins a comment as a quote", async () => {
    await pinComment({ ...ref(), pinned: true });
    await pinComment({ ...ref(), pinned: true });
    const list = await listComments({ db: db(), kommunId, surveySlug: slug, state: "pinned" });
    expect(list.total).toBe(1);
    expect(list.comments[0]).toMatchObject({ responseId: crafted.id, pinned: true });
    expect(list.quotes).toEqual([
      expect.objectContaining({ responseId: crafted.id, text: crafted.data.unsafe_places, themes: ["drugs_andt"] }),
    ]);
    await pinComment({ ...ref(), pinned: false });
    expect((await listComments({ db: db(), kommunId, surveySlug: slug, state: "pinned" })).total).toBe(0);
    await pinComment({ ...ref(), pinned: true });
  });

  it("scores each theme by the share of coded comments naming it, from 5 coded comments up", async () => {
    const scores = async () =>
      freetextThemeScores({
        db: db(),
        surveyId: (await db().selectFrom("survey").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id,
      });
    expect(await scores()).toMatchObject({ coded: 1, suppressed: true, themes: [] });
    const others = comments((r) => r.id !== crafted.id).slice(0, 7);
    const coded = new Map<string, string[]>([[`${crafted.id}|unsafe_places`, ["drugs_andt"]]]);
    for (const [i, c] of others.entries()) {
      const themes = i % 2 ? ["traffic_safety"] : ["traffic_safety", "drugs_andt"];
      for (const theme of themes)
        await codeComment({
          db: db(),
          kommunId,
          surveySlug: slug,
          responseId: c.id,
          question: c.question,
          theme,
          decision: "accept",
        });
      coded.set(`${c.id}|${c.question}`, themes);
    }
    const s = await scores();
    expect(s.coded).toBe(coded.size);
    for (const theme of ["traffic_safety", "drugs_andt"]) {
      const n = [...coded.values()].filter((ts) => ts.includes(theme)).length;
      expect(s.themes.find((t) => t.theme === theme)).toEqual({ theme, n, share: n / coded.size });
    }
  });
});

describe(`the free-text page on ${testEngine()}`, () => {
  const path = () => `/app/haparanda/enkater/${slug}/fritext`;

  it("viewers read, analysts code; other kommuner and bad queries are refused", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("ft-viewer@test.example", PASSWORD);
    const page = await viewer.fetch(`${path()}?q=100%25`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Mycket fylla och bråk vid busstationen");
    expect(html).not.toContain('name="decision"');
    const byChannel = await viewer.fetch(`${path()}?channel=phone&q=fylla`);
    expect(byChannel.status).toBe(422);
    expect(await byChannel.text()).toContain("Kommentarer kan inte avgränsas efter kanal");
    const smallGroup = `where=area:mattila&where=age_band:16-19`;
    const probe = await viewer.fetch(`${path()}?${smallGroup}&q=fylla`);
    expect(probe.status).toBe(200);
    expect(await probe.text()).not.toContain("Mycket fylla och bråk vid busstationen");
    const small = await (await viewer.fetch(`${path()}?${smallGroup}`)).text();
    expect(small).toContain("Färre än 5 svarande i urvalet");
    expect(small).not.toContain("Fler vuxna ute på kvällarna");
    expect((await viewer.fetch(`${path()}?theme=nosuch`)).status).toBe(422);
    const fields = {
      responseId: crafted.id,
      question: "unsafe_places",
      theme: "violent_crime",
      decision: "accept",
      back: "?q=100%25",
    };
    expect((await viewer.post(path(), fields)).status).toBe(403);

    const analyst = new Browser(app.url);
    await analyst.login("ft-analyst@test.example", PASSWORD);
    expect(await (await analyst.fetch(`${path()}?q=100%25`)).text()).toContain('name="decision"');
    expect((await analyst.post(path(), fields, { csrf: false })).status).toBe(403);
    expect((await craftedIn())!.accepted).not.toContain("violent_crime");
    const ok = await analyst.post(path(), fields);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${path()}?q=100%25#c-${crafted.id}-unsafe_places`);
    expect((await craftedIn())!.accepted).toContain("violent_crime");
    expect((await analyst.post(path(), { ...fields, theme: "nosuch" })).status).toBe(422);

    const kalix = new Browser(app.url);
    await kalix.login("ft-kalix@test.example", PASSWORD);
    expect((await kalix.fetch(path())).status).toBe(403);
    expect((await kalix.post(path(), fields)).status).toBe(403);
  });
});
