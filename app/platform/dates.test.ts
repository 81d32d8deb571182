import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scheduleDays, stockholmDay, stockholmDayEnd, stockholmDayStart } from "./dates";

describe("Stockholm survey days", () => {
  it("starts a day at Stockholm midnight, in winter and in summer", () => {
    expect(stockholmDayStart("2030-01-01")!.toISOString()).toBe("2029-12-31T23:00:00.000Z");
    expect(stockholmDayStart("2030-06-30")!.toISOString()).toBe("2030-06-29T22:00:00.000Z");
    expect(stockholmDayEnd("2030-06-30")!.toISOString()).toBe("2030-06-30T22:00:00.000Z");
    expect(stockholmDayEnd("2030-12-31")!.toISOString()).toBe("2030-12-31T23:00:00.000Z");
    // The days of the summer-time changes are 23 and 25 hours long.
    expect(stockholmDayEnd("2030-03-31")!.getTime() - stockholmDayStart("2030-03-31")!.getTime()).toBe(23 * 3600_000);
    expect(stockholmDayEnd("2030-10-27")!.getTime() - stockholmDayStart("2030-10-27")!.getTime()).toBe(25 * 3600_000);
    expect(stockholmDayStart("2030-02-30")).toBeNull();
    expect(stockholmDayStart("30-01-01")).toBeNull();
  });

  it("reads the dates stored before the rule (fixed +01:00) as the days that were typed, summer and winter", () => {
    for (const day of ["2030-01-01", "2030-06-30", "2030-10-27", "2030-03-31"]) {
      expect(scheduleDays({ opens_at: `${day}T00:00:00+01:00`, closes_at: `${day}T23:59:59+01:00` })).toEqual({
        opensOn: day,
        closesOn: day,
      });
    }
  });

  it("gives back the day it was given, for every day, however often it is saved", () => {
    const day = fc
      .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        const once = scheduleDays({ opens_at: stockholmDayStart(d), closes_at: stockholmDayEnd(d) });
        expect(once).toEqual({ opensOn: d, closesOn: d });
        const twice = scheduleDays({
          opens_at: stockholmDayStart(once.opensOn),
          closes_at: stockholmDayEnd(once.closesOn),
        });
        expect(twice).toEqual(once);
        expect(stockholmDay(stockholmDayStart(d)!)).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });
});
