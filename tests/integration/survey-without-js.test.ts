// The survey without JavaScript (docs/decisions/015-survey-without-javascript.md): real form posts against the
// production build, page by page. A page is checked with the compiled plan (conditions from the answers so far,
// required answers, a matrix's every row) and answered 422 with the errors beside their questions; the send goes
// through the same path as the JSON API (same stored answer, same idempotency by response id, same one-time codes
// and rate limit), for the public survey and for a staff invitation.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessCodes } from "../../app/features/surveys/responses.server";
import { setRequireCode } from "../../app/features/surveys/surveys.server";
import { createInvitations } from "../../app/features/surveys/invitations.server";
import type { TestApp } from "../support/app-server";
import { createOpenSurvey, startDemoApp } from "../support/survey-setup";
import { testEngine } from "../support/test-db";

// The app reads SUBMIT_RATE_LIMIT once, at first use, from this process's environment: a small limit so that the
// last test can pass it (every send before counts too, so it stays above what the other tests send).
const previousLimit = process.env.SUBMIT_RATE_LIMIT;
process.env.SUBMIT_RATE_LIMIT = "12";

const DEFINITION = {
  pages: [
    {
      name: "p1",
      title: { default: "Om dig", en: "About you" },
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: { default: "Hur trygg känner du dig?", en: "How safe do you feel?" },
          isRequired: true,
          choices: [
            { value: "safe", text: { default: "Trygg", en: "Safe" } },
            { value: "unsafe", text: { default: "Otrygg", en: "Unsafe" } },
          ],
        },
        { type: "comment", name: "why", title: "Varför?", visibleIf: "{feel} = 'unsafe'", isRequired: true },
      ],
    },
    {
      name: "p2",
      title: "Platser",
      elements: [
        {
          type: "matrix",
          name: "places",
          title: "Hur trygg är du på de här platserna?",
          isRequired: true,
          eachRowRequired: true,
          columns: [
            { value: 1, text: "Trygg" },
            { value: 2, text: "Otrygg" },
          ],
          rows: [
            { value: "bus", text: "Busshållplatsen" },
            { value: "park", text: "Parken" },
          ],
        },
        { type: "rating", name: "score", title: "Betyg åt kommunen", rateMin: 1, rateMax: 5 },
      ],
    },
    {
      name: "p3",
      visibleIf: "{feel} = 'unsafe'",
      elements: [
        {
          type: "checkbox",
          name: "where",
          title: "Var känner du dig otrygg?",
          choices: ["hemma", "ute"],
          showOtherItem: true,
        },
      ],
    },
    {
      name: "p4",
      elements: [
        { type: "boolean", name: "again", title: "Vill du svara igen nästa år?" },
        { type: "dropdown", name: "area", title: "Var bor du?", isRequired: true, choices: ["centrum", "norr"] },
        { type: "text", name: "age", title: "Ålder", inputType: "number" },
      ],
    },
  ],
};

/** React's escapes in attribute values and text, undone. */
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The survey's form as a browser without JavaScript holds it: its hidden fields, posted back with the answers. */
class FormPage {
  constructor(
    readonly status: number,
    readonly html: string,
    readonly location: string | null = null,
  ) {}

  get form(): string {
    const start = this.html.indexOf('<form method="post"');
    expect(start, "the page has the survey's form").toBeGreaterThanOrEqual(0);
    return this.html.slice(start, this.html.indexOf("</form>", start));
  }

  hidden(): [string, string][] {
    return [...this.form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [
      m[1]!,
      unescape(m[2]!),
    ]);
  }

  /** What a browser would post for the visible controls as they stand (checked, selected, filled in). */
  controls(): [string, string][] {
    const out: [string, string][] = [];
    const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
    for (const [tag] of this.form.matchAll(/<input [^>]*\/>/g)) {
      const name = attr(tag, "name");
      const type = attr(tag, "type") ?? "text";
      if (!name || type === "hidden") continue;
      if ((type === "radio" || type === "checkbox") && !/\schecked=""/.test(tag)) continue;
      out.push([name, unescape(attr(tag, "value") ?? (type === "radio" || type === "checkbox" ? "on" : ""))]);
    }
    for (const m of this.form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const chosen = m[2]!.match(/<option value="([^"]*)" selected="">/);
      out.push([m[1]!, unescape(chosen?.[1] ?? m[2]!.match(/<option value="([^"]*)"/)?.[1] ?? "")]);
    }
    for (const m of this.form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
      out.push([m[1]!, unescape(m[2]!)]);
    }
    return out;
  }

  /** True when the control of this name and value is checked (a radio or checkbox) or selected (an option). */
  isChosen(name: string, value: string): boolean {
    return this.controls().some(([n, v]) => n === name && v === value);
  }

  /** The text of the page without tags (for what a reader sees). */
  get text(): string {
    return unescape(this.html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));
  }
}

let app: TestApp;
const db = () => app.open.db;
let slug: string;
let surveyId: number;

async function open(path: string): Promise<FormPage> {
  const res = await fetch(app.url + path);
  return new FormPage(res.status, await res.text());
}

/** Posts the page with these answers (field name → value or values) and a button. */
async function post(
  path: string,
  page: FormPage,
  answers: Record<string, string | string[]>,
  nav: "next" | "back" | "send",
): Promise<FormPage> {
  // As a browser: the hidden fields, the controls as they stand, with the respondent's changes.
  const body = new URLSearchParams(page.hidden());
  for (const [k, v] of page.controls()) if (!(k in answers)) body.append(k, v);
  for (const [k, v] of Object.entries(answers)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.append("_nav", nav);
  const res = await fetch(app.url + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
    body,
    redirect: "manual",
  });
  return new FormPage(res.status, await res.text(), res.headers.get("location"));
}

async function storedRows(id?: string) {
  let q = db().selectFrom("response").select(["id", "data", "data_hash", "channel"]).where("survey_id", "=", surveyId);
  if (id) q = q.where("id", "=", id);
  return q.execute();
}

/** Walks the survey as the "unsafe" respondent, to the last page; returns that page. */
async function walkToLastPage(path: string) {
  let page = await open(path);
  page = await post(path, page, { "q:feel": "unsafe" }, "next");
  page = await post(path, page, { "q:why": "Mörkt vid bussen" }, "next");
  page = await post(path, page, { "q:places:r0": "2", "q:places:r1": "1", "q:score": "4" }, "next");
  page = await post(path, page, { "q:where": ["ute", "other"], "q:where:other": "I tunneln" }, "next");
  expect(page.text).toContain("Sida 4 av 4");
  return page;
}

const LAST_PAGE = { "q:again": "true", "q:area": "norr", "q:age": "34" };
const EXPECTED = {
  feel: "unsafe",
  why: "Mörkt vid bussen",
  places: { bus: 2, park: 1 },
  score: 4,
  where: ["ute", "other"],
  "where-Comment": "I tunneln",
  again: true,
  area: "norr",
  age: 34,
};

beforeAll(async () => {
  app = await startDemoApp();
  const s = await createOpenSurvey(db(), { title: "Trygghet utan skript", definition: DEFINITION });
  slug = s.slug;
  surveyId = s.id;
});

afterAll(async () => {
  await app?.close();
  if (previousLimit === undefined) delete process.env.SUBMIT_RATE_LIMIT;
  else process.env.SUBMIT_RATE_LIMIT = previousLimit;
});

describe(`the survey as a plain form on ${testEngine()}`, () => {
  it("renders the first page as native controls with labels, progress and a response id", async () => {
    const page = await open(`/e/${slug}`);
    expect(page.status).toBe(200);
    const form = page.form;
    expect(form).toContain('<fieldset id="nq-feel"');
    expect(form).toMatch(/<legend>Hur trygg känner du dig\?<span aria-hidden="true"> \*<\/span>/);
    expect(form).toContain('<input type="radio" id="nq-feel-c1" name="q:feel" value="unsafe"/>');
    expect(form).toContain('<label for="nq-feel-c1">Otrygg</label>');
    // The conditional question is not shown before its condition holds; page 3 is not counted either.
    expect(form).not.toContain("q:why");
    expect(page.text).toContain("Sida 1 av 3");
    expect(page.text).toContain("Om dig");
    const fields = Object.fromEntries(page.hidden());
    expect(fields._rid).toMatch(/^[0-9a-f-]{36}$/);
    expect(fields._answers).toBe("{}");
    expect(form).toContain('name="_nav" value="next"');
    expect(form).not.toContain('value="back"');
  });

  it("in English: the page's texts and SurveyJS's own button and progress words", async () => {
    const page = await open(`/e/${slug}?lang=en`);
    expect(page.text).toContain("How safe do you feel?");
    expect(page.text).toContain("About you");
    expect(page.text).toContain("Page 1 of 3");
    expect(page.form).toMatch(/value="next">Next</);
  });

  it("a page with a missing answer is 422, with the error beside the question and linked from a summary", async () => {
    const path = `/e/${slug}`;
    const page = await post(path, await open(path), {}, "next");
    expect(page.status).toBe(422);
    const form = page.form;
    expect(form).toMatch(/<div class="error-summary" role="alert" id="survey-errors" tabindex="-1">/);
    // Posted to the summary's fragment: the browser focuses it when the page comes back with errors.
    expect(form).toMatch(/<form method="post" action="#survey-errors"/);
    expect(form).toMatch(/<a href="#nq-feel-c0">Hur trygg känner du dig\?: [^<]+<\/a>/);
    expect(form).toMatch(
      /<fieldset id="nq-feel" class="stack native-question" aria-describedby="nq-feel-error" aria-invalid="true">/,
    );
    expect(form).toMatch(/<p id="nq-feel-error" class="field-error error-summary">[^<]+<\/p>/);
    expect(page.text).toContain("Sida 1 av 3");
    expect(await storedRows()).toHaveLength(0);
  });

  it("an answer that reveals a question on the same page shows it before going on, then checks it", async () => {
    const path = `/e/${slug}`;
    let page = await post(path, await open(path), { "q:feel": "unsafe" }, "next");
    expect(page.status).toBe(200);
    expect(page.form).toContain('name="q:why"');
    expect(page.isChosen("q:feel", "unsafe")).toBe(true);
    expect(page.form).not.toContain("field-error");
    // Its condition now also shows page 3: four pages.
    expect(page.text).toContain("Sida 1 av 4");
    page = await post(path, page, {}, "next");
    expect(page.status).toBe(422);
    expect(page.form).toMatch(/<a href="#nq-why-c0">Varför\?: /);
    page = await post(path, page, { "q:why": "Mörkt" }, "next");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Sida 2 av 4");
    expect(JSON.parse(Object.fromEntries(page.hidden())._answers!)).toEqual({ feel: "unsafe", why: "Mörkt" });
  });

  it("a required matrix needs every row: 422 naming the matrix, then the next page; Back keeps the answers", async () => {
    const path = `/e/${slug}`;
    let page = await post(path, await open(path), { "q:feel": "safe" }, "next");
    expect(page.text).toContain("Sida 2 av 3");
    // A table: columns and rows as headers, one radio group per row.
    expect(page.form).toContain('<th scope="col" id="nq-places-col0">Trygg</th>');
    expect(page.form).toContain('<th scope="row" id="nq-places-row1">Parken</th>');
    expect(page.form).toContain('name="q:places:r1" aria-label="Parken: Otrygg" value="2"');
    page = await post(path, page, { "q:places:r0": "1" }, "next");
    expect(page.status).toBe(422);
    expect(page.form).toMatch(/<a href="#nq-places-c0">Hur trygg är du på de här platserna\?: [^<]+<\/a>/);
    expect(page.isChosen("q:places:r0", "1")).toBe(true);
    page = await post(path, page, { "q:places:r0": "1", "q:places:r1": "2", "q:score": "5" }, "next");
    expect(page.status).toBe(200);
    // Page 3 is hidden for "safe": straight to the last page.
    expect(page.text).toContain("Sida 3 av 3");
    page = await post(path, page, { "q:area": "centrum" }, "back");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Sida 2 av 3");
    expect(page.isChosen("q:places:r1", "2")).toBe(true);
    expect(page.isChosen("q:score", "5")).toBe(true);
    // What the last page held travels along, and is back when the respondent returns there.
    page = await post(path, page, {}, "next");
    expect(page.isChosen("q:area", "centrum")).toBe(true);
  });

  it("the send stores the answer once; the same send again is acknowledged and not stored twice", async () => {
    const path = `/e/${slug}`;
    const last = await walkToLastPage(path);
    const id = Object.fromEntries(last.hidden())._rid!;
    const sent = await post(path, last, LAST_PAGE, "send");
    expect(sent.status).toBe(200);
    expect(sent.text).toContain("Tack! Ditt svar är registrerat.");
    // The thank-you says where the kommun publishes what everyone answered (docs/domain/feedback-to-citizens.md).
    expect(sent.html).toMatch(
      /<a [^>]*href="\/resultat\/haparanda"[^>]*>Se vad alla svarade när enkäten har stängt<\/a>/,
    );
    const again = await post(path, last, LAST_PAGE, "send");
    expect(again.status).toBe(200);
    expect(again.text).toContain("Tack! Ditt svar är registrerat.");
    const rows = await storedRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channel).toBe("web");

    // The same answers through the JSON API (what SurveyJS sends) are stored alike.
    const apiId = crypto.randomUUID();
    const res = await fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: apiId, data: EXPECTED, locale: "sv" }),
    });
    expect(res.status).toBe(201);
    const [viaApi] = await storedRows(apiId);
    expect(rows[0]!.data).toEqual(viaApi!.data);
    expect(rows[0]!.data_hash).toBe(viaApi!.data_hash);
  });

  it("answers a changed answer made hidden are not sent (as SurveyJS clears them on completion)", async () => {
    const path = `/e/${slug}`;
    let page = await walkToLastPage(path);
    // Back to the first page, now "safe": the comment and page 3 are hidden, their answers dropped at the send.
    for (let i = 0; i < 3; i++) page = await post(path, page, {}, "back");
    expect(page.text).toContain("Sida 1 av 4");
    page = await post(path, page, { "q:feel": "safe" }, "next");
    page = await post(path, page, { "q:places:r0": "2", "q:places:r1": "1", "q:score": "4" }, "next");
    expect(page.text).toContain("Sida 3 av 3");
    const id = Object.fromEntries(page.hidden())._rid!;
    const sent = await post(path, page, LAST_PAGE, "send");
    expect(sent.text).toContain("Tack! Ditt svar är registrerat.");
    const [row] = await storedRows(id);
    expect(row!.data).not.toHaveProperty("why");
    expect(row!.data).not.toHaveProperty("where");
  });

  it("a last page with a missing required answer is 422 and stores nothing", async () => {
    const path = `/e/${slug}`;
    const last = await walkToLastPage(path);
    const id = Object.fromEntries(last.hidden())._rid!;
    const page = await post(path, last, { "q:again": "false" }, "send");
    expect(page.status).toBe(422);
    expect(page.form).toMatch(/<a href="#nq-area-c0">Var bor du\?: /);
    expect(page.isChosen("q:again", "false")).toBe(true);
    expect(await storedRows(id)).toHaveLength(0);
  });

  it("forged carried answers are checked at the send like any answer (nothing stored)", async () => {
    const path = `/e/${slug}`;
    const last = await walkToLastPage(path);
    const fields = last
      .hidden()
      .map(([k, v]): [string, string] =>
        k === "_answers" ? [k, JSON.stringify({ ...JSON.parse(v), score: 42 })] : [k, v],
      );
    const body = new URLSearchParams(fields);
    for (const [k, v] of Object.entries(LAST_PAGE)) body.append(k, v);
    body.append("_nav", "send");
    const res = await fetch(app.url + path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(422);
    const page = new FormPage(res.status, await res.text());
    expect(page.text).toContain("Sida 2 av 4");
    expect(page.form).toContain('id="nq-score-error"');
    expect(await storedRows(Object.fromEntries(fields)._rid)).toHaveLength(0);
  });

  it("a survey with one-time codes: a wrong code is refused on the page, the right one used once", async () => {
    await setRequireCode({ db: db(), surveyId, requireCode: true });
    try {
      const [code] = await createAccessCodes({ db: db(), surveyId, count: 1 });
      const path = `/e/${slug}`;
      const first = await open(path);
      expect(first.form).toContain('<label for="access-code">');
      const last = await walkToLastPage(path);
      const id = Object.fromEntries(last.hidden())._rid!;
      const wrong = await post(path, last, { ...LAST_PAGE, code: "FEL-KOD-123" }, "send");
      expect(wrong.status).toBe(403);
      expect(wrong.form).toContain('<a href="#access-code">');
      expect(await storedRows(id)).toHaveLength(0);
      const right = await post(path, last, { ...LAST_PAGE, code: code! }, "send");
      expect(right.text).toContain("Tack! Ditt svar är registrerat.");
      expect(await storedRows(id)).toHaveLength(1);
    } finally {
      await setRequireCode({ db: db(), surveyId, requireCode: false });
    }
  });

  it("a staff invitation: page by page to the send, stored once with the link's unit, the link then used", async () => {
    const staff = await createOpenSurvey(db(), {
      title: "Medarbetare utan skript",
      kind: "medarbetardialog",
      definition: {
        pages: [
          {
            name: "p1",
            elements: [
              { type: "dropdown", name: "unit", title: "Enhet", isRequired: true, choices: ["school", "police"] },
              { type: "rating", name: "mood", title: "Hur är läget?", isRequired: true, rateMin: 1, rateMax: 3 },
            ],
          },
          { name: "p2", elements: [{ type: "comment", name: "idea", title: "Förslag" }] },
        ],
      },
      settings: {},
    });
    const [link] = await createInvitations({ db: db(), surveyId: staff.id, perUnit: { school: 1 } });
    const path = `/i/${link!.token}`;
    let page = await open(path);
    expect(page.status).toBe(200);
    page = await post(path, page, {}, "next");
    expect(page.status).toBe(422);
    expect(page.form).toMatch(/<a href="#nq-mood-c0">Hur är läget\?: /);
    page = await post(path, page, { "q:mood": "2" }, "next");
    expect(page.status).toBe(200);
    const id = Object.fromEntries(page.hidden())._rid!;
    // The send leads to a page of its own (the link is used by then), which thanks.
    const sent = await post(path, page, { "q:idea": "Mer fika" }, "send");
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${path}?skickat=1`);
    const thanks = await open(sent.location!);
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain("Tack! Ditt svar är registrerat.");
    const again = await post(path, page, { "q:idea": "Mer fika" }, "send");
    expect(again.location).toBe(`${path}?skickat=1`);
    const rows = await db()
      .selectFrom("response")
      .select(["id", "data", "channel"])
      .where("survey_id", "=", staff.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, channel: "invitation" });
    expect(rows[0]!.data).toMatchObject({ unit: "school", mood: 2, idea: "Mer fika" });
    expect((await open(path)).status).toBe(410);
  });

  it("past the rate limit the send says so (429) and stores nothing", async () => {
    const path = `/e/${slug}`;
    const last = await walkToLastPage(path);
    const id = Object.fromEntries(last.hidden())._rid!;
    let page = last;
    // The limit counts per minute: 2 × 12 + 1 sends reach 429 even when a minute ends during the loop.
    for (let i = 0; i < 25 && page.status !== 429; i++) {
      const body = new URLSearchParams([["_rid", crypto.randomUUID()], ...last.hidden().filter(([k]) => k !== "_rid")]);
      for (const [k, v] of Object.entries(LAST_PAGE)) body.append(k, v);
      body.append("_nav", "send");
      const res = await fetch(app.url + path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      page = new FormPage(res.status, await res.text());
    }
    expect(page.status).toBe(429);
    expect(page.form).toContain('class="notice"');
    expect(await storedRows(id)).toHaveLength(0);
  });

  // Last: the client is cut off mid-upload, which can leave this process's HTTP client pool in a state later requests
  // should not depend on.
  it("a post larger than a survey's answers can be is refused (413) before it is read", async () => {
    const body = new URLSearchParams([
      ["_answers", JSON.stringify({ why: "x".repeat(300 * 1024) })],
      ["_nav", "send"],
    ]);
    const res = await fetch(`${app.url}/e/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(413);
  });
});
