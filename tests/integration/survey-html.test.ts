// The HTML in a survey definition (html elements, completed/loading texts) is written by analysts and shown to every
// citizen: whichever way a definition is stored, and also when it was stored before the allow-list existed, no
// executable markup reaches the public page, the API or the builder (app/features/surveys/domain/html.ts).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createAccount, createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const PASSWORD = "ett långt lösenord för html-testet";
const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(2)</script>",
  '<a href="javascript:alert(3)">klicka</a>',
  '<a href="&#106;avascript:alert(4)">klicka</a>',
  "<svg onload=alert(5)>",
  '<iframe src="https://evil.example"></iframe>',
  '<p onclick="alert(6)" style="background:url(x)">text</p>',
  '<a href="data:text/html,<script>alert(7)</script>">data</a>',
];
const hostile = PAYLOADS.join("\n");

function hostileDefinition() {
  return {
    completedHtml: { default: hostile, en: hostile },
    completedBeforeHtml: hostile,
    loadingHtml: hostile,
    completedHtmlOnCondition: [{ expression: "{feel} = 'safe'", html: { sv: hostile, fi: hostile } }],
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "html",
            name: "intro",
            html: { default: `<p>Välkommen <strong>hit</strong></p>${hostile}`, en: hostile },
          },
          { type: "panel", name: "box", elements: [{ type: "html", name: "inner", html: hostile }] },
          { type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe"] },
        ],
      },
    ],
  };
}

/**
 * Markup that would run or load something: a forbidden element, an event handler or a script URL in a tag. Looks at
 * the HTML and at the JSON of the loader data too (React renders that in the browser), with JSON's escapes undone.
 */
function executableMarkup(text: string): string[] {
  const decoded = text
    .replace(/\\u003c/gi, "<")
    .replace(/\\u003e/gi, ">")
    .replace(/\\u0026/gi, "&")
    .replace(/\\+"/g, '"');
  const found: string[] = [];
  for (const m of decoded.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>([^<]{0,20})/g)) {
    const [tag, name, attrs, after] = m as unknown as [string, string, string, string];
    // SurveyJS itself draws an svg icon sprite and a form; those carry no handlers, which the last rule checks.
    if (/^(img|iframe|object|embed|math|base)$/i.test(name)) found.push(tag);
    if (/^script$/i.test(name) && /alert/.test(after)) found.push(tag);
    if (/\son\w+\s*=/i.test(attrs) || /(href|src)\s*=\s*["']?\s*(javascript|data|&#)/i.test(attrs)) found.push(tag);
  }
  return found;
}
const expectClean = (text: string) => expect(executableMarkup(text)).toEqual([]);

let app: TestApp;
let token: string;
let browser: Browser;
const db = () => app.open.db;

async function storedDefinition(slug: string) {
  const row = await db()
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select("v.definition")
    .where("s.slug", "=", slug)
    .executeTakeFirstOrThrow();
  return JSON.stringify(row.definition);
}

const api = (path: string, body: unknown) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: db(), withSurveys: false });
  const pajala = await getOrganisationBySlug({ db: db(), slug: "pajala" });
  const a = await createAccount({
    db: db(),
    email: "html-analyst@pajala.example",
    password: PASSWORD,
    role: "analyst",
    organisationId: pajala.id,
  });
  token = await createApiToken({ db: db(), accountId: a.accountId, label: "t" });
  browser = new Browser(app.url);
  await browser.login("html-analyst@pajala.example", PASSWORD);
});
afterAll(async () => app?.close());

describe(`survey HTML on ${testEngine()}`, () => {
  let slug: string;

  it("stores a definition created through the API sanitised", async () => {
    const res = await api("/api/v1/surveys", {
      kommun: "pajala",
      period: "2027",
      kind: "medborgarenkat",
      title: "HTML-test",
      definition: hostileDefinition(),
    });
    expect(res.status).toBe(201);
    slug = ((await res.json()) as { slug: string }).slug;
    const stored = await storedDefinition(slug);
    expectClean(stored);
    // The harmless markup stays, the rest is shown as text.
    expect(stored).toContain("<p>Välkommen <strong>hit</strong></p>");
    expect(stored).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("stores a definition uploaded in the builder (JSON import) sanitised", async () => {
    const def = hostileDefinition();
    def.pages[0]!.elements.push({ type: "html", name: "more", html: "<svg/onload=alert(8)><b>ok</b>" } as never);
    const res = await browser.post(`/app/pajala/enkater/${slug}/bygg`, {
      intent: "import",
      definition: JSON.stringify(def),
    });
    expect(res.status).toBeLessThan(400);
    const stored = await storedDefinition(slug);
    expect(stored).toContain("&lt;svg/onload=alert(8)&gt;<b>ok</b>");
    expectClean(stored);
  });

  it("sanitises a definition stored raw before the rule, on the public page, the API and the builder", async () => {
    // As an older version of the app would have stored it: straight into the table.
    await sql`update survey_version set definition = ${JSON.stringify(hostileDefinition())}::jsonb
      where id = (select current_version_id from survey where slug = ${slug})`.execute(db());
    expect(executableMarkup(await storedDefinition(slug))).not.toEqual([]);
    expect((await api(`/api/v1/surveys/${slug}/status`, { status: "open" })).status).toBe(200);

    const page = await fetch(`${app.url}/e/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The html element is server-rendered with the sanitised markup, and nothing executable is anywhere on the page.
    expect(html).toContain("<p>Välkommen <strong>hit</strong></p>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expectClean(html);

    const en = await (
      await fetch(`${app.url}/e/${slug}`, { headers: { cookie: "td_lang=en", "accept-language": "en" } })
    ).text();
    expectClean(en);

    const json = await (await fetch(`${app.url}/api/v1/surveys/${slug}`)).text();
    expect(json).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expectClean(json);

    const builder = await (await browser.fetch(`/app/pajala/enkater/${slug}/bygg`)).text();
    expectClean(builder);
  });
});
