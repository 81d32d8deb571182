import { describe, expect, it } from "vitest";
import { addMonths, daysBetween, isCalendarDay, revisionOf, stockholmToday } from "./revision";
import { planAccessOf } from "./access";

describe("the revision of an åtgärdsplan", () => {
  it("adds calendar months, landing on the month's last day when the day does not exist", () => {
    expect(addMonths("2024-01-15", 24)).toBe("2026-01-15");
    expect(addMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2025-12-31", 1)).toBe("2026-01-31");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
  });

  it("reads today as the calendar day in Stockholm, across both summer-time changes", () => {
    // Spring forward 2026-03-29 02:00 CET → 03:00 CEST.
    expect(stockholmToday(new Date("2026-03-28T22:59:59Z"))).toBe("2026-03-28");
    expect(stockholmToday(new Date("2026-03-28T23:00:00Z"))).toBe("2026-03-29");
    expect(stockholmToday(new Date("2026-03-29T21:59:59Z"))).toBe("2026-03-29");
    expect(stockholmToday(new Date("2026-03-29T22:00:00Z"))).toBe("2026-03-30");
    // Fall back 2026-10-25 03:00 CEST → 02:00 CET: the day is 25 hours long.
    expect(stockholmToday(new Date("2026-10-24T21:59:59Z"))).toBe("2026-10-24");
    expect(stockholmToday(new Date("2026-10-24T22:00:00Z"))).toBe("2026-10-25");
    expect(stockholmToday(new Date("2026-10-25T22:59:59Z"))).toBe("2026-10-25");
    expect(stockholmToday(new Date("2026-10-25T23:00:00Z"))).toBe("2026-10-26");
  });

  it("reminds from 90 days before the revision day and says overdue the day after it", () => {
    const at = (instant: string) =>
      revisionOf({ decidedOn: "2025-09-29", months: 6, today: stockholmToday(new Date(instant)) });
    expect(at("2025-12-28T22:59:59Z")).toEqual({ nextRevision: "2026-03-29", daysLeft: 91, state: "ok" });
    expect(at("2025-12-28T23:00:00Z")).toEqual({ nextRevision: "2026-03-29", daysLeft: 90, state: "due_soon" });
    // The revision day is the day summer time starts: due that whole day, overdue from local midnight after it.
    expect(at("2026-03-29T21:59:59Z")).toMatchObject({ daysLeft: 0, state: "due_soon" });
    expect(at("2026-03-29T22:00:00Z")).toMatchObject({ daysLeft: -1, state: "overdue" });
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
  });

  it("accepts only real calendar days", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    for (const s of ["2025-02-29", "2026-13-01", "2026-1-01", "", "2026-01-01T00:00"])
      expect(isCalendarDay(s)).toBe(false);
  });
});

describe("who writes the law's documents", () => {
  const k = 10;
  it("lets the kommun's analysts, its side's editors and admins write; the police side and viewers read", () => {
    expect(planAccessOf([{ organisationId: k, role: "analyst" }], k)).toEqual({ read: true, write: true });
    expect(planAccessOf([{ organisationId: k, role: "editor", side: "kommun" }], k)).toEqual({
      read: true,
      write: true,
    });
    expect(planAccessOf([{ organisationId: 1, role: "admin" }], k)).toEqual({ read: true, write: true });
    expect(planAccessOf([{ organisationId: k, role: "editor", side: "polis" }], k)).toEqual({
      read: true,
      write: false,
    });
    expect(planAccessOf([{ organisationId: 2, role: "analyst" }], k)).toEqual({ read: true, write: false });
    expect(planAccessOf([{ organisationId: k, role: "viewer" }], k)).toEqual({ read: true, write: false });
    // A reporter files EST weekly reports and reads nothing of the plans.
    expect(planAccessOf([{ organisationId: k, role: "reporter" }], k)).toEqual({ read: false, write: false });
    expect(planAccessOf([], k)).toEqual({ read: false, write: false });
  });
});
