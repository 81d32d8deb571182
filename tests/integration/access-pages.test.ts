// The role matrix of docs/roles.md, end to end over HTTP: the public pages, the signed-in start pages, the account
// page, a kommun's pages and the public survey and promise pages; every role gets exactly the status the docs
// promise, and nothing of another kommun.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import { testEngine } from "../support/test-db";
import {
  ROLES,
  RoleName,
  app,
  actors,
  sv,
  docs,
  row,
  all,
  everyoneSignedIn,
  page,
  api,
  form,
  matrix,
  count,
  setUpAccessFixture,
} from "../support/access-fixture";

setUpAccessFixture();

describe(`the role matrix of docs/roles.md on ${testEngine()}`, () => {
  it("public pages: /, /healthz, sign-in and sign-out", async () => {
    await matrix("GET /", page("/"), all(200));
    await matrix("GET /healthz", page("/healthz"), all(200));
    await matrix(
      "GET /logga-in (signed-in users are sent on)",
      page("/logga-in"),
      row(200, "->/app", "->/app", "->/app", "->/app", "->/app", "->/app", "->/app"),
    );
    await matrix("GET /logga-ut", page("/logga-ut"), all("->/"));
  });

  it("GET /app: every signed-in user, each sees only their own kommuner", async () => {
    await matrix("GET /app", page("/app"), everyoneSignedIn(200));
    const names = ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun", "Härjedalens kommun"];
    const sees: Record<Exclude<RoleName, "anonymous">, string[]> = {
      viewer: ["Haparanda kommun"],
      analyst: ["Haparanda kommun"],
      editorKommun: ["Haparanda kommun"],
      editorPolis: ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun"],
      admin: ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun"],
      otherKommun: ["Kalix kommun"],
      otherAdmin: ["Härjedalens kommun"],
    };
    for (const [role, visible] of Object.entries(sees)) {
      const html = await (await actors[role as RoleName].browser.fetch("/app")).text();
      const shown = names.filter((n) => html.includes(n));
      expect(shown, role).toEqual(visible);
    }
  });

  it("GET and POST /konto: every signed-in user, their own account and tokens only", async () => {
    await matrix("GET /konto", page("/konto"), everyoneSignedIn(200));
    await matrix(
      "POST /konto (new API token)",
      form("/konto", { intent: "token", label: "matrix" }),
      everyoneSignedIn(200),
      () => count("api_token"),
    );
    for (const role of ROLES.slice(1)) {
      const html = await (await actors[role].browser.fetch("/konto")).text();
      expect(html, role).toContain(actors[role].email!);
      for (const other of ROLES.slice(1))
        if (other !== role) expect(html, `${role} sees ${other}`).not.toContain(actors[other].email!);
    }
  });

  it("GET /app/:kommun: the kommun's own people (LPO and region included), 403 for other kommuner, 404 unknown", async () => {
    await matrix("GET /app/haparanda", page("/app/haparanda"), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix("GET /app/kalix", page("/app/kalix"), row("login", 403, 403, 200, 403, 200, 200, 403));
    await matrix("GET /app/nosuch", page("/app/nosuch"), everyoneSignedIn(404));
    // The kommun page lists the kommun's own surveys, never another kommun's.
    for (const role of ["viewer", "analyst", "editorPolis", "editorKommun", "admin"] as const) {
      const html = await (await actors[role].browser.fetch("/app/haparanda")).text();
      expect(html, role).toContain("Haparandas öppna enkät");
      expect(html, role).not.toContain("Kalix hemliga");
    }
  });

  it("the survey page with response counts: viewer and up of the kommun; another kommun's survey is not found", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    await matrix(`GET ${hp}`, page(hp), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix(
      "a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "a Kalix survey under its own path",
      page(`/app/kalix/enkater/${sv.kxOpen}`),
      row("login", 403, 403, 200, 403, 200, 200, 403),
    );
    await matrix(
      "an unknown survey",
      page("/app/haparanda/enkater/nosuch-2099"),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    // One-time code status is for analysts; viewers see the counts only.
    const viewerHtml = await (await actors.viewer.browser.fetch(hp)).text();
    const analystHtml = await (await actors.analyst.browser.fetch(hp)).text();
    expect(viewerHtml).not.toContain('name="intent" value="codes"');
    expect(analystHtml).toContain('name="intent" value="codes"');
  });

  it("the public survey pages: open for everyone, drafts not found, closed gone", async () => {
    await matrix("GET /e/open", page(`/e/${sv.hpOpen}`), all(200));
    await matrix("GET /e/open/affisch", page(`/e/${sv.hpOpen}/affisch`), all(200));
    await matrix("GET /e/open/qr.svg", page(`/e/${sv.hpOpen}/qr.svg`), all(200));
    await matrix("GET /e/draft", page(`/e/${sv.hpDraft}`), all(404));
    await matrix("GET /e/draft/affisch", page(`/e/${sv.hpDraft}/affisch`), all(404));
    await matrix("GET /e/draft/qr.svg", page(`/e/${sv.hpDraft}/qr.svg`), all(404));
    await matrix("GET /e/closed", page(`/e/${sv.hpClosed}`), all(410));
    await matrix("GET /e/unknown", page("/e/nosuch-2099"), all(404));
  });

  it("the public promise pages and API: published documents only", async () => {
    await matrix("GET /lofte/haparanda", page("/lofte/haparanda"), all(200));
    await matrix("GET /lofte/haparanda/:published", page(`/lofte/haparanda/${docs.published}`), all(200));
    await matrix("GET /lofte/haparanda/:draft", page(`/lofte/haparanda/${docs.draft}`), all(404));
    await matrix("GET /lofte/kalix/:haparanda's", page(`/lofte/kalix/${docs.published}`), all(404));
    await matrix("GET /api/v1/promises?kommun=haparanda", api("/api/v1/promises?kommun=haparanda"), all(200));
    await matrix("GET /api/v1/promises/:published", api(`/api/v1/promises/${docs.published}`), all(200));
    await matrix("GET /api/v1/promises/:draft", api(`/api/v1/promises/${docs.draft}`), all(404));
    const list = (await (await fetch(`${app.url}/api/v1/promises?kommun=haparanda`)).json()) as {
      documents: { id: number }[];
    };
    expect(list.documents.map((d) => d.id)).not.toContain(docs.draft);
  });
});
