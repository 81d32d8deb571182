/**
 * Checks the structured seed documents against the published texts in db/seed/documents/ (the five public
 * documents described in docs/domain/seeds.md; SEEDS_DIR points elsewhere if needed), and both against the facts
 * of the original documents kept in fixtures/seed-facts.json (each file's SHA-256 and size, its bullets, and the
 * number, minimum, period and averaging of every number-bearing promise). A missing text file fails the test.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { THEME_KEYS } from "../../app/features/surveys/domain/themes";
import { ACTIVITY_TYPES } from "../../app/features/promises/domain/activities";
import { formatCountSv, numberWordSv, renderPromiseSv } from "../../app/features/promises/domain/wording";
import { isIsoDate, isMeasurable } from "../../app/features/promises/domain/progress";
import {
  SEED_DOCUMENTS,
  extractNumberBearingPromises,
  promisesOf,
  type SeedPromiseDocument,
} from "./promise-documents";
import SEED_FACTS from "./fixtures/seed-facts.json";

const SEEDS_DIR = process.env.SEEDS_DIR
  ? path.resolve(process.cwd(), process.env.SEEDS_DIR)
  : fileURLToPath(new URL("./documents/", import.meta.url));

const FILES = [
  "haparanda-2020-2022.txt",
  "harjedalen-2019.txt",
  "kalix-2022-2023.txt",
  "overtornea-2020-2021.txt",
  "pajala-2022.txt",
];

function original(doc: SeedPromiseDocument): string {
  return fs.readFileSync(path.join(SEEDS_DIR, doc.sourceFile), "utf8");
}

/** Whitespace (including no-break spaces) collapsed, and "•" lists compared without their indentation. */
function norm(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** The "•" lines of a text, trimmed and without the bullet. */
function bullets(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith("•"))
    .map((l) => l.slice(1).trim());
}

const PER_FROM_TEXT = { week: "week", month: "month", year: "year" } as const;

describe("seed document files", () => {
  it("are all present", () => {
    expect(
      fs
        .readdirSync(SEEDS_DIR)
        .filter((f) => f.endsWith(".txt"))
        .sort(),
    ).toEqual(FILES);
    expect(SEED_DOCUMENTS.map((d) => d.sourceFile).sort()).toEqual(FILES);
  });

  it("are the original documents, byte for byte (their SHA-256 and size in the fixture)", () => {
    expect(Object.keys(SEED_FACTS.documents).sort()).toEqual(FILES);
    for (const file of FILES) {
      const bytes = fs.readFileSync(path.join(SEEDS_DIR, file));
      const facts = SEED_FACTS.documents[file as keyof typeof SEED_FACTS.documents];
      expect(bytes.length, file).toBe(facts.bytes);
      expect(crypto.createHash("sha256").update(bytes).digest("hex"), file).toBe(facts.sha256);
      expect(bullets(bytes.toString("utf8")).length, file).toBe(facts.bullets);
    }
  });
});

describe("extractNumberBearingPromises", () => {
  it("reads numbers, words, periods and “minst”", () => {
    const text = [
      "Rubrik med 2020",
      " • Genomföra minst fyra (4) riktade insatser i kommunen per år för att förebygga.",
      "  • Polisen jobbar mot A-traktorer och mopeder vid två tillfälllen.",
      " • Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser.",
      " • genomföra minst 1 (en) trygghetsvandring tillsammans med kommunen.",
      " • Polis och kommun skall samverka och finnas närvarande vid minst två(2) ”riskkvällar” under året.",
      " • Kommunen kommer att under året verka för att skapa ett lokalt BRÅ.",
      " • Detta skall ske i etapper där man första året skall ta fram en lämplig struktur.",
      "Genomföra minst fem insatser per år (not a bullet).",
    ].join("\n");
    expect(
      extractNumberBearingPromises(text).map(({ quantity, per, atLeast, averaged }) => [
        quantity,
        per,
        atLeast,
        averaged,
      ]),
    ).toEqual([
      [4, "year", true, false],
      [2, null, false, false],
      [3, "week", true, true],
      [1, null, true, false],
      [2, "year", true, false],
    ]);
    expect(() => extractNumberBearingPromises("• minst fyra (5) insatser")).toThrow();
  });
});

describe.each(SEED_DOCUMENTS.map((doc) => [doc.kommun, doc] as const))("%s", (_kommun, doc) => {
  const text = original(doc);
  const normalised = norm(text);
  const promises = promisesOf(doc);

  it("has valid dates, themes and activity types", () => {
    for (const d of [doc.periodStart, doc.periodEnd, doc.followUpDue]) expect(isIsoDate(d), d).toBe(true);
    expect(doc.periodStart <= doc.periodEnd).toBe(true);
    for (const area of doc.focusAreas) {
      expect(area.themes.length).toBeGreaterThan(0);
      for (const t of area.themes) expect(THEME_KEYS).toContain(t);
      for (const promise of area.promises) {
        expect(ACTIVITY_TYPES[promise.activityType]).toBeDefined();
        for (const t of promise.themes ?? []) expect(THEME_KEYS).toContain(t);
        if (promise.target.kind === "milestone") expect(isIsoDate(promise.target.due)).toBe(true);
      }
    }
  });

  it("quotes the document verbatim", () => {
    const quoted = [
      doc.title,
      doc.lead,
      doc.followUpText,
      ...(doc.periodHeading ? [doc.periodHeading] : []),
      ...Object.values(doc.sections),
      ...doc.focusAreas.flatMap((a) => [a.background, a.lead ?? "", a.titleIsDerived ? "" : a.title]),
      ...promises.map((p) => p.originalText),
    ].filter((s) => s !== "");
    for (const s of quoted) expect(normalised, s).toContain(norm(s));
    expect(norm(doc.sections.uppfoljning)).toContain(norm(doc.followUpText));
  });

  it("structures every promise bullet of the document (the rest are the problem list)", () => {
    const structured = new Set(promises.map((p) => p.originalText));
    const problemList = new Set(bullets(doc.sections.problembild));
    for (const b of bullets(text)) {
      expect(structured.has(b) || problemList.has(b), b).toBe(true);
    }
    expect(structured.size).toBe(promises.length); // no promise twice
  });

  it("keeps the original's number-bearing promises (fixture) with their number, unit and period", () => {
    const facts = SEED_FACTS.documents[doc.sourceFile as keyof typeof SEED_FACTS.documents];
    expect(facts, doc.sourceFile).toBeDefined();
    expect(extractNumberBearingPromises(text)).toEqual(facts.numberBearingPromises);
    const quantities = promises.filter((p) => p.target.kind === "quantity");
    expect(quantities.map((p) => p.originalText).sort()).toEqual(facts.numberBearingPromises.map((f) => f.text).sort());
    for (const f of facts.numberBearingPromises) {
      expect(promises.find((p) => p.originalText === f.text)?.target, f.text).toEqual({
        kind: "quantity",
        quantity: f.quantity,
        per: f.per === null ? "period" : PER_FROM_TEXT[f.per as keyof typeof PER_FROM_TEXT],
        comparator: f.atLeast ? "at_least" : "exactly",
        ...(f.averaged ? { averaged: true } : {}),
      });
    }
  });

  it("keeps every number-bearing promise with the same number, unit and period", () => {
    const found = extractNumberBearingPromises(text);
    for (const f of found) {
      const promise = promises.find((p) => p.originalText === f.text);
      expect(promise, f.text).toBeDefined();
      expect(promise?.target, f.text).toEqual({
        kind: "quantity",
        quantity: f.quantity,
        per: f.per === null ? "period" : PER_FROM_TEXT[f.per],
        comparator: f.atLeast ? "at_least" : "exactly",
        ...(f.averaged ? { averaged: true } : {}),
      });
    }
    // And the other way round: no number in the data that the text does not have.
    const texts = new Set(found.map((f) => f.text));
    for (const p of promises) {
      if (p.target.kind === "quantity") expect(texts.has(p.originalText), p.originalText).toBe(true);
    }
  });

  it("renders each number-bearing promise with the same number", () => {
    for (const p of promises) {
      if (p.target.kind !== "quantity") continue;
      const rendered = renderPromiseSv(p);
      const n = p.target.quantity;
      expect(rendered).toContain(n > 12 ? String(n) : `(${n})`);
      const words = n === 1 ? ["en", "ett"] : [numberWordSv(n) ?? String(n)];
      expect(
        words.some((w) => rendered.includes(`${w} (${n})`)),
        rendered,
      ).toBe(true);
      expect(rendered).toContain(formatCountSv(n, rendered.includes(`ett (${n})`) ? "ett" : "en"));
    }
  });
});

describe("the seed documents as a whole", () => {
  it("follow the periods and follow-up dates of the documents", () => {
    expect(SEED_DOCUMENTS.map((d) => [d.kommun, d.periodStart, d.periodEnd, d.followUpDue])).toEqual([
      ["haparanda", "2020-01-01", "2022-12-31", "2023-02-28"],
      ["kalix", "2022-01-01", "2023-12-31", "2024-02-29"],
      ["pajala", "2022-01-01", "2022-12-31", "2023-02-28"],
      ["overtornea", "2020-01-01", "2021-12-31", "2020-02-29"],
      ["harjedalen", "2019-01-01", "2019-12-31", "2019-12-31"],
    ]);
  });

  it("count promises and measurable promises per document", () => {
    const counts = Object.fromEntries(
      SEED_DOCUMENTS.map((d) => {
        const ps = promisesOf(d);
        return [d.kommun, [ps.length, ps.filter((p) => isMeasurable(p.target)).length]];
      }),
    );
    expect(counts).toEqual({
      haparanda: [11, 6],
      kalix: [12, 6],
      pajala: [7, 5],
      overtornea: [9, 4],
      harjedalen: [15, 0],
    });
  });

  it("reads the example promises as intended", () => {
    const find = (kommun: string, start: string) =>
      SEED_DOCUMENTS.find((d) => d.kommun === kommun)!
        .focusAreas.flatMap((a) => a.promises)
        .find((p) => p.originalText.startsWith(start))?.target;
    expect(find("haparanda", "Polisiär fotpatrullering")).toMatchObject({ quantity: 1, per: "week" });
    expect(find("haparanda", "Polis och kommun ska samverka och finnas")).toMatchObject({ quantity: 2, per: "year" });
    expect(find("kalix", "Genomföra minst tre medborgarkontakter")).toMatchObject({
      quantity: 3,
      per: "week",
      averaged: true,
    });
    expect(find("kalix", "Genomföra minst fyra trafiksäkerhetsinsatser")).toMatchObject({ quantity: 4, per: "year" });
    expect(find("pajala", "Genomföra minst 2 (två)")).toMatchObject({ quantity: 2, per: "year" });
    expect(find("overtornea", "Polisen jobbar mot A-traktorer")).toMatchObject({
      quantity: 2,
      per: "period",
      comparator: "exactly",
    });
    expect(find("overtornea", "Minst en trygghetsvandring")).toMatchObject({ quantity: 1, per: "period" });
    expect(find("kalix", "Socialtjänsten och polisen")).toMatchObject({ kind: "milestone", due: "2022-12-31" });
    for (const p of promisesOf(SEED_DOCUMENTS.find((d) => d.kommun === "harjedalen")!)) {
      expect(p.target).toEqual({ kind: "none" });
    }
  });
});
