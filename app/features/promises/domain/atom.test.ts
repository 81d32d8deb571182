import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomXml, tagUri, xmlText } from "./atom";

const feed = {
  id: tagUri("trygg.example.se:3000", "kalix/feed"),
  title: "Kalix: medborgarlöften & uppföljning",
  self: "https://trygg.example.se/lofte/kalix/flode.atom",
  alternate: "https://trygg.example.se/lofte/kalix",
  author: "Kalix kommun",
  fallbackUpdated: "2026-01-01T00:00:00.000Z",
  lang: "sv",
  entries: [
    {
      id: tagUri("trygg.example.se", "kalix/update/1"),
      title: "Äldre <uppdatering>",
      updated: "2026-03-01T10:00:00.000Z",
      url: "https://trygg.example.se/lofte/kalix/7#u1",
      summary: 'Polisen "patrullerade" i Töre & Kalix centrum.\u0001',
    },
    {
      id: tagUri("trygg.example.se", "kalix/update/2"),
      title: "Nyare",
      updated: "2026-05-01T10:00:00.000Z",
      url: "https://trygg.example.se/lofte/kalix/7#u2",
      summary: "Fler lampor.",
    },
  ],
};

describe("Atom feed", () => {
  it("is well-formed XML with what RFC 4287 requires, newest entry first", () => {
    const xml = atomXml(feed);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "entry" || n === "link" }).parse(xml);
    const f = parsed.feed;
    expect(f["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(f.id).toBe("tag:trygg.example.se,2026:kalix/feed");
    expect(f.updated).toBe("2026-05-01T10:00:00.000Z");
    expect(f.author.name).toBe("Kalix kommun");
    expect(f.link.map((l: Record<string, string>) => l["@_rel"])).toEqual(["self", "alternate"]);
    expect(f.entry.map((e: { title: string }) => e.title)).toEqual(["Nyare", "Äldre <uppdatering>"]);
    expect(f.entry[1].summary["#text"]).toBe('Polisen "patrullerade" i Töre & Kalix centrum.');
    for (const e of f.entry) for (const k of ["id", "title", "updated", "link"]) expect(e[k]).toBeDefined();
  });

  it("falls back to a given time when there is nothing to tell yet", () => {
    const xml = atomXml({ ...feed, entries: [] });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<updated>2026-01-01T00:00:00.000Z</updated>");
    expect(xml).not.toContain("<entry>");
  });

  it("escapes every markup character and drops those XML forbids", () => {
    expect(xmlText(`a<b>&"c'\u0000`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});
