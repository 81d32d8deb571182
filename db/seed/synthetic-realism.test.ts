import { DEMO_KOMMUNER, DEMO_PROFILES, generateAnswerList, generateAnswers, notableProblems } from "./synthetic";
import { answersByKommun, ALL, share, str, matrixCell, defined, UNSAFE, BIG } from "./synthetic.fixture";

// The synthetic citizen answers look like the kommuner: deterministic streams, areas, the differences between groups
// and places, each kommun's problembild, priorities, "vet ej", skipped questions and free text.

describe("synthetic citizen answers", () => {
  it("is deterministic: the same seed gives the same answers, another seed others", () => {
    const profile = DEMO_PROFILES["kalix"]!;
    const first = generateAnswerList({ seed: 7, count: 10, profile });
    const again = generateAnswerList({ seed: 7, count: 10, profile });
    const other = generateAnswerList({ seed: 8, count: 10, profile });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // The generator yields the same sequence as the list variant.
    expect([...generateAnswers({ seed: 7, count: 10, profile })]).toEqual(first);
  });

  it("gives different kommuner different streams at the same seed", () => {
    const a = generateAnswerList({ seed: 1, count: 5, profile: DEMO_PROFILES["pajala"]! });
    const b = generateAnswerList({ seed: 1, count: 5, profile: DEMO_PROFILES["overtornea"]! });
    expect(a.map((x) => x["problems"])).not.toEqual(b.map((x) => x["problems"]));
  });

  it("always answers area, weighted towards the centralort", () => {
    for (const kommun of DEMO_KOMMUNER) {
      const profile = DEMO_PROFILES[kommun]!;
      const answers = answersByKommun.get(kommun)!;
      const counts = new Map<string, number>();
      for (const a of answers) {
        const area = str(a["area"]) ?? "(missing)";
        counts.set(area, (counts.get(area) ?? 0) + 1);
      }
      expect(counts.has("(missing)")).toBe(false);
      const central = profile.areas.find((x) => x.centralort)!.value;
      const top = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
      expect(top).toBe(central);
      expect(counts.size).toBe(profile.areas.length);
    }
  });

  it("women feel less safe at night than men", () => {
    const byGender = (g: string) =>
      ALL.filter((a) => a["gender"] === g)
        .map((a) => str(a["safe_night_area"]))
        .filter(defined);
    const women = share(byGender("woman"), UNSAFE);
    const men = share(byGender("man"), UNSAFE);
    expect(women).toBeGreaterThan(men + 0.1);
    // Plausible levels for rural Norrbotten (NTU-like): men around a tenth, women around a third.
    expect(men).toBeGreaterThan(0.03);
    expect(women).toBeLessThan(0.6);
  });

  it("the elderly feel less safe and more often never go out alone at night", () => {
    const safety = (bands: string[]) =>
      ALL.filter((a) => bands.includes(String(a["age_band"])))
        .map((a) => str(a["safe_night_area"]))
        .filter(defined);
    const old = safety(["65-79", "80+"]);
    const middle = safety(["30-44", "45-64"]);
    expect(share(old, UNSAFE)).toBeGreaterThan(share(middle, UNSAFE));
    const neverOut = (xs: string[]) => xs.filter((x) => x === "never_out").length / xs.length;
    expect(neverOut(old)).toBeGreaterThan(neverOut(middle) * 2);
  });

  it("young people see more youth gangs and mopeds", () => {
    const rowShare = (bands: string[], row: string) =>
      share(
        ALL.filter((a) => bands.includes(String(a["age_band"])))
          .map((a) => matrixCell(a, "problems", row))
          .filter(defined),
        BIG,
      );
    for (const row of ["youth_gangs", "mopeds_atraktor"]) {
      expect(rowShare(["16-19", "20-29"], row)).toBeGreaterThan(rowShare(["45-64", "65-79", "80+"], row));
    }
  });

  it("the centralort has more disorder and drug dealing than the villages", () => {
    for (const row of ["disorder", "drug_dealing"]) {
      const central: string[] = [];
      const rural: string[] = [];
      for (const kommun of DEMO_KOMMUNER) {
        const centralValue = DEMO_PROFILES[kommun]!.areas.find((x) => x.centralort)!.value;
        for (const a of answersByKommun.get(kommun)!) {
          const v = matrixCell(a, "problems", row);
          if (v !== undefined) (a["area"] === centralValue ? central : rural).push(v);
        }
      }
      expect(share(central, BIG)).toBeGreaterThan(share(rural, BIG));
    }
  });

  it("each kommun's problembild looks like its document", () => {
    const rowShare = (kommun: string, row: string) =>
      share(
        answersByKommun
          .get(kommun as (typeof DEMO_KOMMUNER)[number])!
          .map((a) => matrixCell(a, "problems", row))
          .filter(defined),
        BIG,
      );
    expect(rowShare("haparanda", "drug_dealing")).toBeGreaterThan(rowShare("harjedalen", "drug_dealing") + 0.1);
    expect(rowShare("harjedalen", "speeding")).toBeGreaterThan(rowShare("pajala", "speeding"));
    expect(rowShare("harjedalen", "drink_driving")).toBeGreaterThan(rowShare("pajala", "drink_driving"));
    expect(rowShare("kalix", "shoplifting")).toBeGreaterThan(rowShare("overtornea", "shoplifting"));
    expect(rowShare("overtornea", "youth_alcohol")).toBeGreaterThan(rowShare("pajala", "youth_alcohol"));
    expect(rowShare("haparanda", "mopeds_atraktor")).toBeGreaterThan(rowShare("pajala", "mopeds_atraktor"));
    // Every row a kommun's document makes notable is more of a problem there than on average elsewhere.
    for (const kommun of DEMO_KOMMUNER) {
      for (const row of notableProblems(DEMO_PROFILES[kommun]!)) {
        const others = DEMO_KOMMUNER.filter((k) => k !== kommun).map((k) => rowShare(k, row));
        expect(rowShare(kommun, row), `${kommun} ${row}`).toBeGreaterThan(
          others.reduce((x, y) => x + y, 0) / others.length,
        );
      }
    }
  });

  it("priorities follow the problems: 1–3 themes, drugs in Haparanda, traffic in Härjedalen", () => {
    const prioShare = (kommun: string, theme: string) => {
      const answered = answersByKommun
        .get(kommun as (typeof DEMO_KOMMUNER)[number])!
        .map((a) => a["priorities"])
        .filter((p): p is string[] => Array.isArray(p));
      for (const p of answered) expect(p.length).toBeGreaterThanOrEqual(1);
      return answered.filter((p) => p.includes(theme)).length / answered.length;
    };
    expect(prioShare("haparanda", "drugs_andt")).toBeGreaterThan(prioShare("harjedalen", "drugs_andt"));
    expect(prioShare("harjedalen", "traffic_safety")).toBeGreaterThan(prioShare("pajala", "traffic_safety"));
  });

  it("has a realistic share of 'vet ej', skipped questions and free text", () => {
    const scaleValues: string[] = [];
    for (const a of ALL) {
      for (const q of [
        "safe_night_area",
        "safe_night_centre",
        "avoided_activity",
        "trust_police_local",
        "trust_kommun_safety",
      ]) {
        const v = str(a[q]);
        if (v !== undefined) scaleValues.push(v);
      }
      const m = a["problems"];
      if (m && typeof m === "object" && !Array.isArray(m)) scaleValues.push(...Object.values(m));
    }
    const dontKnow = scaleValues.filter((v) => v === "dont_know").length / scaleValues.length;
    expect(dontKnow).toBeGreaterThan(0.03);
    expect(dontKnow).toBeLessThan(0.2);

    const n = ALL.length;
    const answeredShare = (q: string) => ALL.filter((a) => a[q] !== undefined).length / n;
    for (const q of ["unsafe_places", "suggestions"]) {
      expect(answeredShare(q)).toBeGreaterThan(0.08);
      expect(answeredShare(q)).toBeLessThan(0.25);
    }
    for (const q of ["age_band", "gender", "years_in_area", "housing", "priorities", "safe_night_area"]) {
      expect(answeredShare(q)).toBeGreaterThan(0.9);
      expect(answeredShare(q)).toBeLessThan(1);
    }
    expect(answeredShare("area")).toBe(1);
    expect(answeredShare("unsafe_area_pick")).toBeGreaterThan(0.1);
    expect(answeredShare("unsafe_area_pick")).toBeLessThan(0.4);
  });

  it("asks victim_reported only of victims, and most tick 'none'", () => {
    let victims = 0;
    let noneOnly = 0;
    let wrong = 0;
    for (const a of ALL) {
      const v = a["victim_12m"];
      const isVictim = Array.isArray(v) && !v.includes("none");
      if (!isVictim && a["victim_reported"] !== undefined) wrong++;
      if (Array.isArray(v) && v.includes("none") && v.length > 1) wrong++;
      if (isVictim) victims++;
      else if (Array.isArray(v)) noneOnly++;
    }
    expect(wrong).toBe(0);
    expect(noneOnly).toBeGreaterThan(victims * 2);
    expect(victims).toBeGreaterThan(0);
    expect(ALL.some((a) => a["victim_reported"] !== undefined)).toBe(true);
  });
});
