import { describe, expect, it } from "vitest";
import { THEME_KEYS, THEME_LEXICON } from "./themes";
import { rowThemes } from "./question-bank";
import { THEME_LEXICON_SV, suggestCommentThemes, suggestThemesWithMatches } from "./theme-lexicon";
import {
  STAFF_ACTIVITY_SENTENCES,
  STAFF_PLACE_SENTENCES,
  SUGGESTION_SENTENCES,
  UNSAFE_PLACE_SENTENCES,
} from "../../../../db/seed/synthetic";

describe("the Swedish theme lexicon", () => {
  it("has lower-case keywords of every kind for all eleven themes and keeps the seed list of themes.ts", () => {
    expect(Object.keys(THEME_LEXICON_SV).sort()).toEqual([...THEME_KEYS].sort());
    for (const key of THEME_KEYS) {
      const e = THEME_LEXICON_SV[key];
      const all = [...e.prefixes, ...e.infixes, ...e.words, ...e.phrases];
      expect(e.prefixes.length + e.phrases.length, key).toBeGreaterThan(3);
      for (const k of all) expect(k, key).toBe(k.toLocaleLowerCase("sv-SE"));
      for (const k of e.phrases) expect(k, key).toContain(" ");
      for (const seed of THEME_LEXICON[key]) expect(all, `${key} keeps ${seed}`).toContain(seed);
    }
  });
});

describe("suggestThemesWithMatches", () => {
  it("suggests by stem and says which keyword matched", () => {
    expect(suggestThemesWithMatches("Mycket fylla vid busstationen")).toEqual([
      { theme: "drugs_andt", matches: ["fylla"] },
      { theme: "public_safety", matches: ["busstation"] },
    ]);
  });

  it("finds the heads of compounds and inflections", () => {
    expect(suggestCommentThemes("Gatubelysningen är trasig")).toEqual(["physical_environment"]);
    expect(suggestCommentThemes("Många cykelstölder")).toEqual(["volume_crime"]);
    expect(suggestCommentThemes("Kommunpolisen syns aldrig")).toContain("police_presence");
    expect(suggestCommentThemes("Narkotikapåverkade ungdomar")).toEqual(["drugs_andt", "youth"]);
  });

  it("keeps short keywords from matching other words", () => {
    // "bråk" is not the crime prevention council BRÅ; "bild" is not a car; "ungefär" is not about the young.
    expect(suggestCommentThemes("Mycket bråk")).toEqual(["public_safety"]);
    expect(suggestCommentThemes("Lokala BRÅ borde träffas")).toEqual(["cooperation"]);
    expect(suggestCommentThemes("En bild av läget, ungefär som förut")).toEqual([]);
    expect(suggestCommentThemes("Vi bor på hotellet")).toEqual([]);
    // The abbreviation EST matches as a word only.
    expect(suggestCommentThemes("Det var en estetisk fråga")).toEqual([]);
    expect(suggestCommentThemes("Inför EST i kommunen")).toEqual(["cooperation"]);
    // A cycle path is not traffic by itself, a bicycle theft is volume crime.
    expect(suggestCommentThemes("Cykelvägen")).toEqual([]);
  });

  it("matches phrases across punctuation and line breaks", () => {
    expect(suggestCommentThemes("Det förekommer våld i\nhemmet.")).toContain("domestic_violence");
    expect(suggestCommentThemes("Ringde 114 14, ingen svarade")).toContain("police_presence");
    expect(suggestCommentThemes("Han slog mig hemma")).not.toContain("domestic_violence");
  });

  it("suggests at least one theme of the problem a demo comment is about, and nothing for neutral ones", () => {
    const sentences = [
      ...UNSAFE_PLACE_SENTENCES,
      ...SUGGESTION_SENTENCES,
      ...STAFF_PLACE_SENTENCES,
      ...STAFF_ACTIVITY_SENTENCES,
    ];
    for (const s of sentences.filter((x) => x.neutral)) expect(suggestCommentThemes(s.text), s.text).toEqual([]);
    const themed = sentences.filter((s) => s.rows.length > 0);
    const hit = themed.filter((s) => {
      const got = suggestCommentThemes(s.text.replace("{plats}", "vid Coop").replace("{ort}", "Nikkala"));
      return s.rows.some((r) => rowThemes[r].some((t) => got.includes(t)));
    });
    expect(hit.length / themed.length).toBeGreaterThan(0.9);
  });

  it("returns each theme once, in taxonomy order, and nothing for empty text", () => {
    expect(suggestCommentThemes("skräp klotter polis skräp")).toEqual([
      "police_presence",
      "volume_crime",
      "physical_environment",
    ]);
    expect(suggestThemesWithMatches("")).toEqual([]);
    expect(suggestThemesWithMatches("   \n ")).toEqual([]);
  });
});
