// The theme ranking (docs/domain/statistics.md#theme-ranking-across-sources) against a real database: every source's
// score and the combined score recomputed from the raw rows (answers, meetings, codes, EST reports) by
// tests/support/ranking-survey.ts, independently of the app's SQL, and the ranking page over HTTP.
import { describe, expect, it } from "vitest";
import { THEME_KEYS, THEMES } from "../../app/features/surveys/domain/themes";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { getRankingPage, getThemeRanking } from "../../app/features/results/ranking.server";
import { parseMeasure, parseWeights } from "../../app/features/results/ranking-weights.server";
import { DEFAULT_WEIGHTS, SOURCE_KEYS, wilson } from "../../app/features/results/domain/statistics";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import {
  app,
  citizenAnswers,
  citizenSlug,
  db,
  estExpected,
  expected,
  kommunId,
  olderSlug,
  PASSWORD,
  problemShares,
  setUpRankingSources,
} from "../support/ranking-survey";

setUpRankingSources({ est: true });

describe(`the theme ranking on ${testEngine()}`, () => {
  it("scores every source and the combined score as recomputed from the raw rows, ranked highest first", async () => {
    const ranking = await getThemeRanking({ db: db(), kommunId });
    expect(ranking).toMatchObject({
      kommunSlug: "haparanda",
      kommunName: "Haparanda kommun",
      surveySlug: citizenSlug,
      weights: DEFAULT_WEIGHTS,
    });
    const want = expected({ ...DEFAULT_WEIGHTS });
    expect(ranking.themes.map((t) => t.theme).sort()).toEqual([...THEME_KEYS].sort());
    for (const t of ranking.themes) {
      for (const s of SOURCE_KEYS) {
        const part = t.parts.find((p) => p.source === s);
        const w = want[s][t.theme];
        if (w === undefined) expect(part, `${t.theme} ${s}`).toBeUndefined();
        else expect(part?.score, `${t.theme} ${s}`).toBeCloseTo(w, 10);
      }
      expect(t.score, t.theme).toBeCloseTo(want.combined[t.theme]!, 10);
      expect(t.labelSv).toBe(THEMES[t.theme as keyof typeof THEMES].label.sv);
    }
    const scores = ranking.themes.map((t) => t.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranking.themes.map((t) => t.rank)).toEqual(ranking.themes.map((_, i) => i + 1));
  });

  it("states each figure in Swedish with its interval and links to the view behind it", async () => {
    const ranking = await getThemeRanking({ db: db(), kommunId });
    const drugs = ranking.themes.find((t) => t.theme === "drugs_andt")!;
    const citizen = drugs.evidence.filter((e) => e.source === "citizen");
    const dealing = citizen.find((e) => e.question === "problems.drug_dealing")!;
    const share = problemShares(citizenAnswers, "problems").get("drug_dealing")!;
    expect(dealing.share!.p).toBeCloseTo(share, 10);
    expect(dealing.sentenceSv).toMatch(
      /^\d+\s% \(±\d+\) av de svarande i Haparanda kommun som tog ställning anser att försäljning av narkotika är ett mycket eller ganska stort problem/,
    );
    expect(dealing.href).toBe(`/app/haparanda/enkater/${citizenSlug}/resultat`);
    const prio = citizen.find((e) => e.question === "priorities")!;
    expect(prio.sentenceSv).toContain("vill att polis och kommun prioriterar narkotika, alkohol och droger (ANDT)");
    const staff = drugs.evidence.filter((e) => e.source === "staff");
    expect(staff.length).toBeGreaterThan(0);
    expect(staff[0]!.href).toMatch(/^\/app\/haparanda\/enkater\/[a-z0-9-]+\/resultat$/);
    const meetings = drugs.evidence.filter((e) => e.source === "meetings");
    expect(meetings[0]!.sentenceSv).toMatch(/^2 av 3 möten 2026 tog upp narkotika, alkohol och droger \(ANDT\)/);
    expect(meetings.slice(1).map((e) => e.href)).toEqual([
      expect.stringMatching(/^\/app\/haparanda\/moten\/\d+$/),
      expect.stringMatching(/^\/app\/haparanda\/moten\/\d+$/),
    ]);
    const ft = drugs.evidence.find((e) => e.source === "freetext")!;
    expect(ft.n).toBe(12);
    expect(ft.sentenceSv).toMatch(/^33\s% \(±\d+\) av de 12 kodade kommentarerna tar upp narkotika/);
    expect(ft.href).toBe(`/app/haparanda/enkater/${citizenSlug}/fritext?theme=drugs_andt&state=coded`);
  });

  it("applies the analyst's weights; a source with weight 0 drops out; bad weights are refused per field", async () => {
    const weights = { citizen: 0, staff: 0, meetings: 1, freetext: 0.5, est: 0 };
    const ranking = await getThemeRanking({ db: db(), kommunId, weights });
    const want = expected(weights);
    for (const t of ranking.themes) expect(t.score, t.theme).toBeCloseTo(want.combined[t.theme]!, 10);
    expect(ranking.themes[0]!.theme).toBe("drugs_andt");
    expect(() => parseWeights({ citizen: "-1", staff: "x" })).toThrow(
      expect.objectContaining({
        status: 422,
        errors: [expect.objectContaining({ field: "w_citizen" }), expect.objectContaining({ field: "w_staff" })],
      }),
    );
    expect(() => parseWeights({ citizen: "0", staff: "0", meetings: "0", freetext: "0", est: "0" })).toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(parseWeights({ citizen: "0,7" }).citizen).toBe(0.7);
  });

  it("uses the survey measure the analyst picks: the highest problem share or the priority share alone", async () => {
    for (const measure of ["problem", "priorities"] as const) {
      const ranking = await getThemeRanking({ db: db(), kommunId, measure });
      const want = expected({ ...DEFAULT_WEIGHTS }, measure);
      for (const t of ranking.themes) {
        for (const s of ["citizen", "staff"] as const) {
          const part = t.parts.find((p) => p.source === s);
          const w = want[s][t.theme];
          if (w === undefined) expect(part, `${measure} ${t.theme} ${s}`).toBeUndefined();
          else expect(part?.score, `${measure} ${t.theme} ${s}`).toBeCloseTo(w, 10);
        }
        expect(t.score, `${measure} ${t.theme}`).toBeCloseTo(want.combined[t.theme]!, 10);
      }
    }
    // No problem item is about police presence: with problem shares alone, citizens do not score it.
    const problemOnly = await getThemeRanking({ db: db(), kommunId, measure: "problem" });
    expect(problemOnly.themes.find((t) => t.theme === "police_presence")!.parts.map((p) => p.source)).not.toContain(
      "citizen",
    );
    expect(() => parseMeasure("median")).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: "measure" })] }),
    );
  });

  it("builds on the survey asked for, of the kommun only; with no source at all no theme has a score", async () => {
    const older = await getThemeRanking({ db: db(), kommunId, surveySlug: olderSlug });
    expect(older.surveySlug).toBe(olderSlug);
    // No meetings were held in 2024, nothing is coded in that survey, and no EST report is of 2024.
    expect(older.themes.flatMap((t) => t.parts.map((p) => p.source))).not.toContain("meetings");
    expect(older.themes.flatMap((t) => t.parts.map((p) => p.source))).not.toContain("freetext");
    expect(older.themes.flatMap((t) => t.parts.map((p) => p.source))).not.toContain("est");
    expect(older.sources!.est).toBeNull();
    await expect(getThemeRanking({ db: db(), kommunId, surveySlug: "nosuch-2099" })).rejects.toMatchObject({
      status: 404,
    });
    const kalix = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
    await expect(getThemeRanking({ db: db(), kommunId: kalix, surveySlug: citizenSlug })).rejects.toMatchObject({
      status: 404,
    });
    const pajala = (await getOrganisationBySlug({ db: db(), slug: "pajala" })).id;
    const empty = await getThemeRanking({ db: db(), kommunId: pajala });
    expect(empty.surveySlug).toBeNull();
    expect(empty.themes.every((t) => t.score === null && t.parts.length === 0)).toBe(true);
    expect(empty.themes.map((t) => t.theme)).toEqual([...THEME_KEYS]);
    expect(empty.sources).toMatchObject({ citizen: null, staff: null, meetings: null, freetext: null, est: null });
  });

  it("ranking with EST included: the share of area-weeks per theme from reviewed reports of the survey's year", async () => {
    const ranking = await getThemeRanking({ db: db(), kommunId });
    const e = estExpected();
    // 20 weeks × 3 zones, less the missed ones; the second reporter's report falls in an area-week already counted.
    expect(e.n).toBe(52);
    expect(ranking.sources!.est).toEqual({
      reports: 53,
      areaWeeks: 52,
      zones: 3,
      fromWeek: "2026-W10",
      toWeek: "2026-W29",
      pending: 1,
      tooFew: false,
      minAreaWeeks: 10,
      demo: false,
      link: "/app/haparanda/est/bild?period=ar&ar=2026",
    });
    const withEst = ranking.themes.filter((t) => t.parts.some((p) => p.source === "est")).map((t) => t.theme);
    // The standard categories' themes and the own category's; not the retired one's (youth) nor one without a theme.
    expect(withEst.sort()).toEqual(
      ["drugs_andt", "physical_environment", "public_safety", "traffic_safety", "volume_crime"].sort(),
    );
    for (const t of ranking.themes.filter((x) => withEst.includes(x.theme))) {
      const part = t.parts.find((p) => p.source === "est")!;
      expect(part.score, t.theme).toBeCloseTo(e.k[t.theme]! / e.n, 12);
      expect(part.weight).toBe(DEFAULT_WEIGHTS.est);
    }
    // Skadegörelse only in the second reporter's report: one area-week.
    expect(e.k.volume_crime).toBe(1);
    // The interval of the part is the Wilson interval over the area-weeks, and it widens the theme's range.
    const phys = ranking.themes.find((t) => t.theme === "physical_environment")!;
    const w = wilson(e.k.physical_environment!, e.n)!;
    const sentences = phys.evidence.filter((x) => x.source === "est");
    expect(sentences[0]).toMatchObject({
      href: "/app/haparanda/est/bild?period=ar&ar=2026",
      n: 52,
      share: { p: w.p, low: w.low, high: w.high },
    });
    expect(sentences[0]!.sentenceSv).toMatch(
      new RegExp(
        `^\\d+\\s% \\(±\\d+\\) av de 52 områdesveckorna 2026 med granskade EST-rapporter \\(ett område en vecka\\) har någon rapport om klotter eller nedskräpning \\(${e.k.physical_environment} områdesveckor\\)\\.$`,
      ),
    );
    expect(sentences.slice(1).map((x) => x.sentenceSv)).toEqual([
      expect.stringMatching(/^EST, klotter: rapporterat i \d+ av 52 områdesveckor 2026\.$/),
      expect.stringMatching(/^EST, nedskräpning: rapporterat i \d+ av 52 områdesveckor 2026\.$/),
    ]);
    const traffic = ranking.themes.find((t) => t.theme === "traffic_safety")!;
    expect(traffic.evidence.filter((x) => x.source === "est")[0]!.sentenceSv).toContain(
      "har någon rapport om mopedbuskör",
    );

    // EST alone: the combined score is EST's score; a theme EST does not measure has no score.
    const alone = await getThemeRanking({
      db: db(),
      kommunId,
      weights: { citizen: 0, staff: 0, meetings: 0, freetext: 0, est: 1 },
    });
    for (const t of alone.themes) {
      if (withEst.includes(t.theme)) expect(t.score, t.theme).toBeCloseTo(e.k[t.theme]! / e.n, 12);
      else
        expect(
          t.parts.find((p) => p.source === "est"),
          t.theme,
        ).toBeUndefined();
    }
    expect(alone.themes[0]!.theme).toBe(withEst.reduce((a, b) => (e.k[b]! > e.k[a]! ? b : a), withEst[0]!));

    // Kalix has no citizen survey here: every reviewed report counts, the demo ones say so, the one awaiting review
    // per zone does not.
    const kalix = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
    const k = await getThemeRanking({ db: db(), kommunId: kalix });
    expect(k.sources!.est).toMatchObject({ demo: true, pending: 3, zones: 3, tooFew: false });
    expect(k.sources!.est!.link).toMatch(/^\/app\/kalix\/est\/bild\?period=ar&ar=\d{4}$/);
    expect(
      k.themes
        .filter((t) => t.score !== null)
        .map((t) => t.theme)
        .sort(),
    ).toEqual(["drugs_andt", "physical_environment", "public_safety", "volume_crime"].sort());
    expect(k.themes.flatMap((t) => t.parts.map((p) => p.source))).toEqual(expect.arrayContaining(["est"]));
    expect(k.themes[0]!.evidence[0]!.sentenceSv).toMatch(/ \(påhittade demorapporter\)\.$/);
  });
});

describe(`the ranking page on ${testEngine()}`, () => {
  it("shows the ranked themes with weights from the URL; 422 for bad weights; another kommun is refused", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("rank-viewer@test.example", PASSWORD);
    const res = await viewer.fetch("/app/haparanda/rangordning?w_citizen=0&w_staff=0&w_meetings=1&w_freetext=0.5");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(THEMES.drugs_andt.label.sv);
    expect(html).toContain(`/app/haparanda/loften/ny?themes=`);
    // EST has its weight field, its line in the sources and its figures, linked to the EST picture.
    expect(html).toMatch(/<label for="rk-w-est">Vikt: EST-veckorapporter<\/label>/);
    expect(html).toContain("EST-veckorapporter vecka 2026-W10–2026-W29: 53 granskade rapporter, 52 områdesveckor");
    expect(html).toContain('href="/app/haparanda/est/bild?period=ar&amp;ar=2026"');
    expect((await viewer.fetch("/app/haparanda/rangordning?w_est=2")).status).toBe(422);
    const bad = await viewer.fetch("/app/haparanda/rangordning?w_citizen=abc");
    expect(bad.status).toBe(422);
    expect((await viewer.fetch("/app/haparanda/rangordning?measure=median")).status).toBe(422);
    expect(await (await viewer.fetch("/app/haparanda/rangordning?measure=problem")).text()).toMatch(
      /<option value="problem" selected=""|value="problem" selected/,
    );
    const other = new Browser(app.url);
    await other.login("rank-kalix@test.example", PASSWORD);
    expect((await other.fetch("/app/haparanda/rangordning")).status).toBe(403);
  });

  it("saves the kommun's weights for analysts only; the page then opens with them", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("rank-viewer@test.example", PASSWORD);
    const refused = await viewer.post("/app/haparanda/rangordning", {
      intent: "save",
      w_citizen: "0.2",
      w_staff: "0.2",
      w_meetings: "0.2",
      w_freetext: "0.4",
    });
    expect(refused.status).toBe(403);
    const analyst = new Browser(app.url);
    await analyst.login("rank-analyst@test.example", PASSWORD);
    const bad = await analyst.post("/app/haparanda/rangordning", { intent: "save", w_citizen: "2" });
    expect(bad.status).toBe(422);
    expect(await db().selectFrom("ranking_weights").selectAll().execute()).toEqual([]);
    const ok = await analyst.post("/app/haparanda/rangordning", {
      intent: "save",
      w_citizen: "0.2",
      w_staff: "0.2",
      w_meetings: "0.2",
      w_freetext: "0.4",
    });
    expect(ok.status).toBe(302);
    const ranking = await getRankingPage({ db: db(), kommunId, rawWeights: {} });
    expect(ranking.weightsFrom).toBe("saved");
    // A weight the form did not send (EST here) is the default.
    expect(ranking.ranking.weights).toEqual({ citizen: 0.2, staff: 0.2, meetings: 0.2, freetext: 0.4, est: 0.1 });
    const page = await (await viewer.fetch("/app/haparanda/rangordning")).text();
    expect(page).toMatch(/name="w_freetext"[^>]*value="0.4"|value="0.4"[^>]*name="w_freetext"/);
  });
});
