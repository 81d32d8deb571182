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

/** Creates a promise document for the calendar year `year`; returns its id. */
export function createYearDocument(db: Database, d: YearDocument): Promise<number> {
  return createPromiseDocument({
    db,
    input: {
      kommunId: d.kommunId,
      lpoId: null,
      periodLabel: String(d.year),
      periodStart: `${d.year}-01-01`,
      periodEnd: `${d.year}-12-31`,
      title: d.title,
      sections: {},
      status: d.status,
      followUpDue: d.followUpDue,
      focusAreas: d.focusAreas ?? [],
    },
  });
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
