import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvField, formatCsvNumber, neutraliseCell, parseCsv, toCsv } from "./csv";

describe("neutraliseCell", () => {
  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+46701234567", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","klick")']) {
      expect(neutraliseCell(s), s).toBe(`'${s}`);
    }
  });
  it("leaves other text alone, including formula characters later in the text", () => {
    for (const s of ["", "Haparanda", "a=b", "1+1", "'quoted", " =x"]) expect(neutraliseCell(s), s).toBe(s);
  });
});

describe("csvField and toCsv", () => {
  it("writes numbers with a decimal comma and never neutralises them", () => {
    expect(formatCsvNumber(62.4)).toBe("62,4");
    expect(formatCsvNumber(-4.1)).toBe("-4,1");
    expect(formatCsvNumber(1 / 3, 3)).toBe("0,333");
    expect(formatCsvNumber(Number.NaN)).toBe("");
    expect(csvField(-4.1)).toBe('"-4,1"');
    expect(csvField(12)).toBe("12");
  });
  it("quotes text with the delimiter, quotes or line breaks, after neutralising it", () => {
    expect(csvField('säger "hej"; sen')).toBe('"säger ""hej""; sen"');
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField("-1;=2")).toBe(`"'-1;=2"`);
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });
  it("round-trips through the parser: BOM, semicolons, CRLF, neutralised formulas", () => {
    const csv = toCsv([
      ["fråga", "värde", "antal"],
      ["=1+1", "rad\nbrytning", 3],
      ["@x", 'citat "här"', 0.5],
      ["tom", null, -2],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed.delimiter).toBe(";");
    expect(parsed.headers).toEqual(["fråga", "värde", "antal"]);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ["'=1+1", "rad\nbrytning", "3"],
      ["'@x", 'citat "här"', "0,5"],
      ["tom", "", "-2"],
    ]);
  });
});

describe("parseCsv errors", () => {
  it("throws CsvSyntaxError with a message in the locale", () => {
    expect(() => parseCsv("")).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/rad 2/);
    expect(() => parseCsv("a,b\n", { locale: "en" })).toThrow(CsvSyntaxError);
  });
});
