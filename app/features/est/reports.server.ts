/**
 * Filing a weekly report (docs/domain/est.md, "The weekly report"): one report per reporter, zone and ISO week;
 * filing again replaces its items (nothing is stored twice), and every filing or correction leaves a revision with
 * the items as they became. Input is checked in full before anything is written.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { STANDARD_CATEGORIES, ownCategory, type EstCategory } from "./domain/categories";
import { readReport, type ReportInput } from "./domain/report";
import { fileableWeeks, isWeek } from "./domain/weeks";
import type { EstReporterView } from "./reporters.server";

/** The kommun's checklist: the standard categories, then its own (those not retired). */
export async function kommunCategories({ db, kommunId }: { db: Database; kommunId: number }): Promise<EstCategory[]> {
  const own = await db
    .selectFrom("est_category")
    .select(["key", "name", "measure", "theme"])
    .where("kommun_id", "=", kommunId)
    .where("retired_at", "is", null)
    .orderBy("id")
    .execute();
  return [...STANDARD_CATEGORIES, ...own.map(ownCategory)];
}

export interface StoredReport {
  id: number;
  week: string;
  zoneId: number;
  nothingToReport: boolean;
  note: string | null;
  reviewed: boolean;
  items: { category: string; count: number | null; level: number | null; place: string | null; note: string | null }[];
}

async function itemsOf(db: Database, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db
    .selectFrom("est_report_item")
    .select(["report_id", "category", "count", "level", "place", "note"])
    .where("report_id", "in", reportIds)
    .orderBy("report_id")
    .orderBy("category")
    .execute();
}

/** The reporter's report of a zone and week, if filed. */
export async function findReport({
  db,
  reporterId,
  zoneId,
  week,
}: {
  db: Database;
  reporterId: number;
  zoneId: number;
  week: string;
}): Promise<StoredReport | null> {
  const r = await db
    .selectFrom("est_report")
    .select(["id", "week", "zone_id", "nothing_to_report", "note", "reviewed_at"])
    .where("reporter_id", "=", reporterId)
    .where("zone_id", "=", zoneId)
    .where("week", "=", week)
    .executeTakeFirst();
  if (!r) return null;
  const items = await itemsOf(db, [r.id]);
  return {
    id: r.id,
    week: r.week,
    zoneId: r.zone_id,
    nothingToReport: r.nothing_to_report,
    note: r.note,
    reviewed: r.reviewed_at !== null,
    items: items.map(({ report_id: _, ...i }) => i),
  };
}

/** The zones (ids) the reporter has filed for in a week. */
export async function filedZones({ db, reporterId, week }: { db: Database; reporterId: number; week: string }) {
  const rows = await db
    .selectFrom("est_report")
    .select("zone_id")
    .where("reporter_id", "=", reporterId)
    .where("week", "=", week)
    .execute();
  return rows.map((r) => r.zone_id);
}

const snapshot = (report: ReportInput) =>
  JSON.stringify({ nothingToReport: report.nothingToReport, note: report.note, items: report.items });

/** Writes a report's content and its revision (inside the caller's transaction). */
async function writeContent(trx: Database, reportId: number, report: ReportInput) {
  await trx.deleteFrom("est_report_item").where("report_id", "=", reportId).execute();
  if (report.items.length)
    await trx
      .insertInto("est_report_item")
      .values(report.items.map((i) => ({ report_id: reportId, ...i })))
      .execute();
}

/**
 * Files the reporter's report of a zone and week, or replaces it when filed before (then it awaits review again).
 * `fields` are the form's fields; `nothing` is the one-tap "nothing to report". 403 for a zone the reporter does
 * not report on; 422 with a message per field for a week outside the fileable ones or bad figures.
 */
export async function fileReport({
  db,
  kommunId,
  reporter,
  zoneId,
  week,
  fields,
  nothing,
  today,
}: {
  db: Database;
  kommunId: number;
  reporter: EstReporterView;
  zoneId: number;
  week: string;
  fields: Readonly<Record<string, string>>;
  nothing: boolean;
  today: string;
}): Promise<{ reportId: number; created: boolean }> {
  if (!reporter.zones.some((z) => z.id === zoneId)) throw new Forbidden("est.err.notYourZone");
  const weeks = fileableWeeks(today);
  const categories = await kommunCategories({ db, kommunId });
  const read = readReport(fields, categories, { nothing });
  const errors = read.problems.map((p) => fieldError(p.field, p.key, p.params));
  if (!isWeek(week) || !weeks.includes(week))
    errors.unshift(fieldError("vecka", "est.err.week", { from: weeks[weeks.length - 1]!, to: weeks[0]! }));
  if (errors.length || !read.report) throw new Invalid(errors);
  const report = read.report;
  return db.transaction().execute(async (trx) => {
    // One row per reporter, zone and week: a second filing (or a double tap) lands on the same row.
    const row = await trx
      .insertInto("est_report")
      .values({
        kommun_id: kommunId,
        zone_id: zoneId,
        reporter_id: reporter.id,
        week,
        nothing_to_report: report.nothingToReport,
        note: report.note,
      })
      .onConflict((oc) =>
        oc.columns(["reporter_id", "zone_id", "week"]).doUpdateSet({
          nothing_to_report: report.nothingToReport,
          note: report.note,
          updated_at: sql`now()`,
          reviewed_at: null,
          reviewed_by: null,
        }),
      )
      .returning(["id", sql<boolean>`(xmax = 0)`.as("inserted")])
      .executeTakeFirstOrThrow();
    await writeContent(trx, row.id, report);
    await trx
      .insertInto("est_report_revision")
      .values({
        report_id: row.id,
        account_id: reporter.accountId,
        kind: row.inserted ? "submitted" : "resubmitted",
        snapshot: snapshot(report),
      })
      .execute();
    return { reportId: row.id, created: row.inserted };
  });
}

/**
 * A coordinator's correction of a filed report: the items and note become `fields`, the report counts as
 * reviewed, and the revision keeps who corrected it and what it became (the earlier revisions keep what it was).
 */
export async function correctReport({
  db,
  kommunId,
  reportId,
  accountId,
  fields,
}: {
  db: Database;
  kommunId: number;
  reportId: number;
  accountId: number;
  fields: Readonly<Record<string, string>>;
}) {
  const r = await db
    .selectFrom("est_report")
    .select("id")
    .where("id", "=", reportId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!r) throw new NotFound("est.err.reportNotFound");
  const read = readReport(fields, await kommunCategories({ db, kommunId }));
  if (!read.report) throw new Invalid(read.problems.map((p) => fieldError(p.field, p.key, p.params)));
  const report = read.report;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("est_report")
      .set({
        nothing_to_report: report.nothingToReport,
        note: report.note,
        updated_at: sql`now()`,
        reviewed_at: sql`now()`,
        reviewed_by: accountId,
      })
      .where("id", "=", reportId)
      .execute();
    await writeContent(trx, reportId, report);
    await trx
      .insertInto("est_report_revision")
      .values({ report_id: reportId, account_id: accountId, kind: "corrected", snapshot: snapshot(report) })
      .execute();
  });
}

/** One report of the kommun with its items and history, for the coordinator's correction page. */
export async function reportForCoordinator({
  db,
  kommunId,
  reportId,
}: {
  db: Database;
  kommunId: number;
  reportId: number;
}) {
  const r = await db
    .selectFrom("est_report as r")
    .innerJoin("zone as z", "z.id", "r.zone_id")
    .innerJoin("est_reporter as p", "p.id", "r.reporter_id")
    .innerJoin("account as a", "a.id", "p.account_id")
    .select([
      "r.id",
      "r.week",
      "r.zone_id",
      "z.name as zone",
      "a.display_name as reporter",
      "p.partner_name",
      "r.nothing_to_report",
      "r.note",
      "r.reviewed_at",
    ])
    .where("r.id", "=", reportId)
    .where("r.kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!r) throw new NotFound("est.err.reportNotFound");
  const items = (await itemsOf(db, [r.id])).map(({ report_id: _, ...i }) => i);
  const history = await db
    .selectFrom("est_report_revision as v")
    .leftJoin("account as a", "a.id", "v.account_id")
    .select(["v.id", "v.kind", "v.created_at", "a.display_name as by", "v.snapshot"])
    .where("v.report_id", "=", reportId)
    .orderBy("v.id")
    .execute();
  return { ...r, items, history };
}
