import { describe, expect, it } from "vitest";
import { valueClasses } from "./ZoneChoropleth";

describe("a value map's classes", () => {
  it("splits whole numbers from 0 into four equal steps past the largest figure", () => {
    const { bounds, classOf } = valueClasses([0, 7, 20], true);
    expect(bounds).toEqual([
      [0, 5],
      [6, 11],
      [12, 17],
      [18, 23],
    ]);
    expect([0, 5, 6, 17, 18, 20].map(classOf)).toEqual([0, 0, 1, 2, 3, 3]);
    // Nothing but zeros: one whole number per class.
    expect(valueClasses([0, 0], true).bounds[0]).toEqual([0, 0]);
  });
  it("splits a level's 0..top into quarters", () => {
    const { bounds, classOf } = valueClasses([0.4, 1.2], false, 3);
    expect(bounds[1]).toEqual([0.75, 1.5]);
    expect([0, 0.8, 2.2, 3].map(classOf)).toEqual([0, 1, 2, 3]);
  });
});
