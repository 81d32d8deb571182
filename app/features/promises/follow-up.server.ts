/**
 * Follow-up (uppföljning) of published promise documents: entries logged against each promise (date, how many,
 * where, a note), progress per promise against `expectedByDate`, and the kommun's dashboard over the documents in
 * force. The written report and its CSV are in follow-up-report.server.ts; outcome indicators in outcome.server.ts.
 *
 * Every function is scoped by kommun: a document of another kommun is "not found", as is a promise or an entry
 * that does not belong to the document named in the path.
 */
import type { PromiseStatus } from "../../../db/schema";
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound, type FieldError } from "~/platform/errors.server";
import { getPromiseDocument, listPublishedDocuments, type PromiseView } from "./documents.server";
import { isIsoDate } from "./domain/progress";
import type { Target } from "./domain/target";
import { compareProgress, countByStatus, todayInSweden, windowProgress, type PromiseProgress } from "./domain/follow-up-progress";
import { followUpOpen } from "./domain/workflow";

export interface FollowUpEntryView {
  id: number;
  promiseId: number;
  doneOn: string;
  quantity: number;
  place: string;
  note: string;
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

/** A value that can be a row id (a positive PostgreSQL `integer`); anything else names no row. */
export function isRowId(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647;
}

/** The document (any status) if it belongs to the kommun; NotFound otherwise. */
export async function documentOfKommun({ db, kommunId, documentId }: { db: Database; kommunId: number; documentId: number }) {
  if (!isRowId(documentId)) throw new NotFound("Dokumentet finns inte");
  const doc = await getPromiseDocument({ db, id: documentId, publishedOnly: false });
  if (doc.kommun_id !== kommunId) throw new NotFound("Dokumentet finns inte");
  return doc;
}

/** The calendar years a document's period touches (the yearly review is per year). */
export function periodYears(periodStart: string, periodEnd: string): number[] {
  const years: number[] = [];
  for (let y = Number(periodStart.slice(0, 4)); y <= Number(periodEnd.slice(0, 4)); y++) years.push(y);
  return years;
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
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId?: number | null;
  today?: string;
  year?: number | null;
}): Promise<DocumentFollowUp> {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  if (year !== null && !periodYears(doc.period_start, doc.period_end).includes(year)) throw new NotFound(`Året ${year} ligger utanför löftesperioden`);
  const from = year === null || `${year}-01-01` < doc.period_start ? doc.period_start : `${year}-01-01`;
  const to = year === null || `${year}-12-31` > doc.period_end ? doc.period_end : `${year}-12-31`;
  const promiseIds = doc.focusAreas.flatMap((f) => f.promises.map((p) => p.id));
  const lineage = await promiseLineage(db, promiseIds);
  const rows = promiseIds.length
    ? (
        await entriesOfKommun(db, kommunId)
          .select(["e.id", "e.promise_id", "e.done_on", "e.quantity", "e.place", "e.note", "e.created_by", "d.id as document_id", "d.version"])
          .where("e.promise_id", "in", [...lineage.keys()])
          .orderBy("e.done_on")
          .orderBy("e.id")
          .execute()
      ).map((r) => ({ ...r, promise_id: lineage.get(r.promise_id) ?? r.promise_id }))
    : [];
  const view = (p: PromiseView, focusAreaTitle: string): PromiseFollowUp => {
    // Entries dated after `today` cannot exist for today's date (validation), but a report as of an earlier day
    // must not count them.
    const entries = rows.filter((r) => r.promise_id === p.id && r.done_on <= today && r.done_on >= from && r.done_on <= to);
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
        own: accountId !== null && e.created_by === accountId,
        loggedUnder: e.document_id === doc.id ? null : { documentId: e.document_id, version: e.version },
      })),
    };
  };
  const focusAreas = doc.focusAreas.map((f) => ({ id: f.id, title: f.title, promises: f.promises.map((p) => view(p, f.title)) }));
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
// Entries

export interface FollowUpEntryInput {
  doneOn: string;
  quantity: string | number;
  place?: string;
  note?: string;
}

export const MAX_QUANTITY = 100_000;
export const MAX_PLACE = 300;
export const MAX_NOTE = 4000;

/** Checks an entry against the document's period and today; one message per field. */
export function validateEntry(
  input: FollowUpEntryInput,
  { periodStart, periodEnd, today }: { periodStart: string; periodEnd: string; today: string },
): { errors: FieldError[]; value: { doneOn: string; quantity: number; place: string; note: string } } {
  const errors: FieldError[] = [];
  const doneOn = String(input.doneOn ?? "").trim();
  if (!isIsoDate(doneOn)) errors.push({ field: "doneOn", message: "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2022-03-15." });
  else if (doneOn < periodStart || doneOn > periodEnd)
    errors.push({ field: "doneOn", message: `Datumet ska ligga inom löftesperioden, ${periodStart} till ${periodEnd}.` });
  else if (doneOn > today) errors.push({ field: "doneOn", message: `Datumet får inte ligga i framtiden (i dag är det ${today}).` });
  const rawQ = String(input.quantity ?? "").trim();
  const quantity = Number(rawQ);
  if (rawQ === "" || !/^\d+$/.test(rawQ) || !Number.isSafeInteger(quantity))
    errors.push({ field: "quantity", message: "Ange hur många som ett heltal, 0 eller större." });
  else if (quantity > MAX_QUANTITY) errors.push({ field: "quantity", message: `Ange högst ${MAX_QUANTITY} per rad; dela upp större mängder.` });
  const place = String(input.place ?? "").trim();
  if (place.length > MAX_PLACE) errors.push({ field: "place", message: `Platsen får vara högst ${MAX_PLACE} tecken.` });
  const note = String(input.note ?? "").trim();
  if (note.length > MAX_NOTE) errors.push({ field: "note", message: `Anteckningen får vara högst ${MAX_NOTE} tecken.` });
  return { errors, value: { doneOn, quantity, place, note } };
}

async function publishedDocument({ db, kommunId, documentId }: { db: Database; kommunId: number; documentId: number }) {
  if (!isRowId(documentId)) throw new NotFound("Dokumentet finns inte");
  const doc = await db
    .selectFrom("promise_document")
    .select(["id", "kommun_id", "status", "period_start", "period_end"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("Dokumentet finns inte");
  if (!followUpOpen(doc.status)) throw new Conflict("Uppföljning loggas mot publicerade löften. Dokumentet är inte publicerat.");
  return doc;
}

async function promiseOfDocument({ db, documentId, promiseId }: { db: Database; documentId: number; promiseId: number }) {
  if (!isRowId(promiseId)) return undefined;
  return db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id"])
    .where("p.id", "=", promiseId)
    .where("f.document_id", "=", documentId)
    .executeTakeFirst();
}

/** Logs what was done against a promise of a published document; returns the new entry's id. */
export async function addFollowUpEntry({
  db,
  kommunId,
  documentId,
  promiseId,
  accountId,
  input,
  today = todayInSweden(),
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  promiseId: number;
  accountId: number;
  input: FollowUpEntryInput;
  today?: string;
}): Promise<number> {
  const doc = await publishedDocument({ db, kommunId, documentId });
  const promise = await promiseOfDocument({ db, documentId, promiseId });
  const { errors, value } = validateEntry(input, { periodStart: doc.period_start, periodEnd: doc.period_end, today });
  if (!promise) errors.unshift({ field: "promiseId", message: "Välj ett av dokumentets löften." });
  if (errors.length) throw new Invalid(errors, "Uppföljningen behöver rättas");
  const row = await db
    .insertInto("follow_up_entry")
    .values({ promise_id: promiseId, done_on: value.doneOn, quantity: value.quantity, place: value.place, note: value.note, created_by: accountId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Follow-up entries with the promise, focus area and document they were logged against, of the kommun only. */
function entriesOfKommun(db: Database, kommunId: number) {
  return db
    .selectFrom("follow_up_entry as e")
    .innerJoin("promise as p", "p.id", "e.promise_id")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .where("d.kommun_id", "=", kommunId);
}

/**
 * The entry, if it was logged against a promise of the (published) document of the kommun or against an earlier
 * version of one (the lineage that the document's page lists and counts), and may be changed by the user.
 */
async function ownEntry({ db, kommunId, documentId, entryId, accountId, isAdmin }: { db: Database; kommunId: number; documentId: number; entryId: number; accountId: number; isAdmin: boolean }) {
  const doc = await publishedDocument({ db, kommunId, documentId });
  const entry = isRowId(entryId)
    ? await entriesOfKommun(db, kommunId).select(["e.id", "e.created_by", "e.promise_id"]).where("e.id", "=", entryId).executeTakeFirst()
    : undefined;
  const promises = entry
    ? await db.selectFrom("promise as p").innerJoin("focus_area as f", "f.id", "p.focus_area_id").select("p.id").where("f.document_id", "=", documentId).execute()
    : [];
  if (!entry || !(await promiseLineage(db, promises.map((p) => p.id))).has(entry.promise_id)) throw new NotFound("Uppföljningen finns inte");
  if (entry.created_by !== accountId && !isAdmin) throw new Forbidden("Du kan bara ändra uppföljningar som du själv har loggat.");
  return { doc, entry };
}

/** Changes an entry the user logged (an admin may change any); validated like a new one. */
export async function updateFollowUpEntry({
  db,
  kommunId,
  documentId,
  entryId,
  accountId,
  isAdmin = false,
  input,
  today = todayInSweden(),
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  entryId: number;
  accountId: number;
  isAdmin?: boolean;
  input: FollowUpEntryInput;
  today?: string;
}): Promise<void> {
  const { doc } = await ownEntry({ db, kommunId, documentId, entryId, accountId, isAdmin });
  const { errors, value } = validateEntry(input, { periodStart: doc.period_start, periodEnd: doc.period_end, today });
  if (errors.length) throw new Invalid(errors, "Uppföljningen behöver rättas");
  await db
    .updateTable("follow_up_entry")
    .set({ done_on: value.doneOn, quantity: value.quantity, place: value.place, note: value.note, updated_at: new Date() })
    .where("id", "=", entryId)
    .execute();
}

/** Deletes an entry the user logged (an admin may delete any). */
export async function deleteFollowUpEntry({
  db,
  kommunId,
  documentId,
  entryId,
  accountId,
  isAdmin = false,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  entryId: number;
  accountId: number;
  isAdmin?: boolean;
}): Promise<void> {
  await ownEntry({ db, kommunId, documentId, entryId, accountId, isAdmin });
  await db.deleteFrom("follow_up_entry").where("id", "=", entryId).execute();
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
  documents: { id: number; title: string; periodLabel: string; periodStart: string; periodEnd: string; followUpDue: string | null; inForce: boolean }[];
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
  let shown = current.filter((d) => d.inForce || (d.follow_up_due !== null && d.follow_up_due >= today && d.period_start <= today));
  const latestOnly = shown.length === 0 && current.length > 0;
  if (latestOnly) shown = [current[0]!];
  const followUps = await Promise.all(shown.map((d) => getFollowUp({ db, kommunId, documentId: d.id, accountId, today })));
  const promises: DashboardPromise[] = followUps.flatMap((f) =>
    f.focusAreas.flatMap((a) =>
      a.promises.map((p) => ({ ...p, documentId: f.document.id, documentTitle: f.document.title, periodLabel: f.document.periodLabel })),
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
    nextDeadline: upcoming ? { date: upcoming.follow_up_due!, documentId: upcoming.id, documentTitle: upcoming.title } : null,
  };
}

/** Public progress of a published document (no entries, notes or places): for the public promise page. */
export async function getPublicProgress({ db, documentId, today = todayInSweden() }: { db: Database; documentId: number; today?: string }) {
  const doc = await getPromiseDocument({ db, id: documentId, publishedOnly: true });
  const f = await getFollowUp({ db, kommunId: doc.kommun_id, documentId, today });
  return {
    asOf: f.asOf,
    counts: f.counts,
    promises: f.focusAreas.flatMap((a) => a.promises.map((p) => ({ id: p.id, text: p.text, target: p.target, progress: p.progress }))),
  };
}

/**
 * Each promise id, and every earlier version's promise it was copied from by a revision (`revised_from_id`), mapped
 * to the given promise: follow-up logged against an earlier version of the same promise counts for it.
 */
async function promiseLineage(db: Database, promiseIds: readonly number[]): Promise<Map<number, number>> {
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
