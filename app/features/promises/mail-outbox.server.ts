/**
 * The mail outbox's delivery (docs/domain/feedback-to-citizens.md): the mails queued by subscriptions.server.ts
 * wait in `mail_outbox` until an app server sends them through the configured transport (platform/mail.server.ts).
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Log } from "~/platform/log.server";
import { MailFailure, type MailTransport } from "~/platform/mail.server";
import { UNCONFIRMED_DAYS } from "./subscriptions.server";

/** Tries before a mail that keeps failing for a passing reason is dropped. */
export const MAX_ATTEMPTS = 8;

/**
 * Sends the mails that are due, a batch at a time. Several app servers may run this at once: each claims rows
 * nobody else holds (`for update skip locked`) by moving their next try five minutes on, then sends outside any
 * transaction (the embedded database has one connection, which a slow mail server must not hold). A sent mail is
 * deleted; a permanent refusal (the address does not exist) deletes the subscription with its address; a passing
 * failure is tried again later, with a growing wait, up to MAX_ATTEMPTS; a process that dies mid-batch leaves its
 * claimed rows to be tried again when the five minutes are up. Unconfirmed subscriptions older than
 * UNCONFIRMED_DAYS are deleted first.
 */
export async function deliverMail({
  db,
  transport,
  batch = 20,
}: {
  db: Database;
  transport: MailTransport;
  batch?: number;
}): Promise<{ sent: number; retried: number; dropped: number }> {
  const tally = { sent: 0, retried: 0, dropped: 0 };
  await db
    .deleteFrom("subscription")
    .where("confirmed_at", "is", null)
    .where("created_at", "<", sql<Date>`now() - make_interval(days => ${UNCONFIRMED_DAYS})`)
    .execute();
  for (;;) {
    const claimed = await sql<{
      id: number;
      subscription_id: number | null;
      to_address: string;
      subject: string;
      body: string;
      unsubscribe_url: string | null;
      attempts: number;
    }>`
      update mail_outbox set attempts = attempts + 1, next_attempt_at = now() + interval '5 minutes'
      where id in (
        select id from mail_outbox where next_attempt_at <= now() order by id limit ${batch} for update skip locked
      )
      returning id, subscription_id, to_address, subject, body, unsubscribe_url, attempts`.execute(db);
    for (const m of claimed.rows) {
      try {
        await transport.send({
          to: m.to_address,
          subject: m.subject,
          text: m.body,
          headers: m.unsubscribe_url
            ? { "List-Unsubscribe": `<${m.unsubscribe_url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : undefined,
        });
        await db.deleteFrom("mail_outbox").where("id", "=", m.id).execute();
        tally.sent++;
      } catch (err) {
        const failure = err instanceof MailFailure ? err : new MailFailure("send failed", false);
        if (failure.permanent || m.attempts >= MAX_ATTEMPTS) {
          if (failure.permanent && m.subscription_id !== null)
            await db.deleteFrom("subscription").where("id", "=", m.subscription_id).execute();
          await db.deleteFrom("mail_outbox").where("id", "=", m.id).execute();
          tally.dropped++;
        } else {
          await db
            .updateTable("mail_outbox")
            .set({
              last_error: failure.message.slice(0, 200),
              next_attempt_at: sql<Date>`now() + make_interval(secs => ${60 * 2 ** (m.attempts - 1)})`,
            })
            .where("id", "=", m.id)
            .execute();
          tally.retried++;
        }
      }
    }
    if (claimed.rows.length < batch) return tally;
  }
}

let timer: ReturnType<typeof setInterval> | null = null;
let running: Promise<unknown> | null = null;

/** Runs deliverMail every `seconds` (one run at a time) until stopMailDelivery. */
export function startMailDelivery(db: Database, transport: MailTransport, seconds: number, log: Log): void {
  if (timer || seconds <= 0) return;
  const tick = () => {
    if (running) return;
    running = deliverMail({ db, transport })
      .then((t) => {
        if (t.sent || t.retried || t.dropped) log({ level: "info", msg: "mail delivered", ...t });
      })
      .catch((err: unknown) => log({ level: "error", msg: "mail delivery failed", error: String(err) }))
      .finally(() => (running = null));
  };
  timer = setInterval(tick, seconds * 1000);
  timer.unref();
}

/** Stops the timer and waits for a run in progress (before the database closes). */
export async function stopMailDelivery(transport?: MailTransport): Promise<void> {
  if (timer) clearInterval(timer);
  timer = null;
  await running;
  transport?.close();
}
