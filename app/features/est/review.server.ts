/**
 * The coordinator's week (docs/domain/est.md, "Review"): every zone each reporter is expected to cover, whether the
 * report came in, what it says and whether it is reviewed; marking reports reviewed.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";

export interface WeekRow {
  reporterId: number;
  reporter: string;
  partnerName: string;
  zoneId: number;
  zone: string;
  /** Null when the report is missing. */
  report: {
    id: number;
    nothingToReport: boolean;
    note: string | null;
    reviewed: boolean;
    items: {
      category: string;
      count: number | null;
      level: number | null;
      place: string | null;
      note: string | null;
    }[];
  } | null;
}

/**
 * The week's reports of the kommun: one row per current reporter and zone they cover (a missing report is a row
 * without a report), plus reports filed for zones no longer assigned. Ordered by zone, then reporter.
 */
export async function weekOverview({
  db,
  kommunId,
  week,
}: {
  db: Database;
  kommunId: number;
  week: string;
}): Promise<WeekRow[]> {
  const expected = await db
    .selectFrom("est_reporter as p")
    .innerJoin("membership as m", (j) =>
      j
        .onRef("m.account_id", "=", "p.account_id")
        .onRef("m.organisation_id", "=", "p.kommun_id")
        .on("m.role", "=", "reporter"),
    )
    .innerJoin("est_reporter_zone as rz", "rz.reporter_id", "p.id")
    .select(["p.id as reporterId", "rz.zone_id as zoneId"])
    .where("p.kommun_id", "=", kommunId)
    .execute();
  const reports = await db
    .selectFrom("est_report")
    .select(["id", "reporter_id", "zone_id", "nothing_to_report", "note", "reviewed_at"])
    .where("kommun_id", "=", kommunId)
    .where("week", "=", week)
    .execute();
  const items = reports.length
    ? await db
        .selectFrom("est_report_item")
        .select(["report_id", "category", "count", "level", "place", "note"])
        .where(
          "report_id",
          "in",
          reports.map((r) => r.id),
        )
        .orderBy("category")
        .execute()
    : [];
  const pairs = new Map<string, { reporterId: number; zoneId: number }>();
  for (const e of expected) pairs.set(`${e.reporterId}:${e.zoneId}`, e);
  for (const r of reports) pairs.set(`${r.reporter_id}:${r.zone_id}`, { reporterId: r.reporter_id, zoneId: r.zone_id });
  if (!pairs.size) return [];
  const people = await db
    .selectFrom("est_reporter as p")
    .innerJoin("account as a", "a.id", "p.account_id")
    .select(["p.id", "a.display_name", "p.partner_name"])
    .where("p.kommun_id", "=", kommunId)
    .execute();
  const zones = await db.selectFrom("zone").select(["id", "name"]).where("kommun_id", "=", kommunId).execute();
  const rows: WeekRow[] = [...pairs.values()].map(({ reporterId, zoneId }) => {
    const p = people.find((x) => x.id === reporterId)!;
    const r = reports.find((x) => x.reporter_id === reporterId && x.zone_id === zoneId);
    return {
      reporterId,
      reporter: p.display_name,
      partnerName: p.partner_name,
      zoneId,
      zone: zones.find((z) => z.id === zoneId)?.name ?? "",
      report: r
        ? {
            id: r.id,
            nothingToReport: r.nothing_to_report,
            note: r.note,
            reviewed: r.reviewed_at !== null,
            items: items.filter((i) => i.report_id === r.id).map(({ report_id: _, ...i }) => i),
          }
        : null,
    };
  });
  return rows.sort((a, b) => a.zone.localeCompare(b.zone, "sv") || a.reporter.localeCompare(b.reporter, "sv"));
}

/** Marks reports of the kommun reviewed (those already reviewed stay as they were); returns how many changed. */
export async function markReviewed({
  db,
  kommunId,
  reportIds,
  accountId,
}: {
  db: Database;
  kommunId: number;
  reportIds: number[];
  accountId: number;
}): Promise<number> {
  if (!reportIds.length) throw new Invalid([fieldError("report", "est.err.noneChosen")]);
  return db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable("est_report")
      .set({ reviewed_at: sql`now()`, reviewed_by: accountId })
      .where("kommun_id", "=", kommunId)
      .where("id", "in", reportIds)
      .where("reviewed_at", "is", null)
      .returning("id")
      .execute();
    if (changed.length)
      await trx
        .insertInto("est_report_revision")
        .values(
          changed.map((c) => ({ report_id: c.id, account_id: accountId, kind: "reviewed" as const, snapshot: "{}" })),
        )
        .execute();
    return changed.length;
  });
}

/** How many reports of the weeks await review. */
export async function pendingReports({ db, kommunId, weeks }: { db: Database; kommunId: number; weeks: string[] }) {
  if (!weeks.length) return 0;
  const r = await db
    .selectFrom("est_report")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("kommun_id", "=", kommunId)
    .where("week", "in", weeks)
    .where("reviewed_at", "is", null)
    .executeTakeFirstOrThrow();
  return r.n;
}
