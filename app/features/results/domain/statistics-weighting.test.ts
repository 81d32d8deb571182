import { describe, expect, it } from "vitest";
import { postStratify, respondentWeight } from "./statistics";

describe("postStratify", () => {
  const ageBands = ["16–29", "30–64", "65+"];
  const genders = ["Kvinna", "Man"];
  const population = {
    "16–29|Kvinna": 100,
    "30–64|Kvinna": 300,
    "65+|Kvinna": 100,
    "16–29|Man": 100,
    "30–64|Man": 300,
    "65+|Man": 100,
  };

  it("merges an empty cell with the neighbouring age band of the same gender and states it", () => {
    const sample = {
      "16–29|Kvinna": 0,
      "30–64|Kvinna": 30,
      "65+|Kvinna": 20,
      "16–29|Man": 10,
      "30–64|Man": 30,
      "65+|Man": 10,
    };
    const r = postStratify({ population, sample, ageBands, genders, source: "SCB 2024" });
    // Kvinna 16–64: population 400/1000 = 0.4, sample 30/100 = 0.3 → 4/3; Kvinna 65+: 0.1/0.2 = 0.5; men 1.
    expect(r.merges).toEqual([{ from: "16–29|Kvinna", into: "30–64|Kvinna" }]);
    expect(r.weights["30–64|Kvinna"]).toBeCloseTo(4 / 3, 12);
    expect(r.weights["16–29|Kvinna"]).toBeCloseTo(4 / 3, 12);
    expect(r.weights["65+|Kvinna"]).toBeCloseTo(0.5, 12);
    expect(r.weights["16–29|Man"]).toBeCloseTo(1, 12);
    // The weights of the weighted respondents add up to their number.
    const total = Object.entries(sample).reduce((s, [k, n]) => s + n * (r.weights[k] ?? 0), 0);
    expect(total).toBeCloseTo(100, 10);
    expect(r.method).toMatch(/^Vägning efter ålder och kön \(poststratifiering\) mot befolkningen enligt SCB 2024/);
    expect(r.method).toContain("Kvinna, 16–29 med Kvinna, 30–64");
  });

  it("prefers the younger neighbour in the middle, chains empty cells, and reports missing genders", () => {
    const sample = {
      "16–29|Kvinna": 0,
      "30–64|Kvinna": 0,
      "65+|Kvinna": 20,
      "16–29|Man": 10,
      "30–64|Man": 0,
      "65+|Man": 10,
    };
    const r = postStratify({ population, sample, ageBands, genders });
    expect(r.merges).toEqual([
      { from: "16–29|Kvinna", into: "65+|Kvinna" },
      { from: "30–64|Kvinna", into: "65+|Kvinna" },
      { from: "30–64|Man", into: "16–29|Man" },
    ]);
    // Kvinna (all bands): 0.5 / (20/40) = 1; Man 16–64: 0.4 / (10/40) = 1.6; Man 65+: 0.1 / (10/40) = 0.4
    expect(r.weights["65+|Kvinna"]).toBeCloseTo(1, 12);
    expect(r.weights["16–29|Man"]).toBeCloseTo(1.6, 12);
    expect(r.weights["65+|Man"]).toBeCloseTo(0.4, 12);

    const noMen = postStratify({ population, sample: { "30–64|Kvinna": 10 }, ageBands, genders });
    expect(noMen.unrepresented).toEqual(["Man"]);
    expect(noMen.weights["30–64|Kvinna"]).toBeCloseTo(1, 12);
    expect(noMen.method).toContain("inga svarande med kön Man");
  });

  it("gives weight 1 to respondents without age or gender", () => {
    const r = postStratify({ population, sample: { "30–64|Kvinna": 10, "30–64|Man": 30 }, ageBands, genders });
    expect(respondentWeight(r.weights, null, "Kvinna")).toBe(1);
    expect(respondentWeight(r.weights, "30–64", undefined)).toBe(1);
    expect(respondentWeight(r.weights, "30–64", "Annat")).toBe(1);
    expect(respondentWeight(r.weights, "30–64", "Kvinna")).toBeCloseTo(2, 12); // 0.5 / 0.25
  });

  it("throws when respondents have no population figure", () => {
    expect(() =>
      postStratify({ population: { "16–29|Kvinna": 10 }, sample: { "16–29|Man": 3 }, ageBands, genders }),
    ).toThrow(/No population figure/);
  });
});
