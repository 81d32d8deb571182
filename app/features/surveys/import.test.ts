import { describe, expect, it } from "vitest";
import { Invalid } from "~/platform/errors.server";
import {
  analyseCsv,
  decodeCsvBytes,
  importTargets,
  mappingFromForm,
  neutraliseCell,
  parseCsv,
  parseNumber,
  rejectedRowsCsv,
  rowsToAnswers,
  suggestMapping,
} from "./import.server";
import { compileValidationPlan } from "./validation.server";

// A definition written for these tests (not the bank): every type the import converts, with Swedish texts.
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: { default: "Hur trygg känner du dig?", en: "How safe?" },
          isRequired: true,
          choices: [
            { value: "safe", text: { default: "Trygg", en: "Safe" } },
            { value: "unsafe", text: "Otrygg" },
            "dont_know",
          ],
        },
        {
          type: "checkbox",
          name: "where",
          title: "Var?",
          choices: [{ value: "park", text: "Parken" }, "station", "school"],
        },
        { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
        { type: "dropdown", name: "num", choices: [1, 2, 3] },
        { type: "boolean", name: "victim", title: "Utsatt för brott?" },
        { type: "text", name: "age", inputType: "number", min: 0, max: 120 },
        { type: "text", name: "freetext" },
        { type: "comment", name: "why", maxLength: 20 },
        {
          type: "matrix",
          name: "prob",
          title: "Problem",
          columns: [
            { value: "1", text: "Litet" },
            { value: "4", text: "Stort" },
          ],
          rows: [{ value: "litter", text: "Nedskräpning" }, "speed"],
        },
      ],
    },
  ],
};
const plan = compileValidationPlan(definition);
const targets = importTargets(plan, definition);

function expectInvalid(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Invalid);
    expect((e as Invalid).message).toMatch(pattern);
    return;
  }
  throw new Error("expected an Invalid error");
}

describe("parseCsv", () => {
  it("reads quoted fields with doubled quotes, delimiters and line breaks inside", () => {
    const p = parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,2,3\r\n');
    expect(p.delimiter).toBe(",");
    expect(p.headers).toEqual(["a", "b", "c"]);
    expect(p.rows).toEqual([
      { row: 2, cells: ["x, y", 'say "hi"', "line1\nline2"] },
      { row: 3, cells: ["1", "2", "3"] },
    ]);
  });

  it("detects semicolon and tab from the header line, ignoring delimiters inside quotes", () => {
    expect(parseCsv('"a,b";c;d\n1;2;3').headers).toEqual(["a,b", "c", "d"]);
    expect(parseCsv("a\tb\n1\t2").rows[0]!.cells).toEqual(["1", "2"]);
    expect(parseCsv("a;b\n1,5;2").rows[0]!.cells).toEqual(["1,5", "2"]);
  });

  it("strips a UTF-8 BOM, accepts LF, CR and CRLF, a missing final newline, and skips blank lines", () => {
    const p = parseCsv("\uFEFFname\rx\n\ny\r\nz");
    expect(p.headers).toEqual(["name"]);
    expect(p.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, "x"],
      [4, "y"],
      [5, "z"],
    ]);
  });

  it("keeps empty fields, including a trailing one, and an empty quoted field", () => {
    expect(parseCsv('a,b,c\n,"",\n').rows[0]!.cells).toEqual(["", "", ""]);
  });

  it("refuses an unterminated quote and text after a closing quote, naming the row", () => {
    expectInvalid(() => parseCsv('a,b\n1,"open\n2,3'), /rad 2/);
    expectInvalid(() => parseCsv('a,b\n"x"y,1'), /Rad 2/);
  });

  it("refuses an empty file, a file with only a header, and a header with an empty name", () => {
    expectInvalid(() => parseCsv(""), /tom/);
    expectInvalid(() => parseCsv("a,b\n"), /inga svar/);
    expectInvalid(() => parseCsv("a,,b\n1,2,3"), /Kolumn 2/);
  });

  it("enforces the size and row limits with a clear message", () => {
    expectInvalid(() => parseCsv("a\n" + "x\n".repeat(10), { maxRows: 5 }), /fler än 5 rader/);
    expect(parseCsv("a\n" + "x\n".repeat(5), { maxRows: 5 }).rows).toHaveLength(5);
    expectInvalid(() => parseCsv("a\nåäö", { maxBytes: 6 }), /för stor/);
  });

  it("reads Windows-1252 bytes when the file is not UTF-8", () => {
    expect(decodeCsvBytes(new Uint8Array([0x67, 0xe5, 0x74]))).toBe("gåt");
    expect(decodeCsvBytes(new TextEncoder().encode("gåt"))).toBe("gåt");
  });
});

describe("suggestMapping", () => {
  it("maps names, matrix rows and Swedish titles case-insensitively; the rest stays unmapped", () => {
    const m = suggestMapping(
      ["FEEL", "var?", "prob.litter", "Datum", "Utsatt för brott?", "okänd", "feel"],
      definition,
      plan,
    );
    expect(m).toEqual(["feel", "where", "prob.litter", "$date", "victim", null, null]);
  });
});

describe("mappingFromForm", () => {
  it("reads the selects per column with the headers they were chosen for; no columns field means no mapping", () => {
    const form = new FormData();
    form.set("columns", JSON.stringify(["Känsla", "Poäng"]));
    form.set("col.0", "feel");
    form.set("col.1", "");
    expect(mappingFromForm(form)).toEqual({ columns: ["Känsla", "Poäng"], targets: ["feel", null] });
    expect(mappingFromForm(new FormData())).toBeNull();
    form.set("columns", "{not json");
    expect(mappingFromForm(form)).toBeNull();
  });
});

describe("rowsToAnswers", () => {
  const headers = ["feel", "where", "score", "num", "victim", "age", "freetext", "prob.litter", "prob.speed", "datum"];
  const mapping = headers.map((h) => (h === "datum" ? "$date" : h));
  const convert = (cells: string[]) =>
    rowsToAnswers([{ row: 2, cells }], headers, mapping, targets, "sv", "2026-06-01")[0]!;

  it("converts choice values and Swedish texts, lists, booleans, numbers with decimal comma, matrix rows and the date", () => {
    const r = convert(["Trygg", "Parken|station", "7", "2", "Ja", "42,5", " hej ", "Stort", "1", "2026-03-02"]);
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual({
      feel: "safe",
      where: ["park", "station"],
      score: 7,
      num: 2,
      victim: true,
      age: 42.5,
      freetext: " hej ",
      prob: { litter: "4", speed: "1" },
    });
    expect(r.submittedOn).toBe("2026-03-02");
    expect(convert(["unsafe", "school;park", "10", "3", "0", "1.5", "", "", "", ""]).data).toMatchObject({
      where: ["school", "park"],
      victim: false,
      age: 1.5,
    });
  });

  it("leaves empty cells unanswered", () => {
    const r = convert(["safe", "", " ", "", "", "", "", "", "", ""]);
    expect(r.data).toEqual({ feel: "safe" });
    expect(r.submittedOn).toBeUndefined();
  });

  it("reports each cell that cannot be converted with its row, column and value", () => {
    const r = convert(["kanske", "park|beach", "x", "", "kanske", "tolv", "", "", "", "2026-02-30"]);
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, "feel", "kanske"],
      [2, "where", "park|beach"],
      [2, "score", "x"],
      [2, "victim", "kanske"],
      [2, "age", "tolv"],
      [2, "datum", "2026-02-30"],
    ]);
    expect(r.problems[0]!.message).toMatch(/Trygg, Otrygg, dont_know/);
    expect(convert(["safe", "", "", "", "", "", "", "", "", "2027-01-01"]).problems[0]!.message).toMatch(/framtiden/);
  });

  it("parses numbers with either decimal sign and nothing else", () => {
    expect([
      parseNumber("3,5"),
      parseNumber("-2.25"),
      parseNumber("1 000"),
      parseNumber("1e3"),
      parseNumber(""),
    ]).toEqual([3.5, -2.25, 1000, null, null]);
  });
});

describe("analyseCsv", () => {
  it("validates every row against the definition and keeps the first rows as a sample", () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i === 24 ? ";12" : `safe;${i % 11}`));
    const a = analyseCsv({ plan, definition, csvText: `feel;score\n${rows.join("\n")}` });
    expect(a.rowCount).toBe(30);
    expect(a.sample).toHaveLength(20);
    expect(a.sample[0]).toEqual({ row: 2, cells: ["safe", 0] });
    expect(a.invalidRows).toEqual([26]);
    // Row 26 lacks the required question and has a score out of range: two problems, both reported.
    expect(a.problems.map((p) => [p.row, p.question])).toEqual([
      [26, "feel"],
      [26, "score"],
    ]);
  });

  it("reports a question mapped twice and an unknown target before looking at rows", () => {
    const a = analyseCsv({
      plan,
      definition,
      csvText: "a,b,c\nsafe,safe,1",
      mapping: { columns: ["a", "b", "c"], targets: ["feel", "feel", "nope"] },
    });
    expect(a.problems.map((p) => [p.row, p.question])).toEqual([
      [0, "nope"],
      [0, "feel"],
    ]);
    expect(a.problems[0]!.message).toMatch(/inte finns i enkäten/);
    expect(a.problems[1]!.message).toMatch(/flera kolumner \(a, b\)/);
    expect(a.invalidRows).toEqual([]);
  });

  it("falls back to the suggested mapping, and says so, when the file has other columns than the mapping", () => {
    const a = analyseCsv({
      plan,
      definition,
      csvText: "feel,score\nsafe,1",
      mapping: { columns: ["x", "y"], targets: ["score", "feel"] },
    });
    expect(a.mapping).toEqual(["feel", "score"]);
    expect(a.mappingReset).toBe(true);
  });

  it("reports messages in English for an English-speaking analyst", () => {
    const a = analyseCsv({ plan, definition, csvText: "feel\nmaybe", locale: "en" });
    expect(a.problems[0]!.message).toMatch(/is not one of the options/);
  });
});

describe("rejectedRowsCsv", () => {
  it("neutralises cells a spreadsheet would run as formulas and quotes what needs quoting", () => {
    const csv = rejectedRowsCsv([
      { row: 3, column: "=cmd|' /C calc'!A0", question: "feel", value: "+1;2", message: 'Säg "ja"' },
      { row: 4, column: "@SUM(A1)", question: "-x", value: "\tx", message: "ok" },
    ]);
    expect(csv.startsWith("\uFEFFrad;kolumn;fråga;värde;fel\r\n")).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ["3", "'=cmd|' /C calc'!A0", "feel", "'+1;2", 'Säg "ja"'],
      ["4", "'@SUM(A1)", "'-x", "'\tx", "ok"],
    ]);
    expect([neutraliseCell("\rx"), neutraliseCell("a=b")]).toEqual(["'\rx", "a=b"]);
  });
});
