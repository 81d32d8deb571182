import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

const dir = __dirname;
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, string>;

// Every area's catalogue, found on disk, so that a new area is checked without being listed here.
const areas = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith("sv.json"))
  .map((f) => f.slice(0, -"sv.json".length));

describe("message catalogues", () => {
  it("are all found (the base and one per area)", () => {
    expect(areas).toContain("");
    expect(areas).toContain("promises.");
  });
  for (const ns of areas) {
    it(`${ns || "base "}English has exactly the Swedish keys`, () => {
      const sv = Object.keys(load(`${ns}sv.json`)).sort();
      const en = Object.keys(load(`${ns}en.json`)).sort();
      expect(en).toEqual(sv);
    });
  }
  it("Finnish covers every key the public survey pages use", () => {
    const fi = load("fi.json");
    const sv = load("sv.json");
    const publicKeys = Object.keys(sv).filter(
      (k) => k.startsWith("survey.") || k.startsWith("home.") || k.startsWith("error."),
    );
    expect(publicKeys.filter((k) => !(k in fi))).toEqual([]);
  });
  it("Finnish covers the public results pages and the charts they draw", () => {
    const fi = load("fi.json");
    const sv = load("public.sv.json");
    const pages = Object.keys(sv).filter(
      (k) =>
        k.startsWith("public.") &&
        !k.startsWith("public.publish.") &&
        !k.startsWith("public.feed.") &&
        (!k.startsWith("public.error.") || k === "public.error.notFound"),
    );
    expect(pages.length).toBeGreaterThan(20);
    const charts = Object.keys(load("charts.sv.json")).filter((k) =>
      /^charts\.(col\.(base|group|interval|item|share)$|show|download|suppressed|range|valueWithRange|whiskerNote|bandNote)/.test(
        k,
      ),
    );
    expect(charts.length).toBeGreaterThan(10);
    expect([...pages, ...charts].filter((k) => !(k in fi))).toEqual([]);
  });
  it("placeholders match between languages", () => {
    const pairs = [
      ...areas.map((ns) => [`${ns}sv.json`, `${ns}en.json`]),
      ...areas.map((ns) => [`${ns}sv.json`, "fi.json"]),
    ];
    for (const [s, l] of pairs) {
      const sv = load(s!);
      const other = load(l!);
      for (const [k, v] of Object.entries(other)) {
        if (!(k in sv)) continue;
        const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(ph(v), `${l} ${k}`).toEqual(ph(sv[k]!));
      }
    }
  });
});

describe("the language a page declares", () => {
  it("is Finnish only on the public pages with a Finnish catalogue; staff pages shown in Swedish say Swedish", async () => {
    const { pageLocale, shownLocale } = await import("./i18n");
    expect(pageLocale("fi", "/")).toBe("fi");
    expect(pageLocale("fi", "/lofte/haparanda/3")).toBe("fi");
    expect(pageLocale("fi", "/e/trygghet-2026")).toBe("fi");
    expect(pageLocale("fi", "/resultat/haparanda/haparanda-2024")).toBe("fi");
    expect(pageLocale("fi", "/oppna-data/haparanda")).toBe("fi");
    expect(pageLocale("fi", "/resultatet")).toBe("sv");
    expect(pageLocale("fi", "/app/haparanda/uppfoljning")).toBe("sv");
    expect(pageLocale("fi", "/logga-in")).toBe("sv");
    expect(pageLocale("en", "/app/haparanda")).toBe("en");
    // A message the Finnish catalogue lacks is shown, and must be declared, in Swedish.
    expect(shownLocale("fi", "app.tagline")).toBe("sv");
    expect(shownLocale("fi", "nav.home")).toBe("fi");
  });
});
