// The role matrix of docs/roles.md for the problembild: free-text comments and the theme ranking, exports and the
// report, and the views (breakdown, comparison, weighting).
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testEngine } from "../support/test-db";
import {
  Expect,
  app,
  actors,
  sv,
  ft,
  row,
  page,
  api,
  form,
  matrix,
  addFreeTextSurvey,
  setUpAccessFixture,
} from "../support/access-fixture";

setUpAccessFixture();

describe(`the role matrix of docs/roles.md on ${testEngine()}`, () => {
  it("free-text comments and the theme ranking: viewer and up read; analysts and admins code and save weights", async () => {
    const db = app.open.db;
    await addFreeTextSurvey();
    const fritext = `/app/haparanda/enkater/${ft.slug}/fritext`;
    const codes = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from freetext_code`.execute(db)).rows[0]!.n;
    const weights = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from ranking_weights`.execute(db)).rows[0]!.n;
    await matrix(`GET ${fritext}`, page(fritext), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix(
      "GET fritext of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/fritext`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    const coded: Expect = `->${fritext}#c-${ft.responseId}-unsafe_places`;
    await matrix(
      `POST ${fritext} (accept a theme)`,
      form(fritext, {
        responseId: ft.responseId,
        question: "unsafe_places",
        theme: "public_safety",
        decision: "accept",
        back: "",
      }),
      row("login", 403, coded, 403, 403, coded, 403, 403),
      codes,
    );
    await matrix(
      "GET /app/haparanda/rangordning",
      page("/app/haparanda/rangordning"),
      row("login", 200, 200, 200, 200, 200, 403, 403),
    );
    await matrix(
      "GET /app/kalix/rangordning",
      page("/app/kalix/rangordning"),
      row("login", 403, 403, 200, 403, 200, 200, 403),
    );
    const saved: Expect = "->/app/haparanda/rangordning";
    await matrix(
      "POST /app/haparanda/rangordning (save weights)",
      form("/app/haparanda/rangordning", {
        intent: "save",
        w_citizen: "0.4",
        w_staff: "0.3",
        w_meetings: "0.2",
        w_freetext: "0.1",
      }),
      row("login", 403, saved, 403, 403, saved, 403, 403),
      weights,
    );
  });

  it("problembild exports and report: viewer and up of the kommun; answers refused below the minimum base", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET resultat.csv", page(`${hp}/resultat.csv`), readers);
    await matrix("GET resultat.xlsx", page(`${hp}/resultat.xlsx`), readers);
    await matrix("GET rapport", page(`${hp}/rapport`), readers);
    // The survey has no answers yet: the anonymised answers are refused (422) to everyone allowed to ask.
    await matrix("GET svar.csv", page(`${hp}/svar.csv`), row("login", 422, 422, 422, 422, 422, 403, 403));
    await matrix("GET svar.xlsx", page(`${hp}/svar.xlsx`), row("login", 422, 422, 422, 422, 422, 403, 403));
    await matrix(
      "resultat.csv of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/resultat.csv`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "rapport of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/rapport`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "GET /api/v1/surveys/:slug/results.csv",
      api(`/api/v1/surveys/${sv.hpOpen}/results.csv`),
      row(401, 200, 200, 200, 200, 200, 403, 403),
    );
  });

  it("problembild views (breakdown, comparison, weighting): viewer and up; the population for weighting: analyst and admin", async () => {
    const res = `/app/haparanda/enkater/${sv.hpOpen}/resultat`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    for (const sub of ["uppdelning", "jamforelse", "vagning"]) {
      await matrix(`GET resultat/${sub}`, page(`${res}/${sub}`), readers);
      await matrix(
        `GET resultat/${sub} of a Kalix survey under Haparanda's path`,
        page(`/app/haparanda/enkater/${sv.kxOpen}/resultat/${sub}`),
        row("login", 404, 404, 404, 404, 404, 403, 403),
      );
    }
    const populationState = async () =>
      (
        await sql<{
          n: number;
          s: string | null;
        }>`select count(*)::int as n, max(source) as s from population_set`.execute(app.open.db)
      ).rows[0];
    const save = (source: string) =>
      form(`${res}/vagning`, {
        intent: "save",
        scope: "kommun",
        source,
        "pop.16-19|woman": "100",
        "pop.16-19|man": "110",
        "pop.30-44|woman": "300",
      });
    await matrix(
      "POST resultat/vagning (save population)",
      save("SCB matrix"),
      row("login", 403, `->${res}/vagning`, 403, 403, `->${res}/vagning`, 403, 403),
      populationState,
    );
    await matrix(
      "POST resultat/vagning of a Kalix survey under Haparanda's path",
      form(`/app/haparanda/enkater/${sv.kxOpen}/resultat/vagning`, {
        intent: "save",
        scope: "kommun",
        source: "x",
        "pop.16-19|woman": "1",
      }),
      row("login", 403, 404, 403, 403, 404, 403, 403),
      populationState,
    );
    // Without the CSRF field nobody changes anything.
    const before = await populationState();
    expect(
      (
        await actors.analyst.browser.post(
          `${res}/vagning`,
          { intent: "save", scope: "kommun", source: "no csrf", "pop.16-19|woman": "5" },
          { csrf: false },
        )
      ).status,
    ).toBe(403);
    expect(await populationState()).toEqual(before);
  });
});
