/**
 * What a kommun tells residents it has done (docs/domain/feedback-to-citizens.md): the follow-up entries editors
 * marked public, with their public text, on published documents only; and the kommun's feed of those updates,
 * its published promise documents and its published survey results. Nothing internal (notes, who logged what)
 * leaves here.
 */
import { listPublishedResults } from "~/features/results/index.server";
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { atomXml, tagUri, type AtomEntry } from "./domain/atom";
import { renderPromiseSv } from "./domain/wording";
import { citizenPromiseOf } from "./documents.server";
import { promiseLineage } from "./follow-up.server";

export interface PublicUpdate {
  id: number;
  doneOn: string;
  quantity: number;
  place: string;
  text: string;
  /** The promise it was done for, as the published document words it. */
  promiseText: string;
  /** The published document of the promise the entry was logged against. */
  documentId: number;
  /** When the entry was last written (for feeds). */
  changedAt: string;
}

/**
 * The public updates of a kommun, newest first: of one document (and of the earlier versions its promises were
 * revised from) or of all its published documents.
 */
export async function listPublicUpdates({
  db,
  kommunId,
  documentId,
  limit = 200,
}: {
  db: Database;
  kommunId: number;
  documentId?: number;
  limit?: number;
}): Promise<PublicUpdate[]> {
  let q = entriesWithPromise(db)
    .select([
      "e.id",
      "e.done_on",
      "e.quantity",
      "e.place",
      "e.public_note",
      "e.created_at",
      "e.updated_at",
      "d.id as document_id",
    ])
    .where("d.kommun_id", "=", kommunId)
    .where("d.status", "=", "publicerat")
    .where("e.public", "=", true)
    .orderBy("e.done_on", "desc")
    .orderBy("e.id", "desc")
    .limit(limit);
  if (documentId !== undefined) {
    const own = await db
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .select("p.id")
      .where("f.document_id", "=", documentId)
      .execute();
    const lineage = await promiseLineage(
      db,
      own.map((p) => p.id),
    );
    if (lineage.size === 0) return [];
    q = q.where("e.promise_id", "in", [...lineage.keys()]);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    doneOn: r.done_on,
    quantity: r.quantity,
    place: r.place,
    text: r.public_note,
    promiseText: promiseTextOf(r),
    documentId: r.document_id,
    changedAt: new Date(r.updated_at ?? r.created_at).toISOString(),
  }));
}

/**
 * Follow-up entries (`e`) joined to their promise (`p`, with the columns its wording needs: promiseTextOf),
 * focus area (`f`) and document (`d`).
 */
export function entriesWithPromise(db: Database) {
  return db
    .selectFrom("follow_up_entry as e")
    .innerJoin("promise as p", "p.id", "e.promise_id")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .select([
      "p.original_text",
      "p.responsible",
      "p.activity_type",
      "p.activity_text",
      "p.places",
      "p.target",
      "p.description",
    ]);
}

/** A promise as the published document words it: its original text, else the wording of its parts. */
export function promiseTextOf(p: Parameters<typeof citizenPromiseOf>[0] & { original_text: string }): string {
  return p.original_text || renderPromiseSv(citizenPromiseOf(p));
}

/** Words of the feed, from the message catalogue (the feed is Swedish: the documents it tells of are). */
export interface FeedWords {
  title: (kommun: string) => string;
  documentTitle: (title: string) => string;
  subtitle: string;
  published: (title: string, period: string) => string;
  publishedSummary: string;
  results: (title: string) => string;
  resultsSummary: string;
  update: (doneOn: string, promise: string) => string;
}

/**
 * The Atom feed of a kommun (every published document, public update and published results page) or of one
 * published document (its publication and its updates). `origin` is the installation's address as the request saw
 * it; entries' ids are tag: URIs under its host name.
 */
export async function publicFeed({
  db,
  kommunSlug,
  documentId,
  origin,
  words,
}: {
  db: Database;
  kommunSlug: string;
  documentId?: number;
  origin: string;
  words: FeedWords;
}): Promise<string> {
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", kommunSlug)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!kommun) throw new NotFound("account.error.kommunNotFound");
  const host = new URL(origin).host;
  const base = `${origin}/lofte/${kommun.slug}`;
  let documents = db
    .selectFrom("promise_document")
    .select(["id", "title", "period_label", "published_at", "created_at"])
    .where("kommun_id", "=", kommun.id)
    .where("status", "=", "publicerat");
  if (documentId !== undefined) documents = documents.where("id", "=", documentId);
  const docs = await documents.execute();
  if (documentId !== undefined && docs.length === 0) throw new NotFound("problem.documentNotFound");
  const updates = await listPublicUpdates({ db, kommunId: kommun.id, documentId, limit: 100 });
  const entries: AtomEntry[] = [
    ...docs.map((d) => ({
      id: tagUri(host, `${kommun.slug}/document/${d.id}`),
      title: words.published(d.title, d.period_label),
      updated: new Date(d.published_at ?? d.created_at).toISOString(),
      url: `${base}/${d.id}`,
      summary: words.publishedSummary,
    })),
    ...updates.map((u) => ({
      id: tagUri(host, `${kommun.slug}/update/${u.id}`),
      title: words.update(u.doneOn, u.promiseText),
      updated: u.changedAt,
      url: `${base}/${documentId ?? u.documentId}#uppdatering-${u.id}`,
      summary: u.text,
    })),
  ];
  if (documentId === undefined)
    for (const r of await listPublishedResults({ db, kommun: kommun.slug }))
      entries.push({
        id: tagUri(host, `${kommun.slug}/results/${r.slug}`),
        title: words.results(r.title),
        updated: r.publicSince ?? new Date(0).toISOString(),
        url: `${origin}/resultat/${kommun.slug}/${r.slug}`,
        summary: words.resultsSummary,
      });
  const only = documentId !== undefined ? docs[0] : undefined;
  return atomXml({
    id: tagUri(host, only ? `${kommun.slug}/document/${only.id}/feed` : `${kommun.slug}/feed`),
    title: only ? words.documentTitle(only.title) : words.title(kommun.name),
    subtitle: words.subtitle,
    self: only ? `${base}/${only.id}/flode.atom` : `${base}/flode.atom`,
    alternate: only ? `${base}/${only.id}` : base,
    author: kommun.name,
    fallbackUpdated: new Date(0).toISOString(),
    entries,
    lang: "sv",
  });
}
