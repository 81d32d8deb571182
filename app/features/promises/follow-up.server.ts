/**
 * Follow-up (uppföljning) of published promise documents: entries logged against each promise (date, how many,
 * where, a note), progress per promise against `expectedByDate`, and the kommun's dashboard over the documents in
 * force. Logging, changing and deleting entries is in follow-up-entries.server.ts. The written report and its CSV are in follow-up-report.server.ts; outcome indicators in outcome.server.ts.
 *
 * Every function is scoped by kommun: a document of another kommun is "not found", as is a promise or an entry
 * that does not belong to the document named in the path.
 */
import type { PromiseStatus } from "../../../db/schema";
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { getPromiseDocument, listPublishedDocuments, type PromiseView } from "./documents.server";
import type { Target } from "./domain/target";
import {
  compareProgress,
  countByStatus,
  todayInSweden,
  windowProgress,
  type PromiseProgress,
} from "./domain/follow-up-progress";
import { documentOfKommun, type DocumentScope } from "./document-scope.server";

export interface FollowUpEntryView {
  id: number;
  promiseId: number;
  doneOn: string;
  quantity: number;
  place: string;
  note: string;
  /** Shown to residents, with this text (docs/domain/feedback-to-citizens.md). */
  public: boolean;
  publicNote: string;
  /** Logged by the user asking (only they, or an admin, may change it). */
  own: boolean;
  /**
   * The earlier version the entry was logged under, when it was logged against the promise this one was revised
   * from (`revised_from_id`); null for an entry of this document. It is changed from here like the others.
   */
  loggedUnder: { documentId: number; version: number } | null;
}

export interface PromiseFollowUp {
  id: number;
  focusAreaTitle: string;
  text: string;
  target: Target;
  places: string[];
  measurable: boolean;
  progress: PromiseProgress;
  entries: FollowUpEntryView[];
}

export interface DocumentFollowUp {
  document: {
    id: number;
    kommunSlug: string;
    kommunName: string;
    title: string;
    periodLabel: string;
    periodStart: string;
    periodEnd: string;
    status: PromiseStatus;
    version: number;
    followUpDue: string | null;
    followUpText: string;
  };
  asOf: string;
  /** The part of the period shown (the whole period unless a year was asked for). */
  window: { from: string; to: string; year: number | null };
  focusAreas: { id: number; title: string; promises: PromiseFollowUp[] }[];
  counts: ReturnType<typeof countByStatus>;
}

/** The calendar years a document's period touches (the yearly review is per year). */
export function periodYears(periodStart: string, periodEnd: string): number[] {
  const years: number[] = [];
  for (let y = Number(periodStart.slice(0, 4)); y <= Number(periodEnd.slice(0, 4)); y++) years.push(y);
  return years;
}

/** Follow-up entries with the promise, focus area and document they were logged against, of the kommun only. */
export function entriesOfKommun(db: Database, kommunId: number) {
  return db
    .selectFrom("follow_up_entry as e")
    .innerJoin("promise as p", "p.id", "e.promise_id")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .where("d.kommun_id", "=", kommunId);
}

/**
 * Every promise of a document with its entries and progress by the end of `today`; with `year`, only that
 * calendar year of the period (entries of that year against what the target expects in it). A year outside the
 * period is not found.
 */
export async function getFollowUp({
  db,
  kommunId,
  documentId,
  accountId = null,
  today = todayInSweden(),
  year = null,
}: DocumentScope & {
  accountId?: number | null;
  today?: string;
  year?: number | null;
}): Promise<DocumentFollowUp> {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  if (year !== null && !periodYears(doc.period_start, doc.period_end).includes(year))
    throw new NotFound("followup.error.yearOutsidePeriod", { year });
  const from = year === null || `${year}-01-01` < doc.period_start ? doc.period_start : `${year}-01-01`;
  const to = year === null || `${year}-12-31` > doc.period_end ? doc.period_end : `${year}-12-31`;
  const promiseIds = doc.focusAreas.flatMap((f) => f.promises.map((p) => p.id));
  const lineage = await promiseLineage(db, promiseIds);
  const rows = promiseIds.length
    ? (
        await entriesOfKommun(db, kommunId)
          .select([
            "e.id",
            "e.promise_id",
            "e.done_on",
            "e.quantity",
            "e.place",
            "e.note",
            "e.public",
            "e.public_note",
            "e.created_by",
            "d.id as document_id",
            "d.version",
          ])
          .where("e.promise_id", "in", [...lineage.keys()])
          .orderBy("e.done_on")
          .orderBy("e.id")
          .execute()
      ).map((r) => ({ ...r, promise_id: lineage.get(r.promise_id) ?? r.promise_id }))
    : [];
  const view = (p: PromiseView, focusAreaTitle: string): PromiseFollowUp => {
    // Entries dated after `today` cannot exist for today's date (validation), but a report as of an earlier day
    // must not count them.
    const entries = rows.filter(
      (r) => r.promise_id === p.id && r.done_on <= today && r.done_on >= from && r.done_on <= to,
    );
    return {
      id: p.id,
      focusAreaTitle,
      text: p.text,
      target: p.target,
      places: p.places,
      measurable: p.measurable,
      progress: windowProgress({
        target: p.target,
        periodStart: doc.period_start,
        periodEnd: doc.period_end,
        from,
        to,
        asOf: today,
        quantities: entries.map((e) => e.quantity),
      }),
      entries: entries.map((e) => ({
        id: e.id,
        promiseId: e.promise_id,
        doneOn: e.done_on,
        quantity: e.quantity,
        place: e.place,
        note: e.note,
        public: e.public,
        publicNote: e.public_note,
        own: accountId !== null && e.created_by === accountId,
        loggedUnder: e.document_id === doc.id ? null : { documentId: e.document_id, version: e.version },
      })),
    };
  };
  const focusAreas = doc.focusAreas.map((f) => ({
    id: f.id,
    title: f.title,
    promises: f.promises.map((p) => view(p, f.title)),
  }));
  return {
    document: {
      id: doc.id,
      kommunSlug: doc.kommunSlug,
      kommunName: doc.kommunName,
      title: doc.title,
      periodLabel: doc.period_label,
      periodStart: doc.period_start,
      periodEnd: doc.period_end,
      status: doc.status,
      version: doc.version,
      followUpDue: doc.follow_up_due,
      followUpText: doc.follow_up_text,
    },
    asOf: today,
    window: { from, to, year },
    focusAreas,
    counts: countByStatus(focusAreas.flatMap((f) => f.promises.map((p) => p.progress))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboard

export interface DashboardPromise extends PromiseFollowUp {
  documentId: number;
  documentTitle: string;
  periodLabel: string;
}

export interface Dashboard {
  asOf: string;
  /** The documents shown: those in force today, and those whose written follow-up is still due. */
  documents: {
    id: number;
    title: string;
    periodLabel: string;
    periodStart: string;
    periodEnd: string;
    followUpDue: string | null;
    inForce: boolean;
  }[];
  /** True when no document is in force or awaits its follow-up, and the latest period is shown instead. */
  latestOnly: boolean;
  promises: DashboardPromise[];
  counts: ReturnType<typeof countByStatus>;
  /** The earliest follow-up date on or after today among the documents shown (null: none ahead). */
  nextDeadline: { date: string; documentId: number; documentTitle: string } | null;
}

/**
 * The kommun's follow-up at a glance: every promise of the documents in force (the newest published version per
 * period whose period contains today) and of documents whose written follow-up is not yet due, behind first.
 * With neither, the latest period's document is shown, marked `latestOnly`.
 */
export async function getDashboard({
  db,
  kommunId,
  kommunSlug,
  accountId = null,
  today = todayInSweden(),
}: {
  db: Database;
  kommunId: number;
  kommunSlug: string;
  accountId?: number | null;
  today?: string;
}): Promise<Dashboard> {
  const { documents } = await listPublishedDocuments({ db, kommunSlug, today });
  const current = documents.filter((d) => d.current);
  let shown = current.filter(
    (d) => d.inForce || (d.follow_up_due !== null && d.follow_up_due >= today && d.period_start <= today),
  );
  const latestOnly = shown.length === 0 && current.length > 0;
  if (latestOnly) shown = [current[0]!];
  const followUps = await Promise.all(
    shown.map((d) => getFollowUp({ db, kommunId, documentId: d.id, accountId, today })),
  );
  const promises: DashboardPromise[] = followUps.flatMap((f) =>
    f.focusAreas.flatMap((a) =>
      a.promises.map((p) => ({
        ...p,
        documentId: f.document.id,
        documentTitle: f.document.title,
        periodLabel: f.document.periodLabel,
      })),
    ),
  );
  promises.sort((a, b) => compareProgress(a.progress, b.progress));
  const upcoming = shown
    .filter((d) => d.follow_up_due !== null && d.follow_up_due >= today)
    .sort((a, b) => (a.follow_up_due! < b.follow_up_due! ? -1 : 1))[0];
  return {
    asOf: today,
    documents: shown.map((d) => ({
      id: d.id,
      title: d.title,
      periodLabel: d.period_label,
      periodStart: d.period_start,
      periodEnd: d.period_end,
      followUpDue: d.follow_up_due,
      inForce: d.inForce,
    })),
    latestOnly,
    promises,
    counts: countByStatus(promises.map((p) => p.progress)),
    nextDeadline: upcoming
      ? { date: upcoming.follow_up_due!, documentId: upcoming.id, documentTitle: upcoming.title }
      : null,
  };
}

/** Public progress of a published document (no entries, notes or places): for the public promise page. */
export async function getPublicProgress({
  db,
  documentId,
  today = todayInSweden(),
}: {
  db: Database;
  documentId: number;
  today?: string;
}) {
  const doc = await getPromiseDocument({ db, id: documentId, publishedOnly: true });
  const f = await getFollowUp({ db, kommunId: doc.kommun_id, documentId, today });
  return {
    asOf: f.asOf,
    counts: f.counts,
    promises: f.focusAreas.flatMap((a) =>
      a.promises.map((p) => ({ id: p.id, text: p.text, target: p.target, progress: p.progress })),
    ),
  };
}

/**
 * Each promise id, and every earlier version's promise it was copied from by a revision (`revised_from_id`), mapped
 * to the given promise: follow-up logged against an earlier version of the same promise counts for it.
 */
export async function promiseLineage(db: Database, promiseIds: readonly number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>(promiseIds.map((id) => [id, id]));
  if (!promiseIds.length) return map;
  const rows = await sql<{ id: number; root: number }>`
    with recursive chain(id, root, depth) as (
      select p.revised_from_id, p.id, 1 from promise p where p.id in (${sql.join(promiseIds)}) and p.revised_from_id is not null
      union all
      select p.revised_from_id, c.root, c.depth + 1 from chain c join promise p on p.id = c.id
      where p.revised_from_id is not null and c.depth < 100
    )
    select id, root from chain`.execute(db);
  for (const r of rows.rows) if (!map.has(r.id)) map.set(r.id, r.root);
  return map;
}
