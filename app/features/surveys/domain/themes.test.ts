import { describe, it, expect } from "vitest";
import { THEME_KEYS, THEMES, THEME_LEXICON, suggestThemes } from "./themes";

describe("theme taxonomy", () => {
  it("has the eleven standard keys in the order of docs/domain/themes.md#the-standard-themes", () => {
    expect(THEME_KEYS).toEqual([
      "police_presence",
      "traffic_safety",
      "drugs_andt",
      "domestic_violence",
      "volume_crime",
      "public_safety",
      "violent_crime",
      "youth",
      "physical_environment",
      "cooperation",
      "integration",
    ]);
  });

  it("labels every theme in Swedish, English and Finnish and describes it in Swedish and English", () => {
    for (const key of THEME_KEYS) {
      const { label, covers } = THEMES[key];
      for (const text of [label.sv, label.en, label.fi, covers.sv, covers.en]) expect(text.trim()).not.toBe("");
    }
    expect(Object.keys(THEMES).sort()).toEqual([...THEME_KEYS].sort());
    expect(THEMES.drugs_andt.label.sv).toBe("Narkotika, alkohol och droger (ANDT)");
  });

  it("keeps the lexicon lower-case, one list per theme", () => {
    expect(Object.keys(THEME_LEXICON).sort()).toEqual([...THEME_KEYS].sort());
    for (const key of THEME_KEYS) {
      expect(THEME_LEXICON[key].length).toBeGreaterThan(0);
      for (const word of THEME_LEXICON[key]) expect(word).toBe(word.toLocaleLowerCase("sv-SE"));
    }
  });
});

describe("suggestThemes", () => {
  it("finds unsafe public places and drinking in a typical comment", () => {
    const themes = suggestThemes("Det är mörkt och otryggt vid busstationen, mycket fylla");
    expect(themes).toContain("public_safety");
    expect(themes).toContain("drugs_andt");
    expect(themes).not.toContain("domestic_violence");
  });

  it("matches stems at the start of words, regardless of case", () => {
    expect(suggestThemes("INBROTTEN i förråden har ökat")).toEqual(["volume_crime"]);
    expect(suggestThemes("A-traktorerna kör för fort")).toEqual(["traffic_safety"]);
    // A stem inside a word is not a match: "polis" does not occur at a word start in "metropolis".
    expect(suggestThemes("metropolis")).toEqual([]);
  });

  it("matches multi-word keywords as phrases", () => {
    expect(suggestThemes("Det förekommer våld i hemmet")).toEqual(
      expect.arrayContaining(["domestic_violence", "violent_crime"]),
    );
    expect(suggestThemes("Ringde 114 14 men ingen svarade")).toContain("police_presence");
    expect(suggestThemes("Han slog mig hemma")).not.toContain("domestic_violence");
  });

  it("does not read rowdiness (bråk) as the crime-prevention council (BRÅ)", () => {
    expect(suggestThemes("Mycket bråk på torget")).toEqual(["public_safety"]);
    expect(suggestThemes("Lokala BRÅ borde träffas oftare")).toEqual(["cooperation"]);
  });

  it("returns each theme once, in taxonomy order, and nothing for empty text", () => {
    expect(suggestThemes("klotter klotter skräp polis")).toEqual([
      "police_presence",
      "volume_crime",
      "physical_environment",
    ]);
    expect(suggestThemes("")).toEqual([]);
  });
});
