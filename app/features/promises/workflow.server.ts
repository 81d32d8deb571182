/**
 * The life of a promise document: utkast → granskning → fastställt → publicerat, and "revidera" to a new version.
 *
 * - Every edit goes through `withEdit`: it refuses published documents (they are immutable; a revision is a new
 *   version), withdraws every standing approval when the document actually changed (a fastställt document goes
 *   back to granskning), and records who changed what with a snapshot of the document after the change.
 * - A document becomes fastställt when it holds a standing approval from a `polis` editor and one from a `kommun`
 *   editor. The caller states the side; the route derives it from the editor's own memberships (admin has none).
 */
import { sql } from "kysely";
import type { Side } from "../../../db/schema";
import type { Database } from "~/platform/db.server";
import { Conflict, Invalid, NotFound } from "~/platform/errors.server";
import type { DocumentSnapshot } from "./domain/diff";
import { contentEditable, fullySigned, offers } from "./domain/workflow";
import { SIDES } from "~/features/accounts/index";
import { renderPromiseSv } from "./domain/wording";
import type { CitizenPromise, Responsible, Target, ActivityTypeKey } from "./domain/target";

type Tx = Database;

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
export async function inTransaction<T>(db: Database, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The document row, locked for the transaction, checked to belong to the kommun. */
export async function lockDocument(trx: Tx, { documentId, kommunId }: { documentId: number; kommunId: number }) {
  const doc = await trx
    .selectFrom("promise_document")
    .selectAll()
    .where("id", "=", documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("Dokumentet finns inte");
  return doc;
}

/** The whole document as it stands, in the shape that history diffs compare. */
export async function snapshotOf(db: Database, documentId: number): Promise<DocumentSnapshot> {
  const d = await db.selectFrom("promise_document").selectAll().where("id", "=", documentId).executeTakeFirstOrThrow();
  const areas = await db
    .selectFrom("focus_area")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const promises = areas.length
    ? await db
        .selectFrom("promise")
        .selectAll()
        .where(
          "focus_area_id",
          "in",
          areas.map((a) => a.id),
        )
        .orderBy("position")
        .orderBy("id")
        .execute()
    : [];
  return {
    title: d.title,
    lead: d.lead,
    periodLabel: d.period_label,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    sections: (d.sections ?? {}) as Record<string, string>,
    followUpDue: d.follow_up_due,
    focusAreas: areas.map((a) => ({
      id: a.id,
      title: a.title,
      themes: a.themes,
      background: a.background,
      promises: promises
        .filter((p) => p.focus_area_id === a.id)
        .map((p) => {
          const cp: CitizenPromise = {
            responsible: p.responsible as Responsible,
            activityType: p.activity_type as ActivityTypeKey,
            activityText: p.activity_text || undefined,
            places: p.places,
            target: p.target as Target,
            description: p.description || undefined,
          };
          return {
            id: p.id,
            text: renderPromiseSv(cp),
            responsible: cp.responsible,
            partners: p.partners,
            activityType: p.activity_type,
            activityText: p.activity_text,
            places: p.places,
            target: cp.target,
            description: p.description,
          };
        }),
    })),
  };
}

async function record(
  trx: Tx,
  documentId: number,
  kind: "created" | "edit" | "status" | "approval" | "withdrawal" | "revision",
  accountId: number | null,
  summary: string,
  snapshot?: DocumentSnapshot,
) {
  await trx
    .insertInto("promise_revision")
    .values({
      document_id: documentId,
      kind,
      account_id: accountId,
      summary,
      snapshot: snapshot ? JSON.stringify(snapshot) : null,
    })
    .execute();
}

/** Records the first snapshot of a document (its creation, or the state before its first recorded edit). */
export async function recordCreated({
  db,
  documentId,
  accountId,
  summary,
}: {
  db: Database;
  documentId: number;
  accountId: number | null;
  summary: string;
}) {
  await record(db, documentId, "created", accountId, summary, await snapshotOf(db, documentId));
}

async function lastSnapshot(trx: Tx, documentId: number): Promise<string | null> {
  const row = await trx
    .selectFrom("promise_revision")
    .select("snapshot")
    .where("document_id", "=", documentId)
    .where("snapshot", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? JSON.stringify(row.snapshot) : null;
}

/** Withdraws every standing approval of the document; returns how many there were. */
async function withdrawApprovals(trx: Tx, documentId: number, accountId: number | null, why: string): Promise<number> {
  const withdrawn = await trx
    .updateTable("promise_approval")
    .set({ withdrawn_at: new Date() })
    .where("document_id", "=", documentId)
    .where("withdrawn_at", "is", null)
    .returning("side")
    .execute();
  if (withdrawn.length)
    await record(
      trx,
      documentId,
      "withdrawal",
      accountId,
      `Godkännanden återkallade (${withdrawn.map((w) => w.side).join(", ")}): ${why}`,
    );
  return withdrawn.length;
}

/**
 * Protects an edit made from a page loaded at `baseRevision` (the newest history entry then): if someone else has
 * since changed the part being edited (`part` picks it from a snapshot), the edit is refused with a message to
 * reload, instead of silently overwriting their change. Changes to other parts of the document do not block it.
 */
export interface EditGuard {
  baseRevision: number;
  part: (s: DocumentSnapshot) => unknown;
}

export class EditConflict extends Invalid {
  constructor() {
    super(
      [
        {
          field: "conflict",
          message:
            "Någon annan har ändrat detta sedan du öppnade sidan. Sidan visar nu den senaste versionen: gör din ändring igen.",
        },
      ],
      "Ändrat av någon annan",
    );
  }
}

async function checkNotChangedSince(trx: Tx, documentId: number, guard: EditGuard) {
  const newer = await trx
    .selectFrom("promise_revision")
    .select("id")
    .where("document_id", "=", documentId)
    .where("id", ">", guard.baseRevision)
    .where("kind", "=", "edit")
    .limit(1)
    .executeTakeFirst();
  if (!newer) return;
  const base = await trx
    .selectFrom("promise_revision")
    .select("snapshot")
    .where("document_id", "=", documentId)
    .where("id", "<=", guard.baseRevision)
    .where("snapshot", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!base) return;
  const then = guard.part(base.snapshot as DocumentSnapshot) ?? null;
  const now = guard.part(await snapshotOf(trx, documentId)) ?? null;
  if (!(await jsonEqual(trx, JSON.stringify(then), JSON.stringify(now)))) throw new EditConflict();
}

/** The newest history entry of a document (0 if none): the base an editor's page was loaded at. */
export async function latestRevisionId({ db, documentId }: { db: Database; documentId: number }): Promise<number> {
  const row = await db
    .selectFrom("promise_revision")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export class Immutable extends Conflict {
  constructor() {
    super("Ett publicerat dokument kan inte ändras. Starta en revidering för att göra en ny version.");
  }
}

/**
 * Applies one edit to a document of the kommun. Published documents refuse (409). When the document changed, its
 * standing approvals are withdrawn (fastställt goes back to granskning) and the change is recorded with a snapshot.
 */
export async function withEdit<T>(
  {
    db,
    kommunId,
    documentId,
    accountId,
    summary,
    guard,
  }: {
    db: Database;
    kommunId: number;
    documentId: number;
    accountId: number | null;
    summary: string;
    guard?: EditGuard;
  },
  change: (trx: Tx) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!contentEditable(doc.status)) throw new Immutable();
    if (guard) await checkNotChangedSince(trx, documentId, guard);
    let before = await lastSnapshot(trx, documentId);
    if (before === null) {
      const base = await snapshotOf(trx, documentId);
      await record(trx, documentId, "created", null, "Utgångsläge", base);
      before = JSON.stringify(base);
    }
    const result = await change(trx);
    const after = await snapshotOf(trx, documentId);
    // Compared through the database's own JSON rendering, so key order cannot fake a change.
    if (await jsonEqual(trx, before, JSON.stringify(after))) return result;
    await withdrawApprovals(trx, documentId, accountId, "dokumentet ändrades");
    await trx
      .updateTable("promise_document")
      .set({ updated_at: new Date(), ...(doc.status === "faststallt" ? { status: "granskning" as const } : {}) })
      .where("id", "=", documentId)
      .execute();
    if (doc.status === "faststallt")
      await record(trx, documentId, "status", accountId, "Fastställt → granskning (ändrat efter fastställande)");
    await record(trx, documentId, "edit", accountId, summary, after);
    return result;
  });
}

async function jsonEqual(trx: Tx, a: string, b: string): Promise<boolean> {
  const r = await sql<{ same: boolean }>`select ${a}::jsonb = ${b}::jsonb as same`.execute(trx);
  return r.rows[0]!.same;
}

/** Standing approvals of a document, with who gave them. */
export async function listApprovals({ db, documentId }: { db: Database; documentId: number }) {
  return db
    .selectFrom("promise_approval as a")
    .leftJoin("account as u", "u.id", "a.account_id")
    .select(["a.id", "a.side", "a.created_at as createdAt", "u.display_name as by"])
    .where("a.document_id", "=", documentId)
    .where("a.withdrawn_at", "is", null)
    .orderBy("a.id")
    .execute();
}

/** utkast → granskning: the draft is put up for both sides to review. */
export async function submitForReview({
  db,
  kommunId,
  documentId,
  accountId,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
}) {
  await inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, "submit")) throw new Conflict("Bara ett utkast kan skickas på granskning");
    await trx
      .updateTable("promise_document")
      .set({ status: "granskning", updated_at: new Date() })
      .where("id", "=", documentId)
      .execute();
    await record(trx, documentId, "status", accountId, "Utkast → granskning");
  });
}

/** granskning or fastställt → utkast: back to drafting; standing approvals are withdrawn. */
export async function returnToDraft({
  db,
  kommunId,
  documentId,
  accountId,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
}) {
  await inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, "toDraft")) throw new Conflict("Dokumentet är inte på granskning");
    await withdrawApprovals(trx, documentId, accountId, "tillbaka till utkast");
    await trx
      .updateTable("promise_document")
      .set({ status: "utkast", updated_at: new Date() })
      .where("id", "=", documentId)
      .execute();
    await record(
      trx,
      documentId,
      "status",
      accountId,
      `${doc.status === "faststallt" ? "Fastställt" : "Granskning"} → utkast`,
    );
  });
}

/**
 * An editor approves the document under review for their side. With standing approvals from both sides the
 * document is fastställt. Returns the status after.
 */
export async function approve({
  db,
  kommunId,
  documentId,
  accountId,
  side,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
  side: Side;
}) {
  if (!SIDES.includes(side)) throw new Invalid([{ field: "side", message: "Välj polis eller kommun" }]);
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, "approve")) throw new Conflict("Bara ett dokument på granskning kan godkännas");
    const standing = await trx
      .selectFrom("promise_approval")
      .select(["side", "account_id"])
      .where("document_id", "=", documentId)
      .where("withdrawn_at", "is", null)
      .execute();
    if (standing.some((s) => s.side === side))
      throw new Conflict(`Dokumentet är redan godkänt för ${side === "polis" ? "polisen" : "kommunen"}`);
    // Two organisations sign: one person holding both sides cannot stand for both.
    if (standing.some((s) => s.account_id === accountId))
      throw new Conflict("Samma person kan inte godkänna för både polisen och kommunen");
    await trx.insertInto("promise_approval").values({ document_id: documentId, side, account_id: accountId }).execute();
    await record(trx, documentId, "approval", accountId, `Godkänt för ${side === "polis" ? "polisen" : "kommunen"}`);
    const sides = new Set([...standing.map((s) => s.side), side]);
    if (fullySigned(sides)) {
      await trx
        .updateTable("promise_document")
        .set({ status: "faststallt", updated_at: new Date() })
        .where("id", "=", documentId)
        .execute();
      await record(trx, documentId, "status", accountId, "Granskning → fastställt (godkänt av polisen och kommunen)");
      return "faststallt" as const;
    }
    return "granskning" as const;
  });
}

/** An editor takes back their own side's approval (the document goes back to granskning if it was fastställt). */
export async function withdrawApproval({
  db,
  kommunId,
  documentId,
  accountId,
  side,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
  side: Side;
}) {
  await inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, "withdrawApproval")) throw new Conflict("Dokumentet har inga godkännanden att ta tillbaka");
    const n = await trx
      .updateTable("promise_approval")
      .set({ withdrawn_at: new Date() })
      .where("document_id", "=", documentId)
      .where("side", "=", side)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (!Number(n.numUpdatedRows)) throw new Conflict("Det finns inget godkännande för din sida att ta tillbaka");
    await record(
      trx,
      documentId,
      "withdrawal",
      accountId,
      `Godkännandet för ${side === "polis" ? "polisen" : "kommunen"} togs tillbaka`,
    );
    if (doc.status === "faststallt") {
      await trx
        .updateTable("promise_document")
        .set({ status: "granskning", updated_at: new Date() })
        .where("id", "=", documentId)
        .execute();
      await record(trx, documentId, "status", accountId, "Fastställt → granskning");
    }
  });
}

/** A published document of the kommun in force for a period overlapping the given one. */
export interface DocumentInForce {
  id: number;
  title: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  version: number;
}

/**
 * The documents in force that publishing this one would leave beside it (docs/decisions/012-one-document-in-force.md):
 * published documents of the kommun whose period overlaps its own, that nothing has superseded, other than the one it
 * already supersedes (a revision). Publishing is allowed only when this is empty or names the one it replaces.
 */
export async function documentsInForceBeside({
  db,
  kommunId,
  documentId,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
}): Promise<DocumentInForce[]> {
  const doc = await db
    .selectFrom("promise_document")
    .select(["id", "kommun_id", "period_start", "period_end", "supersedes_id"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("Dokumentet finns inte");
  const rows = await db
    .selectFrom("promise_document as o")
    .select([
      "o.id",
      "o.title",
      "o.period_label as periodLabel",
      "o.period_start as periodStart",
      "o.period_end as periodEnd",
      "o.version",
    ])
    .where("o.kommun_id", "=", kommunId)
    .where("o.id", "<>", documentId)
    .where("o.status", "=", "publicerat")
    .where("o.period_start", "<=", doc.period_end)
    .where("o.period_end", ">=", doc.period_start)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("promise_document as s")
            .select("s.id")
            .whereRef("s.supersedes_id", "=", "o.id")
            .where("s.status", "=", "publicerat")
            .where("s.id", "<>", documentId),
        ),
      ),
    )
    .orderBy("o.period_start")
    .orderBy("o.id")
    .execute();
  return rows.filter((r) => r.id !== doc.supersedes_id);
}

/** Publishing would put two documents in force for one period: the editors must say it replaces the one in force. */
export class ReplaceNeeded extends Conflict {
  constructor(readonly inForce: DocumentInForce) {
    super(
      `För perioden gäller redan "${inForce.title}" (${inForce.periodLabel}, version ${inForce.version}). Bekräfta att det nya dokumentet ersätter det, eller ändra perioden.`,
    );
  }
}

/** The database refused a second document in force for a period (SQLSTATE 23P01 from its trigger). */
const isInForceClash = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23P01";

/**
 * fastställt → publicerat: the version is public and frozen from now on. When another document is in force for an
 * overlapping period, `replace` must name it: the new one then supersedes it (as a revision would), the old one stays
 * readable as history. Without it (or naming another), ReplaceNeeded; with more than one in force, a Conflict.
 */
export async function publish({
  db,
  kommunId,
  documentId,
  accountId,
  replace,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
  replace?: number | null;
}) {
  try {
    await inTransaction(db, async (trx) => {
      const doc = await lockDocument(trx, { documentId, kommunId });
      if (!offers(doc.status, "publish"))
        throw new Conflict("Bara ett fastställt dokument (godkänt av både polisen och kommunen) kan publiceras");
      // Same lock as the database's trigger takes, so that two publishes for one kommun see each other here already.
      await trx.selectFrom("organisation").select("id").where("id", "=", kommunId).forNoKeyUpdate().execute();
      const beside = await documentsInForceBeside({ db: trx, kommunId, documentId });
      if (beside.length > 1)
        throw new Conflict(
          `Perioden överlappar ${beside.length} dokument som gäller (${beside.map((b) => b.periodLabel).join(", ")}). Ändra perioden så att den ersätter högst ett av dem.`,
        );
      const old = beside[0];
      if (old && old.id !== replace) throw new ReplaceNeeded(old);
      await trx
        .updateTable("promise_document")
        .set({
          status: "publicerat",
          published_at: new Date(),
          updated_at: new Date(),
          ...(old ? { supersedes_id: old.id, version: Math.max(doc.version, old.version + 1) } : {}),
        })
        .where("id", "=", documentId)
        .execute();
      await record(
        trx,
        documentId,
        "status",
        accountId,
        old
          ? `Fastställt → publicerat, ersätter "${old.title}" (${old.periodLabel}, version ${old.version})`
          : "Fastställt → publicerat",
      );
    });
  } catch (err) {
    if (isInForceClash(err))
      throw new Conflict(
        "Ett annat dokument publicerades för samma period alldeles nyss. Ladda om sidan och bekräfta att det nya ersätter det.",
      );
    throw err;
  }
}

/**
 * "Revidera": copies a published document into a new draft version (version + 1, supersedes_id = the published
 * one), focus areas, promises (each linked to its original, so follow-up carries over), figure links and outcome
 * indicators included. The published version stays in force until the new one is published. One open revision per document: a second call returns the existing draft.
 */
export async function revise({
  db,
  kommunId,
  documentId,
  accountId,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  accountId: number;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, "revise"))
      throw new Conflict("Bara ett publicerat dokument kan revideras; ändra utkastet direkt");
    const open = await trx
      .selectFrom("promise_document")
      .select("id")
      .where("supersedes_id", "=", documentId)
      .executeTakeFirst();
    if (open) return open.id;
    const newest = await trx
      .selectFrom("promise_document")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("kommun_id", "=", kommunId)
      .where("period_label", "=", doc.period_label)
      .executeTakeFirst();
    const copy = await trx
      .insertInto("promise_document")
      .values({
        kommun_id: doc.kommun_id,
        lpo_id: doc.lpo_id,
        period_label: doc.period_label,
        period_start: doc.period_start,
        period_end: doc.period_end,
        title: doc.title,
        lead: doc.lead,
        status: "utkast",
        version: Math.max(Number(newest?.v ?? doc.version), doc.version) + 1,
        supersedes_id: doc.id,
        sections: JSON.stringify(doc.sections ?? {}),
        follow_up_text: doc.follow_up_text,
        follow_up_due: doc.follow_up_due,
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    const areas = await trx
      .selectFrom("focus_area")
      .selectAll()
      .where("document_id", "=", documentId)
      .orderBy("position")
      .execute();
    for (const a of areas) {
      const fa = await trx
        .insertInto("focus_area")
        .values({
          document_id: copy.id,
          position: a.position,
          title: a.title,
          themes: a.themes,
          background: a.background,
          lead: a.lead,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const ps = await trx
        .selectFrom("promise")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("position")
        .execute();
      if (ps.length)
        await trx
          .insertInto("promise")
          .values(
            ps.map((p) => ({
              focus_area_id: fa.id,
              position: p.position,
              responsible: JSON.stringify(p.responsible),
              partners: p.partners,
              activity_type: p.activity_type,
              activity_text: p.activity_text,
              places: p.places,
              target: JSON.stringify(p.target),
              description: p.description,
              original_text: p.original_text,
              revised_from_id: p.id,
            })),
          )
          .execute();
      // Outcome indicators measure the focus area across versions: copy them with their stored baseline.
      const indicators = await trx
        .selectFrom("outcome_indicator")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("id")
        .execute();
      if (indicators.length)
        await trx
          .insertInto("outcome_indicator")
          .values(indicators.map(({ id: _id, created_at: _at, ...i }) => ({ ...i, focus_area_id: fa.id })))
          .execute();
      const links = await trx
        .selectFrom("figure_link")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("position")
        .execute();
      if (links.length)
        await trx
          .insertInto("figure_link")
          .values(
            links.map((l) => ({
              focus_area_id: fa.id,
              position: l.position,
              source: l.source,
              label: l.label,
              href: l.href,
            })),
          )
          .execute();
    }
    await record(trx, documentId, "revision", accountId, `Revidering påbörjad: version ${copy.version}`);
    await record(
      trx,
      copy.id,
      "created",
      accountId,
      `Version ${copy.version}, revidering av version ${doc.version}`,
      await snapshotOf(trx, copy.id),
    );
    return copy.id;
  });
}
