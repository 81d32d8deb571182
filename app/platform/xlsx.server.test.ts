import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readXlsx, unzip } from "../../tests/support/xlsx-read";
import { columnName, crc32, sheetNames, writeXlsx, xmlText, zip } from "./xlsx.server";

describe("crc32 and zip", () => {
  it("computes the standard CRC-32 check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
  it("writes a zip that reads back entry by entry (sizes and CRCs checked by the reader)", () => {
    const big = Buffer.from("å".repeat(50_000));
    const files = unzip(
      zip([
        { name: "a.txt", data: Buffer.from("hej") },
        { name: "dir/å.bin", data: big },
        { name: "empty", data: new Uint8Array() },
      ]),
    );
    expect([...files.keys()]).toEqual(["a.txt", "dir/å.bin", "empty"]);
    expect(files.get("a.txt")!.toString()).toBe("hej");
    expect(files.get("dir/å.bin")!.equals(big)).toBe(true);
    expect(files.get("empty")!.length).toBe(0);
  });
  it("is accepted by the system's unzip, when there is one", () => {
    if (!existsSync("/usr/bin/unzip")) return;
    const dir = mkdtempSync(path.join(tmpdir(), "xlsx-"));
    try {
      const file = path.join(dir, "t.xlsx");
      writeFileSync(file, writeXlsx([{ name: "Blad", rows: [["a", 1]] }]));
      const out = execFileSync("/usr/bin/unzip", ["-t", file]).toString();
      expect(out).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("writeXlsx", () => {
  it("writes the parts of a workbook and the cells as written, text inline, numbers as numbers", () => {
    const buf = writeXlsx([
      {
        name: "Fördelning",
        rows: [
          ["Fråga", "Antal", "Andel (%)"],
          ["Nedskräpning", 512, 26.9],
          ["tom", null, undefined],
        ],
        widths: [30, 8, 10],
      },
      { name: "Svar", rows: [["a"]] },
    ]);
    const files = unzip(buf);
    expect([...files.keys()].sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
      ].sort(),
    );
    const types = files.get("[Content_Types].xml")!.toString();
    expect(types).toContain('PartName="/xl/worksheets/sheet2.xml"');
    const sheet1 = files.get("xl/worksheets/sheet1.xml")!.toString();
    expect(sheet1).toContain('<c r="B2"><v>512</v></c>');
    expect(sheet1).toContain('<c r="A1" s="1" t="inlineStr"><is><t>Fråga</t></is></c>');
    expect(sheet1).toContain('state="frozen"');
    const sheets = readXlsx(buf);
    expect(sheets.map((s) => s.name)).toEqual(["Fördelning", "Svar"]);
    expect(sheets[0]!.rows).toEqual([["Fråga", "Antal", "Andel (%)"], ["Nedskräpning", 512, 26.9], ["tom"]]);
  });

  it("neutralises formula-like text and never writes a formula", () => {
    const evil = ["=1+1", "+46 70", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x","y")'];
    const buf = writeXlsx([{ name: "x", rows: [evil] }]);
    const xml = unzip(buf).get("xl/worksheets/sheet1.xml")!.toString();
    expect(xml).not.toMatch(/<f[\s>]/);
    const cells = readXlsx(buf)[0]!.rows[0]!;
    expect(cells).toEqual(evil.map((s) => `'${s}`));
    expect(xml).toContain("<t>'&#13;CR</t>");
    for (const c of cells) expect(String(c).startsWith("'")).toBe(true);
  });

  it("escapes XML and drops characters XML cannot hold", () => {
    expect(xmlText(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(xmlText("a\u0000b\u0007c\td\ne\uD800f😀")).toBe("abc\td\nef😀");
    const buf = writeXlsx([{ name: "x", rows: [["<&>", "rad 1\nrad 2", " kant "]] }]);
    expect(readXlsx(buf)[0]!.rows[0]).toEqual(["<&>", "rad 1\nrad 2", " kant "]);
  });

  it("names columns and sheets as Excel requires", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    expect(sheetNames(["a/b:c", "x".repeat(40), "Svar", "svar", ""])).toEqual([
      "a b c",
      "x".repeat(31),
      "Svar",
      "svar 2",
      "Blad5",
    ]);
  });
});
