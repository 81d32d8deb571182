import { expect } from "vitest";
import { published } from "./published";
import { MIN, PROBLEM, prng, wilsonRef, type Data } from "./reference-stats";
import { DEMOGRAPHIC_ELEMENTS } from "./survey-setup";

// The survey of the problembild export tests (docs/decisions/007-problembild-exports.md): labels a spreadsheet would
// run as formulas, 160 answers from a seeded generator with a subtraction case and a small area, and the check of a
// distribution against the raw rows with this file's own counting (the app and downloads: ./exports-session.ts).
// Every count is the published count of its own set of rows (cell-key perturbation through `response.cell_key`,
// docs/decisions/014-cell-key-perturbation.md); shares and intervals are computed from the published counts.

// Labels and titles that a spreadsheet would run as formulas, as an analyst could type them in the builder.
export const EVIL_LABEL = '=HYPERLINK("http://example.invalid","klicka")';
export const EVIL_TITLE = "@SUM(1+1)";
export const definition = {
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
        ...DEMOGRAPHIC_ELEMENTS,
      ],
    },
  ],
};

export const N = 160;
export function makeAnswers(): { data: Data; day: string }[] {
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

/** The values a respondent gave to a catalogue question (`problems.litter` reads the matrix row). */
export function valuesOf(d: Data, question: string): string[] {
  const [name, row] = question.split(".");
  let v = d[name!];
  if (row !== undefined) v = (v as Data | undefined)?.[row];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

export const num = (cell: string | undefined) =>
  cell === undefined || cell === "" ? null : Number(cell.replace(",", "."));

export type Rec = Record<string, string>;

/** A raw row: the answers and the record key. */
export interface KeyedData {
  data: Data;
  cell_key: number;
}

/** The published count of the rows that gave `value` to `question`. */
export const publishedOf = (rows: readonly KeyedData[], question: string, value: string) =>
  published(rows.filter((r) => valuesOf(r.data, question).includes(value)));

/**
 * A problem item's indicator from the raw rows as the app computes it from published counts: the published option
 * counts summed (answered = all options, base = answered − vet ej, k = 4 + 3), then the share of k in base.
 */
export function problemIndicatorRef(rows: readonly KeyedData[], question: string) {
  const n = (v: string) => publishedOf(rows, question, v);
  const answered = PROBLEM.reduce((s, v) => s + n(v), 0);
  const dk = n("dont_know");
  const k = n("4") + n("3");
  return { answered, dk, base: answered - dk, k, wilson: wilsonRef(k, answered - dk) };
}
export const QUESTIONS = ["trio", "where", "problems.litter", "problems.speeding", "area", "age_band", "gender"];
const MULTI = new Set(["where"]);

/** Checks every distribution row of a question against the raw rows of the group. */
export function checkDistribution(rows: Rec[], question: string, group: KeyedData[]) {
  const mine = rows.filter((r) => r.Del === "Fördelning" && r["Fråga"] === question);
  expect(mine.length, question).toBeGreaterThan(0);
  const answered = published(group.filter((r) => valuesOf(r.data, question).length > 0));
  let hidden = 0;
  for (const r of mine) {
    const holding = group.filter((x) => valuesOf(x.data, question).includes(r["Värde"]!));
    const n = published(holding);
    if (r.Dold === "ja") {
      hidden++;
      // Hidden: no figure at all, and a reason.
      for (const col of ["Antal", "Andel (%)", "95 % KI, nedre (%)", "95 % KI, övre (%)"])
        expect(r[col], `${question}=${r["Värde"]} ${col}`).toBe("");
      expect(r["Anmärkning"]).toMatch(/färre än 5 svar|dold så att/);
      continue;
    }
    expect(holding.length === 0 || holding.length >= MIN, `${question}=${r["Värde"]}: ${n} shown`).toBe(true);
    expect(num(r.Antal), `${question}=${r["Värde"]} n`).toBe(n);
    expect(num(r.Svarande), `${question} answered`).toBe(answered);
    // A published n above its published base has the share 100 %.
    const w = wilsonRef(Math.min(n, answered), answered);
    expect(Math.abs(num(r["Andel (%)"])! - w.p * 100), `${question}=${r["Värde"]} share`).toBeLessThan(0.006);
    expect(Math.abs(num(r["95 % KI, nedre (%)"])! - w.low * 100)).toBeLessThan(0.006);
    expect(Math.abs(num(r["95 % KI, övre (%)"])! - w.high * 100)).toBeLessThan(0.006);
  }
  // A single-answer line with a shown total never has exactly one hidden option (it could be subtracted out).
  if (!MULTI.has(question) && mine[0]!.Svarande !== "") expect(hidden, `${question} hidden`).not.toBe(1);
}
