// The lägesbild (docs/domain/lagesbild-atgardsplan.md) on a real database over HTTP: drafted from the problembild's
// sources with every figure equal to the view it links to, the sources section saying what was used and what was
// not, a pluggable source, editing by the kommun's side only, prioritised problems from the ranked themes, and bad
// input refused per field with nothing changed.
import { describe, expect, it, beforeAll } from "vitest";
import {
  collectEvidence,
  crimeSource,
  draftSituationPicture,
  type EvidenceSource,
} from "../../app/features/plans/index.server";
import { getThemeRanking } from "../../app/features/results/ranking.server";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { signInDemo } from "../support/sign-in";
import { app, citizenSlug, db, kommunId, setUpRankingSources } from "../support/ranking-survey";
import { rowCount } from "../support/rows";

setUpRankingSources();

const as = {} as Record<"analyst" | "kommun" | "polis" | "lpoAnalyst" | "viewer" | "kalix" | "admin", Browser>;
let anonymous: Browser;
let pictureId = 0;

beforeAll(async () => {
  Object.assign(
    as,
    await signInDemo(app.url, ["analyst", "kommun", "polis", "lpoAnalyst", "viewer", "kalix", "admin"]),
  );
  anonymous = new Browser(app.url);
}, 120_000);

const count = (table: "situation_picture" | "priority_problem" | "situation_figure") => rowCount(db(), table);
const pictureRow = (id: number) =>
  db().selectFrom("situation_picture").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const newPicture = (who: Browser, over: Record<string, string> = {}) =>
  who.post("/app/haparanda/lagesbild", {
    periodLabel: "2026",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    title: "",
    ...over,
  });

describe(`the lägesbild on ${testEngine()}`, () => {
  it("is drafted from the problembild's sources: every figure is the figure its linked view shows", async () => {
    const res = await newPicture(as.analyst);
    expect(res.status).toBe(302);
    pictureId = Number(res.headers.get("location")!.split("/").pop());
    const p = await pictureRow(pictureId);
    expect(p).toMatchObject({ status: "utkast", version: 1, title: "Lägesbild Haparanda kommun 2026" });
    const figures = await db()
      .selectFrom("situation_figure")
      .selectAll()
      .where("picture_id", "=", pictureId)
      .orderBy("id")
      .execute();
    expect(new Set(figures.map((f) => f.source))).toEqual(
      new Set(["crime", "citizen", "staff", "meetings", "freetext", "places"]),
    );

    // Each problembild figure is the ranking's evidence sentence for the same theme, with the same link: the
    // ranking page shows them side by side, and the linked view answers.
    const ranking = await getThemeRanking({ db: db(), kommunId });
    const rankingPage = await (await as.viewer.fetch("/app/haparanda/rangordning")).text();
    const unescape = (s: string) =>
      s
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'");
    for (const f of figures.filter((x) => x.source !== "places" && x.source !== "crime")) {
      const theme = ranking.themes.find((t) => t.theme === f.theme)!;
      const evidence = theme.evidence.find((e) => e.href === f.href && f.label.startsWith(e.sentenceSv.trim()));
      expect(evidence, f.label).toBeDefined();
      expect(unescape(rankingPage)).toContain(evidence!.sentenceSv.trim());
      expect((await as.viewer.fetch(f.href)).status, f.href).toBe(200);
    }
    // A citizen survey share is the share of the results page the figure links to.
    const citizen = figures.filter((f) => f.source === "citizen");
    expect(citizen.length).toBeGreaterThan(0);
    for (const f of citizen.slice(0, 5)) {
      expect(f.href).toBe(`/app/haparanda/enkater/${citizenSlug}/resultat`);
      const theme = ranking.themes.find((t) => t.theme === f.theme)!;
      const e = theme.evidence.find((x) => x.href === f.href && f.label.startsWith(x.sentenceSv.trim()))!;
      const pct = Math.round(e.share!.p * 100);
      expect(f.label).toMatch(new RegExp(`^${pct}\\s%`));
      const view = unescape(await (await as.viewer.fetch(f.href)).text());
      expect(view).toMatch(new RegExp(`${pct}\\s%`));
    }
    // The recurring place: the three meetings in Centrum, as the meetings page lists them.
    const places = figures.filter((f) => f.source === "places");
    expect(places.map((f) => f.label)).toEqual([
      "Centrum återkommer i 3 möten eller vandringar (2026-03-02, 2026-05-10, 2026-09-01).",
    ]);
    const meetingsPage = await (await as.viewer.fetch(places[0]!.href)).text();
    for (const d of ["2026-03-02", "2026-05-10", "2026-09-01"]) expect(meetingsPage).toContain(d);
    expect((meetingsPage.match(/Centrum/g) ?? []).length).toBeGreaterThanOrEqual(3);

    // Reported crime (the demo's invented figures): each figure's count and rate are on the trend page it links to.
    const crime = figures.filter((f) => f.source === "crime");
    expect(crime.some((f) => f.section === "mapping") && crime.some((f) => f.section === "comparison")).toBe(true);
    for (const f of crime.filter((x) => x.section === "mapping").slice(0, 4)) {
      expect(f.href).toMatch(/^\/app\/haparanda\/brottsstatistik\?kategori=/);
      expect(f.label).toContain("påhittade demosiffror");
      const [, n, rate] = /: ([\d\s\u00a0]+) \(([\d\s\u00a0,]+) per 100 000/.exec(f.label)!;
      const trend = unescape(await (await as.viewer.fetch(f.href)).text());
      expect(trend, f.href).toContain(rate!.trim());
      expect(trend, f.href).toContain(n!.trim());
    }
    // The drafted text carries the figures; the sources section says what was used and what was not.
    const sections = p.sections as Record<string, string>;
    expect(sections.mapping).toContain(citizen[0]!.label);
    expect(sections.places_times).toContain(places[0]!.label);
    expect(sections.sources).toMatch(/Brottsstatistik \(\d+ brottskategorier, senast \d{4}; påhittade demosiffror/);
    expect(sections.sources).toContain("EST-rapporter: inte tillgängligt");
    expect(sections.sources).toMatch(/^Använda källor: Brottsstatistik \(.*\); Medborgarenkät \(Trygghetsenkät 2026/);
    expect(p.sources.map((s) => [s.key, s.state])).toEqual([
      ["crime", "used"],
      ["citizen", "used"],
      ["staff", "used"],
      ["meetings", "used"],
      ["freetext", "used"],
      ["places", "used"],
      ["est", "unavailable"],
    ]);
    const html = await (await as.polis.fetch(`/app/haparanda/lagesbild/${pictureId}`)).text();
    expect(html).toContain(`href="${places[0]!.href}"`);
    expect(html).toContain("inte tillgänglig");
  });

  it("takes a further source from the list it is given: crime statistics plug in beside the others", async () => {
    const crime: EvidenceSource = {
      key: "crime",
      labelSv: "Brottsstatistik",
      collect: async ({ kommun }) => ({
        key: "crime",
        labelSv: "Brottsstatistik",
        state: "used",
        note: "anmälda brott 2020–2025",
        figures: [
          {
            section: "comparison",
            source: "crime",
            theme: "property_crime",
            label: "Anmälda stölder: 1 200 per 100 000 invånare 2025 (länet 1 500).",
            href: `/app/${kommun.slug}/brottsstatistik`,
          },
        ],
      }),
    };
    const id = await draftSituationPicture({
      db: db(),
      kommunId,
      accountId: null,
      input: { periodLabel: "plug", periodStart: "2026-01-01", periodEnd: "2026-12-31", title: "" },
      sources: [crime],
    });
    const p = await pictureRow(id);
    const sections = p.sections as Record<string, string>;
    expect(sections.comparison).toBe("Anmälda stölder: 1 200 per 100 000 invånare 2025 (länet 1 500).");
    expect(sections.sources).toBe("Använda källor: Brottsstatistik (anmälda brott 2020–2025).");
    await db().deleteFrom("situation_picture").where("id", "=", id).execute();
  });

  it("says crime statistics are not imported for a kommun that has none", async () => {
    const pajala = await db()
      .selectFrom("organisation")
      .select(["id", "slug", "name"])
      .where("slug", "=", "pajala")
      .executeTakeFirstOrThrow();
    await db().deleteFrom("crime_figure").where("kommun_id", "=", pajala.id).execute();
    const [result] = await collectEvidence(
      { db: db(), kommun: pajala, periodStart: "2026-01-01", periodEnd: "2026-12-31", ranking: null },
      [crimeSource],
    );
    expect(result).toMatchObject({ key: "crime", state: "unavailable", figures: [] });
    expect(result!.note).toMatch(/^inte importerad/);
  });

  it("is edited by the kommun's side only; the police side and viewers read; others are refused", async () => {
    const path = `/app/haparanda/lagesbild/${pictureId}`;
    const edit = { intent: "saveSection", section: "analysis", text: "Egen analys: narkotika och trafik." };
    for (const who of [as.polis, as.lpoAnalyst, as.viewer]) {
      expect((await who.fetch(path)).status).toBe(200);
      expect((await who.fetch("/app/haparanda/lagesbild")).status).toBe(200);
      expect((await who.fetch(`${path}/utskrift`)).status).toBe(200);
      expect((await who.post(path, edit)).status).toBe(403);
      expect((await newPicture(who)).status).toBe(403);
    }
    expect(((await pictureRow(pictureId)).sections as Record<string, string>).analysis).not.toContain("Egen analys");
    expect((await as.kalix.fetch(path)).status).toBe(403);
    expect((await as.kalix.fetch(`/app/kalix/lagesbild/${pictureId}`)).status).toBe(404);
    expect((await as.kalix.fetch(`/app/kalix/lagesbild/${pictureId}/utskrift.html`)).status).toBe(404);
    expect((await as.viewer.fetch("/app/okand/lagesbild")).status).toBe(404);
    expect((await anonymous.fetch(path)).status).toBe(302);
    for (const who of [as.kommun, as.analyst, as.admin]) expect((await who.post(path, edit)).status).toBe(200);
    expect(((await pictureRow(pictureId)).sections as Record<string, string>).analysis).toBe(edit.text);
    const doc = await as.viewer.fetch(`${path}/utskrift.html`);
    expect(doc.headers.get("content-disposition")).toMatch(
      /attachment; filename="lagesbild-haparanda-kommun-2026.html"/,
    );
    const text = await doc.text();
    expect(text).toContain("<h2>Analys</h2>");
    expect(text).toContain(edit.text);
    expect(text).not.toContain("<script");
  });

  it("refuses bad input per field and changes nothing", async () => {
    const before = await count("situation_picture");
    for (const [over, field] of [
      [{ periodLabel: "" }, "periodLabel"],
      [{ periodStart: "2026-02-30" }, "periodStart"],
      [{ periodEnd: "2025-12-31" }, "periodEnd"],
      [{ title: "x".repeat(301) }, "title"],
    ] as const) {
      const res = await newPicture(as.analyst, over);
      expect(res.status, field).toBe(422);
      expect(await res.text()).toContain(`href="#${field}"`);
    }
    expect(await count("situation_picture")).toBe(before);
    const path = `/app/haparanda/lagesbild/${pictureId}`;
    const sectionsBefore = (await pictureRow(pictureId)).sections;
    const bad: Record<string, string>[] = [
      { intent: "saveSection", section: "okand", text: "x" },
      { intent: "saveSection", section: "analysis", text: "x".repeat(20_001) },
      { intent: "comment", section: "analysis", body: "  " },
      { intent: "nonsense" },
    ];
    for (const body of bad)
      expect((await as.analyst.post(path, body)).status, JSON.stringify(body).slice(0, 60)).toBe(422);
    expect((await pictureRow(pictureId)).sections).toEqual(sectionsBefore);
    expect((await as.analyst.post("/app/haparanda/lagesbild/99999999", { intent: "decide" })).status).toBe(404);
    expect((await as.analyst.post("/app/haparanda/lagesbild/abc", { intent: "decide" })).status).toBe(404);
  });

  it("creates prioritised problems from the ranked themes, each with a cause analysis to deepen", async () => {
    const path = `/app/haparanda/lagesbild/${pictureId}`;
    const ranking = await getThemeRanking({ db: db(), kommunId });
    const [first, second] = ranking.themes;
    const add = (themes: string[]) => {
      const body = new URLSearchParams({ intent: "addProblems" });
      for (const t of themes) body.append("themes", t);
      return as.kommun.csrf().then((csrf) => {
        body.set("csrf", csrf);
        return as.kommun.fetch(path, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      });
    };
    expect((await add([second!.theme, first!.theme])).status).toBe(200);
    const problems = await db()
      .selectFrom("priority_problem")
      .selectAll()
      .where("picture_id", "=", pictureId)
      .orderBy("rank")
      .execute();
    expect(problems.map((p) => [p.rank, p.theme])).toEqual([
      [1, first!.theme],
      [2, second!.theme],
    ]);
    const escaped = first!.labelSv.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(problems[0]!.problem).toMatch(new RegExp(`^${escaped}: plats 1 av \\d+ i problembilden\\.`));
    // Again: already there, skipped; an unknown theme refused with nothing added.
    expect((await add([first!.theme])).status).toBe(200);
    const n = await count("priority_problem");
    expect((await add(["no_such_theme"])).status).toBe(422);
    expect((await add([])).status).toBe(422);
    expect((await as.polis.post(path, { intent: "deleteProblem", problemId: String(problems[0]!.id) })).status).toBe(
      403,
    );
    expect(await count("priority_problem")).toBe(n);

    const save = (over: Record<string, string>) =>
      as.analyst.post(path, {
        intent: "saveProblem",
        problemId: String(problems[0]!.id),
        problem: "Narkotikaförsäljning i centrum",
        causes: "Efterfrågan bland unga; få vuxna ute kvällstid",
        affected: "Unga 15–20 år, boende i centrum",
        whereWhen: "Centrum, fredag och lördag kväll",
        alreadyDone: "Fältassistenter två kvällar i veckan",
        rank: "1",
        ...over,
      });
    for (const [over, field] of [
      [{ rank: "x" }, "rank"],
      [{ rank: "0" }, "rank"],
      [{ problem: " " }, "problem"],
      [{ causes: "x".repeat(8001) }, "causes"],
    ] as const) {
      const res = await save(over);
      expect(res.status, field).toBe(422);
      expect(await res.text()).toContain(`href="#${field}"`);
    }
    expect(
      (
        await db()
          .selectFrom("priority_problem")
          .select("causes")
          .where("id", "=", problems[0]!.id)
          .executeTakeFirstOrThrow()
      ).causes,
    ).toBe("");
    expect((await save({})).status).toBe(200);
    const page = await (await as.polis.fetch(`${path}/utskrift`)).text();
    expect(page).toContain("Efterfrågan bland unga; få vuxna ute kvällstid");
    expect(
      (await as.analyst.post(path, { intent: "saveProblem", problemId: "99999999", problem: "x", rank: "1" })).status,
    ).toBe(404);
  });

  it("is read-only once decided", async () => {
    const path = `/app/haparanda/lagesbild/${pictureId}`;
    expect((await as.kommun.post(path, { intent: "decide" })).status).toBe(200);
    const p = await pictureRow(pictureId);
    expect(p.status).toBe("beslutad");
    expect(p.decided_at).not.toBeNull();
    expect((await as.kommun.post(path, { intent: "saveSection", section: "analysis", text: "sent" })).status).toBe(409);
    expect((await as.kommun.post(path, { intent: "decide" })).status).toBe(409);
    // A new draft of the same period is version 2, superseding it.
    const res = await newPicture(as.kommun);
    const id2 = Number(res.headers.get("location")!.split("/").pop());
    expect(await pictureRow(id2)).toMatchObject({ version: 2, supersedes_id: pictureId, status: "utkast" });
  });
});
