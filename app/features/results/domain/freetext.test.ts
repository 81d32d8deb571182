import { describe, expect, it } from "vitest";
import { freetextScores } from "./freetext";

const codes = (list: [comment: string, ...themes: string[]][]) =>
  list.flatMap(([comment, ...themes]) => themes.map((theme) => ({ comment, theme })));

describe("freetextScores (share of coded comments naming a theme)", () => {
  it("counts each comment once per theme over the comments with any accepted theme", () => {
    const s = freetextScores(
      codes([
        ["a|unsafe_places", "public_safety", "physical_environment"],
        ["b|unsafe_places", "public_safety"],
        ["b|suggestions", "police_presence"],
        ["c|suggestions", "police_presence", "public_safety"],
        ["d|suggestions", "drugs_andt"],
      ]),
    );
    expect(s).toMatchObject({ coded: 5, suppressed: false, minBase: 5 });
    expect(s.themes).toEqual([
      { theme: "public_safety", n: 3, share: 3 / 5 },
      { theme: "police_presence", n: 2, share: 2 / 5 },
      { theme: "drugs_andt", n: 1, share: 1 / 5 },
      { theme: "physical_environment", n: 1, share: 1 / 5 },
    ]);
  });

  it("does not count a theme twice for one comment", () => {
    const s = freetextScores([
      ...codes([["a|q", "youth", "youth"]]),
      ...codes([
        ["b|q", "youth"],
        ["c|q", "drugs_andt"],
        ["d|q", "drugs_andt"],
        ["e|q", "drugs_andt"],
      ]),
    ]);
    expect(s.themes.find((t) => t.theme === "youth")).toEqual({ theme: "youth", n: 2, share: 0.4 });
  });

  it("has no data below the minimum base of coded comments, which cannot go below 5", () => {
    const four = codes([
      ["a|q", "youth"],
      ["b|q", "youth"],
      ["c|q", "youth"],
      ["d|q", "drugs_andt"],
    ]);
    expect(freetextScores(four)).toEqual({ coded: 4, suppressed: true, minBase: 5, themes: [] });
    expect(freetextScores(four, 2)).toMatchObject({ suppressed: true, minBase: 5 });
    const six = [
      ...four,
      ...codes([
        ["e|q", "youth"],
        ["f|q", "youth"],
      ]),
    ];
    expect(freetextScores(six, 7)).toMatchObject({ coded: 6, suppressed: true, minBase: 7 });
    expect(freetextScores(six).themes[0]).toEqual({ theme: "youth", n: 5, share: 5 / 6 });
    expect(freetextScores([])).toMatchObject({ coded: 0, suppressed: true, themes: [] });
  });
});
