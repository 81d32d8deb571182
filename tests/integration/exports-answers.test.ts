// The anonymised answers and the problembild report over HTTP (docs/domain/statistics.md#raw-answer-export): every
// answer once with demographics coarsened, refusal of small groups and of filters that would reveal what the full file
// hides, the report's sentences with the figures of the raw rows (published counts of their sets, recomputed with
// `response.cell_key`: docs/decisions/014-cell-key-perturbation.md), and access for the kommun's own people only.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../app/platform/csv";
import { MIN } from "../support/reference-stats";
import { createOpenSurvey, storeAnswers } from "../support/survey-setup";
import { testEngine } from "../support/test-db";
import { readXlsx } from "../support/xlsx-read";
import { app, base, download, otherKommun, raw, setUpExportSurvey, slug, viewer } from "../support/exports-session";
import {
  definition,
  EVIL_LABEL,
  EVIL_TITLE,
  makeAnswers,
  N,
  problemIndicatorRef,
  valuesOf,
  type KeyedData,
} from "../support/exports-survey";

setUpExportSurvey();

describe(`problembild exports on ${testEngine()}`, () => {
  it("anonymised answers CSV: every answer once, no id, no time, no free text, demographics coarsened", async () => {
    const { res, body } = await download("svar.csv");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="svar-${slug}.csv"`);
    const parsed = parseCsv(body.toString("utf8"));
    expect(parsed.headers).toEqual([
      "Datum",
      "Område",
      "Åldersgrupp",
      "Kön",
      "trio",
      "where",
      "problems.litter",
      "problems.speeding",
    ]);
    expect(parsed.rows).toHaveLength(N);
    const got = parsed.rows.map((r) => r.cells);
    // The answers, as a multiset, equal the raw rows (order is not the storage order).
    const key = (cells: string[]) => cells.join(";");
    const expected = raw.map((r) => [
      r.submitted_on,
      valuesOf(r.data, "trio")[0] ?? "",
      ["park", "station", "school"].filter((v) => valuesOf(r.data, "where").includes(v)).join("|"),
      valuesOf(r.data, "problems.litter")[0] ?? "",
      valuesOf(r.data, "problems.speeding")[0] ?? "",
    ]);
    expect(got.map((c) => key([c[0]!, ...c.slice(4)])).sort()).toEqual(expected.map(key).sort());
    expect(got.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c[0]!))).toBe(true);
    expect(body.toString("utf8")).not.toContain("Kommentar");
    // Demographics: every shown combination covers 0 or ≥ 5 rows; the 4 in byn are never shown as byn.
    const combos = new Map<string, number>();
    for (const c of got) combos.set(key(c.slice(1, 4)), (combos.get(key(c.slice(1, 4))) ?? 0) + 1);
    for (const [combo, n] of combos) expect(n, combo).toBeGreaterThanOrEqual(MIN);
    expect(got.some((c) => c[1] === "byn")).toBe(false);
    expect(got.filter((c) => c[1] === "(dold)").length).toBeGreaterThanOrEqual(MIN);
    // A shown value is the respondent's own: the shown areas add up to at most the raw counts.
    for (const area of ["centrum", "norr"]) {
      expect(got.filter((c) => c[1] === area).length).toBeLessThanOrEqual(
        raw.filter((r) => r.data.area === area).length,
      );
    }
  });

  it("anonymised answers are refused (422, with the reason) for a group below the minimum base", async () => {
    const { body } = await download("svar.csv?where=area:byn", 422);
    expect(JSON.parse(body.toString("utf8")).errors[0].message).toMatch(/färre än 5 svarande/);
    await download("svar.xlsx?where=area:byn", 422);
    await download("svar.csv?where=nosuch:x", 422);
  });

  it("anonymised answers: coarsened over the whole survey, so no filter can reveal what the full file hides", async () => {
    const full = parseCsv((await download("svar.csv")).body.toString("utf8")).rows.map((r) => r.cells);
    // A channel filter would reveal the channel, which the file leaves out.
    const channel = await download("svar.csv?channel=web", 422);
    expect(JSON.parse(channel.body.toString("utf8")).errors[0]).toMatchObject({ field: "channel" });
    // The 4 in byn have every demographic hidden; filtering on the gender of one of them (a large group) would tell
    // that gender for that row, so it is refused.
    const bynGender = raw.find((r) => r.data.area === "byn")!.data.gender as string;
    expect(raw.filter((r) => r.data.gender === bynGender).length).toBeGreaterThanOrEqual(MIN);
    const refused = await download(`svar.csv?where=gender:${bynGender}`, 422);
    expect(JSON.parse(refused.body.toString("utf8")).errors[0].message).toMatch(/döljer/);
    // A filter whose value the full file shows on every selected row is allowed, and the rows read exactly as there.
    const centrumRaw = raw.filter((r) => r.data.area === "centrum").length;
    expect(full.filter((c) => c[1] === "centrum")).toHaveLength(centrumRaw);
    const centrum = parseCsv((await download("svar.csv?where=area:centrum")).body.toString("utf8")).rows.map(
      (r) => r.cells,
    );
    expect(centrum.map((c) => c.join(";")).sort()).toEqual(
      full
        .filter((c) => c[1] === "centrum")
        .map((c) => c.join(";"))
        .sort(),
    );
    // A filter on an answer: a subset of the full file's rows, unchanged.
    const litter = parseCsv((await download("svar.csv?where=problems.litter:4")).body.toString("utf8")).rows.map(
      (r) => r.cells,
    );
    expect(litter.length).toBe(raw.filter((r) => valuesOf(r.data, "problems.litter")[0] === "4").length);
    const fullSet = new Set(full.map((c) => c.join(";")));
    expect(litter.every((c) => fullSet.has(c.join(";")))).toBe(true);
  });

  it("anonymised answers XLSX: answers, codebook and an explanation", async () => {
    const { body } = await download("svar.xlsx?where=area:centrum");
    const sheets = readXlsx(body);
    expect(sheets.map((s) => s.name)).toEqual(["Svar", "Kodbok", "Om filen"]);
    expect(sheets[0]!.rows.length - 1).toBe(raw.filter((r) => r.data.area === "centrum").length);
    const codebook = sheets[1]!.rows;
    expect(codebook).toContainEqual(["trio", `'${EVIL_TITLE}`, "a", `'${EVIL_LABEL}`]);
    expect(codebook.some((r) => r[0] === "comment" || r[0] === "area")).toBe(false);
    expect(String(sheets[2]!.rows.find((r) => r[0] === "Observera")![1])).toMatch(/fritext/);
  });

  it("the report page writes the key findings as sentences with the figures of the raw rows", async () => {
    const res = await viewer.fetch(`${base()}/rapport`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const q of ["problems.litter", "problems.speeding"]) {
      const w = problemIndicatorRef(raw, q).wilson;
      const margin = Math.round(Math.max(w.p - w.low, w.high - w.p) * 100);
      const item = q.split(".")[1];
      expect(html).toContain(
        `${Math.round(w.p * 100)}\u00a0% (±${margin}) av de svarande i Haparanda kommun anser att ${item} är ett mycket eller ganska stort problem.`,
      );
    }
    expect(html).toContain(`href="${base()}/svar.xlsx"`);
    // A group below the minimum base: no sentence about it, no link to its answers (the theme ranking, made from
    // the whole survey, stays, and says so).
    const small = await (await viewer.fetch(`${base()}/rapport?where=area:byn`)).text();
    expect(small).toContain("Färre än 5 svarande i urvalet");
    expect(small).toContain("Inga resultat kan redovisas för urvalet.");
    expect(small).not.toContain("av de svarande i urvalet");
    expect(small).not.toContain("svar.csv");
  });

  it("the report of a staff survey ranks themes by its own problem items (no theme ranking or comparison)", async () => {
    const db = app.open.db;
    const staff = await createOpenSurvey(db, { title: "Medarbetartest", definition, kind: "medarbetardialog" });
    const answers = makeAnswers().slice(0, 40);
    await storeAnswers(
      db,
      staff.id,
      answers.map((a) => ({ data: a.data, submittedOn: a.day })),
      "web",
    );
    const res = await viewer.fetch(`/app/haparanda/enkater/${staff.slug}/rapport`);
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    expect(html).toContain("Utifrån medarbetardialogen rangordnas områdena");
    // litter is physical environment; speeding is traffic safety: both themes are listed, highest (published)
    // share first.
    const stored = (await db
      .selectFrom("response")
      .select(["data", "cell_key"])
      .where("survey_id", "=", staff.id)
      .execute()) as KeyedData[];
    expect(stored).toHaveLength(answers.length);
    const share = (q: string) => problemIndicatorRef(stored, q).wilson.p;
    const order =
      share("problems.litter") >= share("problems.speeding")
        ? ["Fysisk miljö", "Trafiksäkerhet"]
        : ["Trafiksäkerhet", "Fysisk miljö"];
    const at = order.map((label) => html.indexOf(`<strong>${label}`));
    expect(
      at.every((i) => i > 0),
      html.slice(html.indexOf("Inriktningar"), html.indexOf("Inriktningar") + 800),
    ).toBe(true);
    expect(at[0]!).toBeLessThan(at[1]!);
    expect(html).not.toContain("Förändring sedan förra mätningen");
  });

  it("is for the kommun's own people: sign-in first, another kommun's user refused", async () => {
    for (const path of ["resultat.csv", "resultat.xlsx", "svar.csv", "svar.xlsx", "rapport"]) {
      const anon = await fetch(`${app.url}${base()}/${path}`, { redirect: "manual" });
      expect(anon.status, path).toBe(302);
      expect(anon.headers.get("location"), path).toMatch(/^\/logga-in\?next=/);
      expect((await otherKommun.fetch(`${base()}/${path}`)).status, path).toBe(403);
    }
  });
});
