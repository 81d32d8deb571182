/**
 * E-mail subscriptions to a kommun's updates (docs/domain/feedback-to-citizens.md): double opt-in (a mail with a
 * link must be confirmed before anything else is sent), one-click unsubscribe (RFC 8058), and the outbox the mails
 * wait in until an app server delivers them. The page never tells whether an address was already subscribed.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { formatDateSv } from "./domain/wording";
import { entriesWithPromise, promiseTextOf } from "./public-updates.server";

/** Unconfirmed subscriptions (and their address) are deleted this many days after they last asked. */
export const UNCONFIRMED_DAYS = 7;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** The address as stored: trimmed and lower-cased; an Invalid (field `email`) when it cannot be one. */
export function normaliseEmail(input: unknown): string {
  const email = String(input ?? "")
    .trim()
    .toLowerCase();
  if (!email) throw new Invalid([fieldError("email", "subscribe.error.emailMissing")]);
  if (email.length > 254 || !EMAIL.test(email)) throw new Invalid([fieldError("email", "subscribe.error.emailFormat")]);
  return email;
}

/** A kommun by its slug, for the public subscription pages; NotFound otherwise. */
export async function publicKommun(db: Database, slug: string) {
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!kommun) throw new NotFound("account.error.kommunNotFound");
  return kommun;
}

const links = (origin: string, kommunSlug: string, token: string) => ({
  manage: `${origin}/lofte/${kommunSlug}/prenumeration?token=${token}`,
  unsubscribe: `${origin}/lofte/${kommunSlug}/avsluta?token=${token}`,
});

/**
 * Asks for a subscription: stores the address unconfirmed (or finds it) and queues the confirmation mail. Already
 * confirmed: nothing is sent (the page says the same either way). Unconfirmed: the mail is sent again, at most
 * once an hour. Only a published document of the kommun may be followed on its own.
 */
export async function requestSubscription({
  db,
  kommunSlug,
  documentId = null,
  email: rawEmail,
  origin,
}: {
  db: Database;
  kommunSlug: string;
  documentId?: number | null;
  email: unknown;
  origin: string;
}): Promise<void> {
  const kommun = await publicKommun(db, kommunSlug);
  const email = normaliseEmail(rawEmail);
  if (documentId !== null) {
    const doc = await db
      .selectFrom("promise_document")
      .select("id")
      .where("id", "=", documentId)
      .where("kommun_id", "=", kommun.id)
      .where("status", "=", "publicerat")
      .executeTakeFirst();
    if (!doc) throw new NotFound("problem.documentNotFound");
  }
  await db.transaction().execute(async (trx) => {
    const token = crypto.randomBytes(32).toString("base64url");
    // created_at is when the address last asked: asking again renews the seven days and the mail, at most hourly.
    const inserted = await sql<{ id: number; token: string; confirmed_at: Date | null; ask: boolean }>`
      insert into subscription (kommun_id, document_id, email, token)
      values (${kommun.id}, ${documentId}, ${email}, ${token})
      on conflict (kommun_id, coalesce(document_id, 0), email) do update set created_at =
        case when subscription.confirmed_at is null and subscription.created_at < now() - interval '1 hour'
          then now() else subscription.created_at end
      returning id, token, confirmed_at, (created_at = now()) as ask`.execute(trx);
    const row = inserted.rows[0]!;
    if (row.confirmed_at || !row.ask) return;
    const link = links(origin, kommun.slug, row.token);
    await trx
      .insertInto("mail_outbox")
      .values({
        subscription_id: row.id,
        to_address: email,
        subject: translate("sv", "subscribe.mail.confirmSubject", { kommun: kommun.name }),
        body: translate("sv", "subscribe.mail.confirmBody", {
          kommun: kommun.name,
          link: link.manage,
          days: UNCONFIRMED_DAYS,
        }),
        unsubscribe_url: null,
      })
      .execute();
  });
}

/** The subscription a link's token names (of this kommun), or NotFound. */
export async function subscriptionByToken({
  db,
  kommunSlug,
  token,
}: {
  db: Database;
  kommunSlug: string;
  token: string;
}) {
  const row = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await db
        .selectFrom("subscription as s")
        .innerJoin("organisation as k", "k.id", "s.kommun_id")
        .leftJoin("promise_document as d", "d.id", "s.document_id")
        .select(["s.id", "s.confirmed_at", "s.email", "k.slug", "k.name", "d.title as documentTitle"])
        .where("s.token", "=", token)
        .executeTakeFirst()
    : undefined;
  if (!row || row.slug !== kommunSlug) throw new NotFound("subscribe.error.unknownLink");
  return {
    id: row.id,
    confirmed: row.confirmed_at !== null,
    kommunName: row.name,
    documentTitle: row.documentTitle,
    // Shown to whoever holds the link (the mail's reader), partly hidden so a forwarded link shows little.
    maskedEmail: row.email.replace(/^(.)[^@]*(@.).*(\.[^.]+)$/, "$1…$2…$3"),
  };
}

/** Confirms the subscription of a link (again: no change). */
export async function confirmSubscription({
  db,
  kommunSlug,
  token,
}: {
  db: Database;
  kommunSlug: string;
  token: string;
}) {
  const s = await subscriptionByToken({ db, kommunSlug, token });
  if (!s.confirmed)
    await db.updateTable("subscription").set({ confirmed_at: new Date() }).where("id", "=", s.id).execute();
}

/** Ends the subscription of a link: its address and its queued mails are deleted. Unknown: already gone, fine. */
export async function endSubscription({ db, token }: { db: Database; token: string }): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const gone = await db.deleteFrom("subscription").where("token", "=", token).returning("id").execute();
  return gone.length > 0;
}

/** Queues the mails about a follow-up entry just made public (see queueUpdateMails), in the caller's transaction. */
export async function queueMailsForEntry({ db, entryId, origin }: { db: Database; entryId: number; origin: string }) {
  const e = await entriesWithPromise(db)
    .select(["e.id", "e.done_on", "e.public", "e.public_note", "d.id as document_id", "d.kommun_id", "d.status"])
    .where("e.id", "=", entryId)
    .executeTakeFirst();
  if (!e || !e.public || e.status !== "publicerat") return 0;
  return queueUpdateMails({
    db,
    kommunId: e.kommun_id,
    documentId: e.document_id,
    update: {
      id: e.id,
      doneOn: e.done_on,
      text: e.public_note,
      promiseText: promiseTextOf(e),
    },
    origin,
  });
}

type Params = Record<string, string | number>;

/** The confirmed subscribers of a kommun's updates: to all of it, or to one of `documentIds`. */
function confirmedSubscribers(db: Database, kommunId: number, documentIds: number[]) {
  return db
    .selectFrom("subscription")
    .select(["id", "email", "token"])
    .where("kommun_id", "=", kommunId)
    .where("confirmed_at", "is not", null)
    .where((eb) =>
      documentIds.length
        ? eb.or([eb("document_id", "is", null), eb("document_id", "in", documentIds)])
        : eb("document_id", "is", null),
    )
    .execute();
}

/**
 * Queues one mail per confirmed subscriber of the kommun (and of `documentIds`), subject and body from the Swedish
 * catalogue with the subscriber's own unsubscribe link. Runs in the caller's transaction, so the mails exist
 * exactly when what they tell of does. Returns how many were queued.
 */
async function queueForSubscribers({
  db,
  kommunId,
  documentIds,
  origin,
  mail,
}: {
  db: Database;
  kommunId: number;
  documentIds: number[];
  origin: string;
  mail: (kommun: { slug: string; name: string }) => { subject: MessageKey; body: MessageKey; params: Params };
}): Promise<number> {
  const kommun = await db
    .selectFrom("organisation")
    .select(["slug", "name"])
    .where("id", "=", kommunId)
    .executeTakeFirstOrThrow();
  const subscribers = await confirmedSubscribers(db, kommunId, documentIds);
  if (!subscribers.length) return 0;
  const { subject, body, params } = mail(kommun);
  await db
    .insertInto("mail_outbox")
    .values(
      subscribers.map((s) => {
        const link = links(origin, kommun.slug, s.token);
        return {
          subscription_id: s.id,
          to_address: s.email,
          subject: translate("sv", subject, { kommun: kommun.name, ...params }),
          body: translate("sv", body, { kommun: kommun.name, ...params, unsubscribe: link.unsubscribe }),
          unsubscribe_url: link.unsubscribe,
        };
      }),
    )
    .execute();
  return subscribers.length;
}

/** Queues a mail about a public update to every confirmed subscriber of the kommun and of the document. */
export function queueUpdateMails({
  db,
  kommunId,
  documentId,
  update,
  origin,
}: {
  db: Database;
  kommunId: number;
  documentId: number;
  update: { id: number; doneOn: string; text: string; promiseText: string };
  origin: string;
}): Promise<number> {
  return queueForSubscribers({
    db,
    kommunId,
    documentIds: [documentId],
    origin,
    mail: (kommun) => ({
      subject: "subscribe.mail.updateSubject",
      body: "subscribe.mail.updateBody",
      params: {
        date: formatDateSv(update.doneOn),
        text: update.text,
        promise: update.promiseText,
        page: `${origin}/lofte/${kommun.slug}/${documentId}#uppdatering-${update.id}`,
      },
    }),
  });
}

/**
 * Queues the mails about a document just published: to the kommun's subscribers and to those who followed the
 * document it replaces, whose subscriptions then follow the new version (a revision is the same promises, renewed).
 */
export async function queuePublishedMails({
  db,
  documentId,
  origin,
}: {
  db: Database;
  documentId: number;
  origin: string;
}): Promise<number> {
  const doc = await db
    .selectFrom("promise_document")
    .select(["id", "kommun_id", "title", "period_label", "supersedes_id", "status"])
    .where("id", "=", documentId)
    .executeTakeFirstOrThrow();
  if (doc.status !== "publicerat") return 0;
  const replaced = doc.supersedes_id === null ? [] : [doc.supersedes_id];
  const queued = await queueForSubscribers({
    db,
    kommunId: doc.kommun_id,
    documentIds: replaced,
    origin,
    mail: (kommun) => ({
      subject: "subscribe.mail.publishedSubject",
      body: replaced.length ? "subscribe.mail.revisedBody" : "subscribe.mail.publishedBody",
      params: {
        title: doc.title,
        period: doc.period_label,
        page: `${origin}/lofte/${kommun.slug}/${documentId}`,
      },
    }),
  });
  if (replaced.length)
    await db
      .updateTable("subscription")
      .set({ document_id: documentId })
      .where("document_id", "in", replaced)
      .execute();
  return queued;
}
