// The problembild exports over HTTP (docs/decisions/007-problembild-exports.md,
// docs/domain/statistics.md#raw-answer-export): the aggregates and the anonymised answers as CSV and XLSX,
// downloaded as a signed-in viewer, and every figure checked against the raw rows (`response.data`) with this
// file's own counting and Wilson interval; suppression (a subtraction case included), coarsening of demographics,
// refusal of small groups, and neutralisation of text a spreadsheet would run as a formula.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { parseCsv } from "../../app/platform/csv";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { readXlsx } from "../support/xlsx-read";

const MIN = 5;
const Z = 1.959964;
const PROBLEM = ["4", "3", "2", "1", "dont_know"];

// Labels and titles that a spreadsheet would run as formulas, as an analyst could type them in the builder.
const EVIL_LABEL = '=HYPERLINK("http://example.invalid","klicka")';
const EVIL_TITLE = "@SUM(1+1)";
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "trio",
          title: EVIL_TITLE,
          choices: [
            { value: "a", text: EVIL_LABEL },
            { value: "b", text: "+B" },
            { value: "c", text: "-C" },
          ],
        },
        { type: "checkbox", name: "where", choices: ["park", "station", "school"] },
        {
          type: "matrix",
          name: "problems",
          title: "Hur stort problem är följande?",
          columns: PROBLEM,
          rows: ["litter", "speeding"],
        },
        { type: "comment", name: "comment", title: "Något mer?" },
        {
          type: "dropdown",
          name: "area",
          choices: [
            { value: "centrum", text: "Centrum" },
            { value: "norr", text: "Norr" },
            { value: "byn", text: "Byn" },
          ],
        },
        { type: "radiogroup", name: "age_band", choices: ["16-29", "30-64", "65+"] },
        { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
      ],
    },
  ],
};

type Data = Record<string, unknown>;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 160;
function makeAnswers(): { data: Data; day: string }[] {
  const rnd = prng(2026);
  const pick = <X>(items: X[]) => items[Math.floor(rnd() * items.length)]!;
  return Array.from({ length: N }, (_, i) => {
    const d: Data = {};
    // The subtraction case: 40 / 38 / 3 answer trio (81 in all): c is hidden, and b with it.
    if (i < 81) d.trio = i < 40 ? "a" : i < 78 ? "b" : "c";
    if (rnd() < 0.85) {
      const ticks = ["park", "station", "school"].filter(() => rnd() < 0.45);
      if (ticks.length) d.where = ticks;
    }
    d.problems = { litter: pick(PROBLEM), ...(i % 7 === 3 ? {} : { speeding: pick(["4", "3", "2", "1"]) }) };
    if (i % 3 === 0) d.comment = `Kommentar ${i}: =cmd|' /C calc'!A0`;
    // byn: 4 respondents, a group below the minimum base.
    d.area = i % 40 === 17 ? "byn" : rnd() < 0.55 ? "centrum" : "norr";
    if (rnd() < 0.95) d.age_band = pick(["16-29", "30-64", "30-64", "65+"]);
    d.gender = i === 11 || i === 111 ? "other" : rnd() < 0.5 ? "woman" : "man";
    return { data: d, day: `2026-03-${String((i % 25) + 1).padStart(2, "0")}` };
  });
}

function wilsonRef(k: number, n: number) {
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The values a respondent gave to a catalogue question (`problems.litter` reads the matrix row). */
function valuesOf(d: Data, question: string): string[] {
  const [name, row] = question.split(".");
  let v = d[name!];
  if (row !== undefined) v = (v as Data | undefined)?.[row];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

const num = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell.replace(",", ".")));

let app: TestApp;
let slug: string;
let viewer: Browser;
let otherKommun: Browser;
let raw: { data: Data; submitted_on: string }[];

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const haparanda = await getOrganisationBySlug({ db, slug: "haparanda" });
  const created = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title: "Exporttest",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  slug = created.slug;
  await setSurveyStatus({ db, surveyId: created.id, status: "open" });
  const stored = await storeResponsesAllOrNothing({
    db,
    surveyId: created.id,
    rows: makeAnswers().map((a) => ({ data: a.data, submittedOn: a.day })),
    channel: "web",
  });
  expect(stored.errors).toEqual([]);
  raw = (await db
    .selectFrom("response")
    .select(["data", "submitted_on"])
    .where("survey_id", "=", created.id)
    .execute()) as typeof raw;
  raw = raw.map((r) => ({
    ...r,
    submitted_on:
      typeof r.submitted_on === "string"
        ? r.submitted_on
        : new Date(r.submitted_on as unknown as Date).toISOString().slice(0, 10),
  }));
  viewer = new Browser(app.url);
  await viewer.login("lasare@haparanda.example", DEMO_PASSWORD);
  otherKommun = new Browser(app.url);
  await otherKommun.login("analytiker@kalix.example", DEMO_PASSWORD);
});
afterAll(async () => app?.close());

const base = () => `/app/haparanda/enkater/${slug}`;

async function download(path: string, expectStatus = 200) {
  const res = await viewer.fetch(`${base()}/${path}`);
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.status, body.toString("utf8").slice(0, 500)).toBe(expectStatus);
  return { res, body };
}

/** The aggregates CSV as records keyed by column header. */
async function aggregates(query = "") {
  const { res, body } = await download(`resultat.csv${query}`);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="problembild-${slug}.csv"`);
  const text = body.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = parseCsv(text);
  expect(parsed.delimiter).toBe(";");
  return {
    text,
    headers: parsed.headers,
    rows: parsed.rows.map((r) => Object.fromEntries(parsed.headers.map((h, i) => [h, r.cells[i] ?? ""]))),
  };
}

type Rec = Record<string, string>;
const QUESTIONS = ["trio", "where", "problems.litter", "problems.speeding", "area", "age_band", "gender"];
const MULTI = new Set(["where"]);

/** Checks every distribution row of a question against the raw rows of the group. */
function checkDistribution(rows: Rec[], question: string, group: Data[]) {
  const mine = rows.filter((r) => r.Del === "Fördelning" && r["Fråga"] === question);
  expect(mine.length, question).toBeGreaterThan(0);
  const answered = group.filter((d) => valuesOf(d, question).length > 0).length;
  let hidden = 0;
  for (const r of mine) {
    const n = group.filter((d) => valuesOf(d, question).includes(r["Värde"]!)).length;
    if (r.Dold === "ja") {
      hidden++;
      // Hidden: no figure at all, and a reason.
      for (const col of ["Antal", "Andel (%)", "95 % KI, nedre (%)", "95 % KI, övre (%)"])
        expect(r[col], `${question}=${r["Värde"]} ${col}`).toBe("");
      expect(r["Anmärkning"]).toMatch(/färre än 5 svar|dold så att/);
      continue;
    }
    expect(n === 0 || n >= MIN, `${question}=${r["Värde"]}: ${n} shown`).toBe(true);
    expect(num(r.Antal), `${question}=${r["Värde"]} n`).toBe(n);
    expect(num(r.Svarande), `${question} answered`).toBe(answered);
    const w = wilsonRef(n, answered);
    expect(Math.abs(num(r["Andel (%)"])! - w.p * 100), `${question}=${r["Värde"]} share`).toBeLessThan(0.006);
    expect(Math.abs(num(r["95 % KI, nedre (%)"])! - w.low * 100)).toBeLessThan(0.006);
    expect(Math.abs(num(r["95 % KI, övre (%)"])! - w.high * 100)).toBeLessThan(0.006);
  }
  // A single-answer line with a shown total never has exactly one hidden option (it could be subtracted out).
  if (!MULTI.has(question) && mine[0]!.Svarande !== "") expect(hidden, `${question} hidden`).not.toBe(1);
}

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
    expect(rows[0]).toMatchObject({ Del: "Urval", Svarande: String(N), Dold: "" });
    const data = raw.map((r) => r.data);
    for (const q of QUESTIONS) checkDistribution(rows, q, data);
    // The free-text question is not a choice question: no figures for it.
    expect(rows.some((r) => r["Fråga"] === "comment")).toBe(false);
    // Indicators: the problem share without "vet ej", its interval, and the "vet ej" share apart.
    for (const q of ["problems.litter", "problems.speeding"]) {
      const ind = rows.find((r) => r.Del === "Indikator" && r["Fråga"] === q)!;
      const vs = data.map((d) => valuesOf(d, q)[0]).filter((v): v is string => v !== undefined);
      const k = vs.filter((v) => v === "4" || v === "3").length;
      const dk = vs.filter((v) => v === "dont_know").length;
      const w = wilsonRef(k, vs.length - dk);
      expect(ind.Dold).toBe("");
      expect(num(ind.Svarande)).toBe(vs.length - dk);
      expect(Math.abs(num(ind["Andel (%)"])! - w.p * 100)).toBeLessThan(0.006);
      expect(Math.abs(num(ind["95 % KI, nedre (%)"])! - w.low * 100)).toBeLessThan(0.006);
      expect(Math.abs(num(ind["Vet ej (%)"])! - (dk / vs.length) * 100)).toBeLessThan(0.006);
    }
  });

  it("subtraction case: 40 / 38 / 3 shows only the 40; the 38 is hidden too, so the 3 cannot be recovered from 81", async () => {
    const { rows } = await aggregates();
    const trio = rows.filter((r) => r.Del === "Fördelning" && r["Fråga"] === "trio");
    expect(trio.map((r) => [r["Värde"], r.Svarande, r.Antal, r.Dold])).toEqual([
      ["a", "81", "40", ""],
      ["b", "81", "", "ja"],
      ["c", "81", "", "ja"],
    ]);
    expect(trio[1]!["Anmärkning"]).toMatch(/dold så att/);
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
    const group = raw.map((r) => r.data).filter((d) => d.area === "centrum" && d.gender === "woman");
    expect(num(centrum.rows[0]!.Svarande)).toBe(group.length);
    expect(centrum.rows[0]!.Grupp).toBe("area: Centrum; gender: woman");
    for (const q of QUESTIONS) checkDistribution(centrum.rows, q, group);
    const byn = await aggregates("?where=area:byn");
    expect(byn.rows[0]).toMatchObject({ Svarande: "", Dold: "ja" });
    expect(byn.rows.slice(1).every((r) => r.Antal === "" && r["Andel (%)"] === "" && r.Dold === "ja")).toBe(true);
    // An empty select of the page ("where=" or "where=area:") means all.
    expect(num((await aggregates("?where=&where=area:")).rows[0]!.Svarande)).toBe(N);
  });

  it("includes the chosen breakdown, suppressed as on the page", async () => {
    const { rows } = await aggregates("?breakdown=problems.litter&by=area");
    const part = rows.filter((r) => r.Del === "Uppdelning");
    expect(new Set(part.map((r) => r.Grupp))).toEqual(new Set(["Centrum", "Norr", "Byn", "Totalt"]));
    for (const r of part.filter((x) => x.Dold === "" && x["Värde"] !== "problem")) {
      const area = { Centrum: "centrum", Norr: "norr", Byn: "byn" }[r.Grupp!];
      const n = raw.filter(
        (x) => (area === undefined || x.data.area === area) && valuesOf(x.data, "problems.litter")[0] === r["Värde"],
      ).length;
      expect(num(r.Antal), `${r.Grupp} ${r["Värde"]}`).toBe(n);
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
    expect(about["Svarande i urvalet"]).toBe(N);
    expect(about["Minsta redovisade grupp"]).toBe(MIN);
    const dist = sheets[1]!.rows;
    const h = dist[0]!;
    const col = (name: string) => h.indexOf(name);
    const trio = dist.filter((r) => r[col("Fråga")] === "trio");
    expect(trio.map((r) => [r[col("Värde")], r[col("Antal")] ?? null, r[col("Dold")] ?? null])).toEqual([
      ["a", 40, null],
      ["b", null, "ja"],
      ["c", null, "ja"],
    ]);
    expect(trio[0]![col("Svarsalternativ")]).toBe(`'${EVIL_LABEL}`);
    for (const r of dist.slice(1).filter((x) => x[col("Dold")] !== "ja")) {
      const q = String(r[col("Fråga")]);
      const n = raw.filter((x) => valuesOf(x.data, q).includes(String(r[col("Värde")]))).length;
      expect(r[col("Antal")], `${q}=${r[col("Värde")]}`).toBe(n);
    }
    expect(sheets[3]!.rows.length).toBeGreaterThan(1);
  });

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
      const vs = raw
        .map((r) => valuesOf(r.data, q)[0])
        .filter((v): v is string => v !== undefined && v !== "dont_know");
      const w = wilsonRef(vs.filter((v) => v === "4" || v === "3").length, vs.length);
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
    const haparanda = await getOrganisationBySlug({ db, slug: "haparanda" });
    const staff = await createSurvey({
      db,
      kommunId: haparanda.id,
      kommunSlug: "haparanda",
      period: "2026",
      kind: "medarbetardialog",
      title: "Medarbetartest",
      definition,
      settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
    });
    await setSurveyStatus({ db, surveyId: staff.id, status: "open" });
    const answers = makeAnswers().slice(0, 40);
    expect(
      (
        await storeResponsesAllOrNothing({
          db,
          surveyId: staff.id,
          rows: answers.map((a) => ({ data: a.data, submittedOn: a.day })),
          channel: "web",
        })
      ).errors,
    ).toEqual([]);
    const res = await viewer.fetch(`/app/haparanda/enkater/${staff.slug}/rapport`);
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    expect(html).toContain("Utifrån medarbetardialogen rangordnas områdena");
    // litter is physical environment; speeding is traffic safety: both themes are listed, highest share first.
    const share = (q: string) => {
      const vs = answers
        .map((a) => valuesOf(a.data, q)[0])
        .filter((v): v is string => v !== undefined && v !== "dont_know");
      return vs.filter((v) => v === "4" || v === "3").length / vs.length;
    };
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

  it("the API gives the same aggregates CSV to a token, and refuses anonymous callers and other kommuner", async () => {
    const db = app.open.db;
    const analyst = await db
      .selectFrom("account")
      .select("id")
      .where("email", "=", "analytiker@haparanda.example")
      .executeTakeFirstOrThrow();
    const token = await createApiToken({ db, accountId: analyst.id, label: "export" });
    const viaApi = await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv?where=area:centrum`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaApi.status).toBe(200);
    const page = (await aggregates("?where=area:centrum")).text;
    // The CSV carries no export date, so the API's file and the app's are byte for byte the same.
    expect(Buffer.from(await viaApi.arrayBuffer()).toString("utf8")).toBe(page);
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}/results.csv`)).status).toBe(401);
    const kalix = await db
      .selectFrom("account")
      .select("id")
      .where("email", "=", "analytiker@kalix.example")
      .executeTakeFirstOrThrow();
    const other = await createApiToken({ db, accountId: kalix.id, label: "export" });
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

  it("is for the kommun's own people: sign-in first, another kommun's user refused", async () => {
    for (const path of ["resultat.csv", "resultat.xlsx", "svar.csv", "svar.xlsx", "rapport"]) {
      const anon = await fetch(`${app.url}${base()}/${path}`, { redirect: "manual" });
      expect(anon.status, path).toBe(302);
      expect(anon.headers.get("location"), path).toMatch(/^\/logga-in\?next=/);
      expect((await otherKommun.fetch(`${base()}/${path}`)).status, path).toBe(403);
    }
  });
});
