import { describe, expect, it } from "vitest";
import { choosableThemes, draftFocusAreas, draftProblemPicture } from "./draft";
import type { ThemeRanking } from "../../results/domain/ranking";

const ranking: ThemeRanking = {
  kommunId: 1,
  kommunSlug: "haparanda",
  kommunName: "Haparanda kommun",
  surveySlug: "haparanda-2026",
  weights: { citizen: 0.5, staff: 0.25, meetings: 0.15, freetext: 0.1, est: 0.1 },
  themes: [
    {
      theme: "traffic_safety",
      labelSv: "Trafiksäkerhet",
      rank: 1,
      score: 0.71,
      parts: [{ source: "citizen", score: 0.8, weight: 0.5 }],
      evidence: [
        {
          source: "citizen",
          sentenceSv: "62 % (±3) av de svarande i Haparanda anser att mopeder och A-traktorer är ett stort problem",
          href: "/app/haparanda/enkater/haparanda-2026/resultat?q=problem_mopeds",
          share: { p: 0.62, low: 0.59, high: 0.65 },
          n: 812,
        },
        {
          source: "meetings",
          sentenceSv: "Tre av fem trygghetsvandringar tog upp trafiken vid skolorna.",
          href: "/app/haparanda/moten",
          n: 5,
        },
      ],
    },
    { theme: "drugs_andt", labelSv: "Narkotika och ANDT", rank: 2, score: 0.5, parts: [], evidence: [] },
    { theme: "kommunens_egna", labelSv: "Snöröjning", rank: 3, score: null, parts: [], evidence: [] },
  ],
};

describe("draftFocusAreas", () => {
  it("drafts one focus area per chosen theme, in the chosen order, with a Swedish background from the figures", () => {
    const drafts = draftFocusAreas(ranking, ["drugs_andt", "traffic_safety"]);
    expect(drafts.map((d) => d.title)).toEqual(["Narkotika och ANDT", "Trafiksäkerhet"]);
    const traffic = drafts[1]!;
    expect(traffic.themes).toEqual(["traffic_safety"]);
    expect(traffic.background).toContain(
      "Trafiksäkerhet kommer på plats 1 av 3 teman i problembilden för Haparanda kommun.",
    );
    expect(traffic.background).toContain(
      "62 % (±3) av de svarande i Haparanda anser att mopeder och A-traktorer är ett stort problem.",
    );
    expect(traffic.background).toContain("Tre av fem trygghetsvandringar tog upp trafiken vid skolorna.");
  });

  it("keeps every figure as a link apart from the text, with the href of the view that produced it", () => {
    const [traffic] = draftFocusAreas(ranking, ["traffic_safety"]);
    expect(traffic!.links).toEqual([
      {
        source: "citizen",
        label: "62 % (±3) av de svarande i Haparanda anser att mopeder och A-traktorer är ett stort problem.",
        href: "/app/haparanda/enkater/haparanda-2026/resultat?q=problem_mopeds",
      },
      {
        source: "meetings",
        label: "Tre av fem trygghetsvandringar tog upp trafiken vid skolorna.",
        href: "/app/haparanda/moten",
      },
    ]);
  });

  it("drops unknown and repeated themes; a standard theme without ranking data gets an empty background", () => {
    const drafts = draftFocusAreas(ranking, [
      "nonsense",
      "traffic_safety",
      "traffic_safety",
      "youth",
      "kommunens_egna",
    ]);
    expect(drafts.map((d) => d.themes[0])).toEqual(["traffic_safety", "youth", "kommunens_egna"]);
    expect(drafts[1]!.title).toBe("Unga och unga vuxna");
    expect(drafts[1]!.background).toBe("");
    // A kommun's own theme without a score is not given a rank.
    expect(drafts[2]!.title).toBe("Snöröjning");
    expect(drafts[2]!.background).not.toContain("plats");
  });

  it("works without a ranking (the ranking is not available yet) from the standard themes", () => {
    const drafts = draftFocusAreas(null, ["traffic_safety"]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.links).toEqual([]);
    expect(choosableThemes(null).length).toBeGreaterThanOrEqual(11);
    expect(
      choosableThemes(ranking)
        .slice(0, 2)
        .map((t) => [t.key, t.rank]),
    ).toEqual([
      ["traffic_safety", 1],
      ["drugs_andt", 2],
    ]);
  });
});

describe("draftProblemPicture", () => {
  it("names the chosen themes with their ranks and what the ranking rests on", () => {
    expect(draftProblemPicture(ranking, ["drugs_andt", "traffic_safety", "kommunens_egna"])).toBe(
      "Problembilden för Haparanda kommun rangordnar 2 teman. Löftena svarar mot narkotika och ANDT (plats 2) och trafiksäkerhet (plats 1). " +
        "Rangordningen bygger på medborgarenkäten (haparanda-2026) tillsammans med medarbetardialog, möten och fritextsvar där sådana finns.",
    );
  });
  it("is empty without a ranking or without a chosen theme that has a score", () => {
    expect(draftProblemPicture(null, ["traffic_safety"])).toBe("");
    expect(draftProblemPicture(ranking, ["kommunens_egna"])).toBe("");
  });
});
