// The problembild aggregates over HTTP (docs/decisions/007-problembild-exports.md): CSV and XLSX downloaded as a
// signed-in viewer, every figure checked against the raw rows (`response.data`) with the tests' own counting and Wilson
// interval; suppression (a subtraction case included), filters, breakdowns, and neutralisation of text a spreadsheet
// would run as a formula. Every count is the published count of its own set of rows (`response.cell_key`,
// docs/decisions/014-cell-key-perturbation.md); shares, intervals and suppression are computed from those.
import { describe, expect, it } from "vitest";
import { published } from "../support/published";
import { MIN } from "../support/reference-stats";
import { tokenOf } from "../support/survey-setup";
import { testEngine } from "../support/test-db";
import { readXlsx } from "../support/xlsx-read";
import { aggregates, app, base, download, raw, setUpExportSurvey, slug, viewer } from "../support/exports-session";
import {
  checkDistribution,
  EVIL_LABEL,
  EVIL_TITLE,
  N,
  num,
  problemIndicatorRef,
  publishedOf,
  QUESTIONS,
} from "../support/exports-survey";

/**
 * The trio question of the subtraction case as published: 40 / 38 / 3 answers (81 in all) move by up to 2 except the
 * 3, which is hidden; the complement is the smaller published count of a and b (a on a tie), so answered minus the
 * one shown option leaves two hidden unknowns. Rows: value, answered, n (null when hidden), hidden.
 */
function trioAsPublished() {
  const answering = raw.filter((r) => r.data.trio !== undefined);
  const holding = (v: string) => answering.filter((r) => r.data.trio === v);
  expect([answering.length, ...["a", "b", "c"].map((v) => holding(v).length)]).toEqual([81, 40, 38, 3]);
  const [a, b] = [published(holding("a")), published(holding("b"))];
  const hideA = a <= b;
  return {
    answered: published(answering),
    hideA,
    rows: [
      ["a", hideA ? null : a, hideA],
      ["b", hideA ? b : null, !hideA],
      ["c", null, true],
    ] as [string, number | null, boolean][],
  };
}

setUpExportSurvey();

describe(`problembild exports on ${testEngine()}`, () => {
  it("stored every synthetic answer", () => {
    expect(raw).toHaveLength(N);
  });

  it("aggregates CSV: every figure as computed from the raw rows, suppression included", async () => {
    const { headers, rows } = await aggregates();
    expect(headers).toEqual([
      "Del",
      "Fråga",
      "Frågetext",
      "Grupp",
      "Värde",
      "Svarsalternativ",
      "Svarande",
      "Antal",
      "Andel (%)",
      "95 % KI, nedre (%)",
      "95 % KI, övre (%)",
      "Vet ej (%)",
      "Dold",
      "Anmärkning",
    ]);
    expect(rows[0]).toMatchObject({ Del: "Urval", Svarande: String(published(raw)), Dold: "" });
    for (const q of QUESTIONS) checkDistribution(rows, q, raw);
    // The free-text question is not a choice question: no figures for it.
    expect(rows.some((r) => r["Fråga"] === "comment")).toBe(false);
    // Indicators: the problem share without "vet ej", its interval, and the "vet ej" share apart.
    for (const q of ["problems.litter", "problems.speeding"]) {
      const ind = rows.find((r) => r.Del === "Indikator" && r["Fråga"] === q)!;
      const { answered, dk, base, wilson: w } = problemIndicatorRef(raw, q);
      expect(ind.Dold).toBe("");
      expect(num(ind.Svarande)).toBe(base);
      expect(Math.abs(num(ind["Andel (%)"])! - w.p * 100)).toBeLessThan(0.006);
      expect(Math.abs(num(ind["95 % KI, nedre (%)"])! - w.low * 100)).toBeLessThan(0.006);
      expect(Math.abs(num(ind["Vet ej (%)"])! - (dk / answered) * 100)).toBeLessThan(0.006);
    }
  });

  it("subtraction case: 40 / 38 / 3 shows only the 40; the 38 is hidden too, so the 3 cannot be recovered from 81", async () => {
    const { rows } = await aggregates();
    const trio = rows.filter((r) => r.Del === "Fördelning" && r["Fråga"] === "trio");
    const expected = trioAsPublished();
    expect(trio.map((r) => [r["Värde"], r.Svarande, r.Antal, r.Dold])).toEqual(
      expected.rows.map(([v, n, hidden]) => [
        v,
        String(expected.answered),
        n === null ? "" : String(n),
        hidden ? "ja" : "",
      ]),
    );
    expect(trio[expected.hideA ? 0 : 1]!["Anmärkning"]).toMatch(/dold så att/);
    expect(trio[2]!["Anmärkning"]).toBe("färre än 5 svar");
    // byn (4 respondents) is hidden in the area distribution, with a complement.
    expect(rows.find((r) => r["Fråga"] === "area" && r["Värde"] === "byn")!.Dold).toBe("ja");
  });

  it("neutralises labels and titles that a spreadsheet would run as formulas", async () => {
    const { text, rows } = await aggregates();
    const a = rows.find((r) => r["Fråga"] === "trio" && r["Värde"] === "a")!;
    expect(a["Svarsalternativ"]).toBe(`'${EVIL_LABEL}`);
    expect(a["Frågetext"]).toBe(`'${EVIL_TITLE}`);
    expect(rows.find((r) => r["Fråga"] === "trio" && r["Värde"] === "b")!["Svarsalternativ"]).toBe("'+B");
    expect(rows.find((r) => r["Fråga"] === "trio" && r["Värde"] === "c")!["Svarsalternativ"]).toBe("'-C");
    // No field of the file, quoted or not, starts with a formula character.
    for (const line of text.replace(/^\uFEFF/, "").split("\r\n")) {
      for (const field of line.split(";")) expect(field.replace(/^"/, ""), line).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
    }
  });

  it("applies the URL's filters, and hides everything for a group below the minimum base", async () => {
    const centrum = await aggregates("?where=area:centrum&where=gender:woman");
    const group = raw.filter((r) => r.data.area === "centrum" && r.data.gender === "woman");
    expect(num(centrum.rows[0]!.Svarande)).toBe(published(group));
    expect(centrum.rows[0]!.Grupp).toBe("area: Centrum; gender: woman");
    for (const q of QUESTIONS) checkDistribution(centrum.rows, q, group);
    const byn = await aggregates("?where=area:byn");
    expect(byn.rows[0]).toMatchObject({ Svarande: "", Dold: "ja" });
    // Every figure row is hidden; the one row that is no figure says how counts are protected (cell key).
    const protection = byn.rows.filter((r) => r["Fråga"] === "protection");
    const figures = byn.rows.slice(1).filter((r) => r["Fråga"] !== "protection");
    expect(protection).toMatchObject([{ Svarsalternativ: "cell_key", Antal: "", Svarande: "", Dold: "" }]);
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.every((r) => r.Antal === "" && r["Andel (%)"] === "" && r.Dold === "ja")).toBe(true);
    // An empty select of the page ("where=" or "where=area:") means all.
    expect(num((await aggregates("?where=&where=area:")).rows[0]!.Svarande)).toBe(published(raw));
  });

  it("includes the chosen breakdown, suppressed as on the page", async () => {
    const { rows } = await aggregates("?breakdown=problems.litter&by=area");
    const part = rows.filter((r) => r.Del === "Uppdelning");
    expect(new Set(part.map((r) => r.Grupp))).toEqual(new Set(["Centrum", "Norr", "Byn", "Totalt"]));
    for (const r of part.filter((x) => x.Dold === "" && x["Värde"] !== "problem")) {
      const area = { Centrum: "centrum", Norr: "norr", Byn: "byn" }[r.Grupp!];
      const inGroup = raw.filter((x) => area === undefined || x.data.area === area);
      expect(num(r.Antal), `${r.Grupp} ${r["Värde"]}`).toBe(publishedOf(inGroup, "problems.litter", r["Värde"]!));
    }
    expect(part.filter((r) => r.Grupp === "Byn").every((r) => r.Dold === "ja" && r.Antal === "")).toBe(true);
    const bad = await viewer.fetch(`${base()}/resultat.csv?breakdown=nosuch&by=area`);
    expect(bad.status).toBe(422);
  });

  it("aggregates XLSX: the same figures as numbers, on sheets, with no formula anywhere", async () => {
    const { res, body } = await download("resultat.xlsx?breakdown=trio&by=gender");
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const sheets = readXlsx(body); // throws on a formula or a bad CRC
    expect(sheets.map((s) => s.name)).toEqual(["Om filen", "Fördelning", "Indikatorer", "Uppdelning"]);
    const about = Object.fromEntries(sheets[0]!.rows.map((r) => [r[0], r[1]]));
    expect(about["Svarande i urvalet"]).toBe(published(raw));
    expect(about["Minsta redovisade grupp"]).toBe(MIN);
    const dist = sheets[1]!.rows;
    const h = dist[0]!;
    const col = (name: string) => h.indexOf(name);
    const trio = dist.filter((r) => r[col("Fråga")] === "trio");
    expect(trio.map((r) => [r[col("Värde")], r[col("Antal")] ?? null, r[col("Dold")] ?? null])).toEqual(
      trioAsPublished().rows.map(([v, n, hidden]) => [v, n, hidden ? "ja" : null]),
    );
    expect(trio[0]![col("Svarsalternativ")]).toBe(`'${EVIL_LABEL}`);
    for (const r of dist.slice(1).filter((x) => x[col("Dold")] !== "ja")) {
      const q = String(r[col("Fråga")]);
      expect(r[col("Antal")], `${q}=${r[col("Värde")]}`).toBe(publishedOf(raw, q, String(r[col("Värde")])));
    }
    expect(sheets[3]!.rows.length).toBeGreaterThan(1);
  });

  it("the API gives the same aggregates CSV to a token, and refuses anonymous callers and other kommuner", async () => {
    const db = app.open.db;
    const token = await tokenOf(db, "analytiker@haparanda.example", "export");
    const viaApi = await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv?where=area:centrum`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaApi.status).toBe(200);
    const page = (await aggregates("?where=area:centrum")).text;
    // The CSV carries no export date, so the API's file and the app's are byte for byte the same.
    expect(Buffer.from(await viaApi.arrayBuffer()).toString("utf8")).toBe(page);
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv`)).status).toBe(401);
    const other = await tokenOf(db, "analytiker@kalix.example", "export");
    expect(
      (await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv`, { headers: { authorization: `Bearer ${other}` } }))
        .status,
    ).toBe(403);
    expect(
      (
        await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv?where=nosuch:x`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(422);
  });
});
