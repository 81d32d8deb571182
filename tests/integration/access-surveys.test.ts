// The role matrix of docs/roles.md for surveys: the survey actions, new survey, builder, CSV import and paper/phone
// entry in the app, and the survey API with personal Bearer tokens.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { testEngine } from "../support/test-db";
import {
  Actor,
  app,
  sv,
  definition,
  answer,
  row,
  all,
  page,
  api,
  form,
  matrix,
  count,
  definitionOf,
  statusOf,
  upload,
  setUpAccessFixture,
} from "../support/access-fixture";

setUpAccessFixture();

describe(`the role matrix of docs/roles.md on ${testEngine()}`, () => {
  it("the survey actions (status, schedule, one-time codes): analyst and admin only", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    const analystOnly = row("login", 403, 200, 403, 403, 200, 403, 403);
    await matrix(`POST ${hp} codes`, form(hp, { intent: "codes", count: "1" }), analystOnly, () =>
      count("access_code"),
    );
    await matrix(`POST ${hp} requireCode`, form(hp, { intent: "requireCode", requireCode: "off" }), analystOnly);
    await matrix(`POST ${hp} schedule`, form(hp, { intent: "schedule", opensAt: "", closesAt: "" }), analystOnly);
    await matrix(`POST ${hp} status open`, form(hp, { intent: "status", status: "open" }), analystOnly, () =>
      statusOf(sv.hpOpen),
    );
    await matrix(
      "POST codes on a Kalix survey under its own path",
      form(`/app/kalix/enkater/${sv.kxOpen}`, { intent: "codes", count: "1" }),
      row("login", 403, 403, 403, 403, 200, 200, 403),
      () => count("access_code"),
    );
  });

  it("new survey, builder, definition export, CSV import and paper/phone entry: analyst and admin only", async () => {
    const analystOnly = row("login", 403, 200, 403, 403, 200, 403, 403);
    const base = "/app/haparanda/enkater";
    await matrix(`GET ${base}/ny`, page(`${base}/ny`), analystOnly);
    await matrix(
      `POST ${base}/ny`,
      form(`${base}/ny`, { title: "Ny enkät", period: "2031", kind: "medborgarenkat", areas: "Haparanda\nNikkala" }),
      row(
        "login",
        403,
        "->/app/haparanda/enkater/haparanda-2031/bygg",
        403,
        403,
        "->/app/haparanda/enkater/haparanda-2031-2/bygg",
        403,
        403,
      ),
      () => count("survey"),
    );
    await matrix(`GET bygg`, page(`${base}/${sv.hpDraft}/bygg`), analystOnly);
    await matrix(
      "POST bygg (make a question required)",
      form(`${base}/${sv.hpDraft}/bygg`, { intent: "required", name: "safe_night_area", required: "true" }),
      analystOnly,
      () => definitionOf(sv.hpDraft),
    );
    await matrix("GET definition.json", page(`${base}/${sv.hpDraft}/definition.json`), analystOnly);
    await matrix("GET import", page(`${base}/${sv.hpOpen}/import`), analystOnly);
    await matrix(
      "POST import (preview)",
      upload(`${base}/${sv.hpOpen}/import`, { intent: "preview" }),
      analystOnly,
      () => count("response"),
    );
    await matrix("POST import/rapport.csv", upload(`${base}/${sv.hpOpen}/import/rapport.csv`, {}), analystOnly);
    await matrix("GET registrera/paper", page(`${base}/${sv.hpOpen}/registrera/paper`), analystOnly);
    await matrix("GET registrera/phone", page(`${base}/${sv.hpOpen}/registrera/phone`), analystOnly);
    await matrix("GET registrera/fax (no such channel)", page(`${base}/${sv.hpOpen}/registrera/fax`), all(404));
    // Another kommun's survey through this kommun's builder is not found, even for this kommun's analysts.
    await matrix(
      "GET bygg of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxDraft}/bygg`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET definition.json of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxDraft}/definition.json`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET registrera/paper of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxOpen}/registrera/paper`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET import of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxOpen}/import`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
  });

  it("GET /api/v1/surveys and /api/v1/surveys/:slug: open ones for all; drafts and closed ones only for the kommun's analysts", async () => {
    await matrix("GET /api/v1/surveys", api("/api/v1/surveys"), all(200));
    const listed = ((await (await fetch(`${app.url}/api/v1/surveys`)).json()) as { slug: string }[])
      .map((x) => x.slug)
      .sort();
    expect(listed).toEqual([sv.hpOpen, sv.hpStatus, sv.kxOpen].sort());
    await matrix("GET open", api(`/api/v1/surveys/${sv.hpOpen}`), all(200));
    await matrix(
      "GET Haparanda draft",
      api(`/api/v1/surveys/${sv.hpDraft}`),
      row(404, 404, 200, 404, 404, 200, 404, 404),
    );
    await matrix(
      "GET Haparanda closed",
      api(`/api/v1/surveys/${sv.hpClosed}`),
      row(410, 410, 200, 410, 410, 200, 410, 410),
    );
    await matrix("GET Kalix draft", api(`/api/v1/surveys/${sv.kxDraft}`), row(404, 404, 404, 404, 404, 200, 200, 404));
    await matrix("GET unknown", api("/api/v1/surveys/nosuch-2099"), all(404));
    await matrix(
      "GET with a revoked or made-up token",
      (a) => api(`/api/v1/surveys/${sv.hpDraft}`)({ ...a, token: a.token ? "td_made-up" : null }),
      row(404, 401, 401, 401, 401, 401, 401, 401),
    );
  });

  it("POST /api/v1/surveys/:slug/responses: web answers from anyone; paper and phone only from the kommun's analysts", async () => {
    const submit = (channel: string) => (a: Actor) =>
      api(`/api/v1/surveys/${sv.hpOpen}/responses`, {
        method: "POST",
        body: JSON.stringify({ id: crypto.randomUUID(), data: answer, channel }),
      })(a);
    await matrix("web", submit("web"), all(201));
    await matrix("paper", submit("paper"), row(401, 403, 201, 403, 403, 201, 403, 403), () => count("response"));
    await matrix("phone", submit("phone"), row(401, 403, 201, 403, 403, 201, 403, 403), () => count("response"));
  });

  it("POST /api/v1/surveys and /api/v1/surveys/:slug/status: analyst and admin of the kommun only", async () => {
    const create = (kommun: string, period: string) => (a: Actor) =>
      api("/api/v1/surveys", {
        method: "POST",
        body: JSON.stringify({ kommun, period, kind: "medborgarenkat", title: "Via API", definition }),
      })(a);
    await matrix("create in Haparanda", create("haparanda", "2032"), row(401, 403, 201, 403, 403, 201, 403, 403), () =>
      count("survey"),
    );
    await matrix("create in Kalix", create("kalix", "2032"), row(401, 403, 403, 403, 403, 201, 201, 403), () =>
      count("survey"),
    );
    const status = (slug: string, s: string) => (a: Actor) =>
      api(`/api/v1/surveys/${slug}/status`, { method: "POST", body: JSON.stringify({ status: s }) })(a);
    await matrix(
      "close a Haparanda survey",
      status(sv.hpStatus, "closed"),
      row(401, 403, 200, 403, 403, 200, 403, 403),
      () => statusOf(sv.hpStatus),
    );
    expect(await statusOf(sv.hpStatus)).toBe("closed");
    await matrix("open a Kalix draft", status(sv.kxDraft, "open"), row(401, 403, 403, 403, 403, 200, 200, 403), () =>
      statusOf(sv.kxDraft),
    );
    // Without credentials the answer is 401 whatever the slug, so that drafts cannot be told from unknown slugs.
    await matrix(
      "status of an unknown survey",
      status("nosuch-2099", "open"),
      row(401, 404, 404, 404, 404, 404, 404, 404),
    );
  });
});
