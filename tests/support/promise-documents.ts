import { createPromiseDocument, type FocusAreaInput } from "../../app/features/promises/documents.server";
import type { Database } from "../../app/platform/db.server";
import type { PromiseStatus } from "../../db/schema";

// Promise documents the tests write straight into the database (no LPO, one calendar year), for the cases the seed
// does not have: a draft, one on review, one in force today, one outside a revision's lineage.

export interface YearDocument {
  kommunId: number;
  year: number;
  title: string;
  status: PromiseStatus;
  followUpDue?: string;
  focusAreas?: FocusAreaInput[];
}

export interface PeriodDocument {
  kommunId: number;
  periodStart: string;
  periodEnd: string;
  /** Default: the first and last years ("2026–2027"), or one year. */
  periodLabel?: string;
  title: string;
  status?: PromiseStatus;
  followUpDue?: string;
  focusAreas?: FocusAreaInput[];
}

/** Creates a promise document for a period (no LPO, no text sections); returns its id. */
export function createPeriodDocument(db: Database, d: PeriodDocument): Promise<number> {
  const [from, to] = [d.periodStart.slice(0, 4), d.periodEnd.slice(0, 4)];
  return createPromiseDocument({
    db,
    input: {
      kommunId: d.kommunId,
      lpoId: null,
      periodLabel: d.periodLabel ?? (from === to ? from : `${from}–${to}`),
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      title: d.title,
      sections: {},
      ...(d.status ? { status: d.status } : {}),
      followUpDue: d.followUpDue,
      focusAreas: d.focusAreas ?? [],
    },
  });
}

/** Creates a promise document for the calendar year `year`; returns its id. */
export function createYearDocument(db: Database, d: YearDocument): Promise<number> {
  return createPeriodDocument(db, { ...d, periodStart: `${d.year}-01-01`, periodEnd: `${d.year}-12-31` });
}

/** A focus area with one police promise: at least `quantity` of `activityType` per week or month. */
export function policeQuantityArea(
  title: string,
  theme: string,
  activityType: "fotpatrullering" | "trafikkontroll",
  quantity: number,
  per: "week" | "month",
): FocusAreaInput {
  return {
    title,
    themes: [theme],
    background: "",
    promises: [
      { responsible: "polis", activityType, target: { kind: "quantity", quantity, per, comparator: "at_least" } },
    ],
  };
}
