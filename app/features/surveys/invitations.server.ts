import crypto from "node:crypto";
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Conflict, Gone, Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { randomToken, sha256 } from "~/platform/crypto.server";
import type { Locale } from "./validation.server";
import { effectiveStatus } from "./survey-queries.server";
import { prepareResponseRow } from "./response-row.server";
import { sanitizeDefinitionHtml } from "./domain/html";
import { publicUrl } from "~/platform/env.server";

// Single-use invitation links for a staff survey (medarbetardialog). Only the sha256 of a link's token is kept,
// with its unit and two flags. Unlinkability (docs/sources.md): the table has no id, time or order column; the
// answer keeps only the unit; and every change rewrites ALL invitation rows of the survey in one statement, so the
// rows' physical order (ctid) and their xmin are the same whichever link was used, and say nothing of the order
// in which answers came in.

const MAX_PER_BATCH = 5000;
// An advisory lock per survey serialises redeeming and revoking (and keeps two bulk updates of the same rows from
// deadlocking), without writing a lock mark into any row.
const LOCK_CLASS = 720_611;

/** The token from a pasted link or a bare token; null when it cannot be one. */
export function tokenFrom(input: string): string | null {
  const t =
    input
      .trim()
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "")
      .split("/")
      .pop() ?? "";
  return /^[A-Za-z0-9_-]{20,64}$/.test(t) ? t : null;
}

/** The path of an invitation link. */
export const invitationPath = (token: string) => `/i/${token}`;

/** The full invitation link, on the configured public address (PUBLIC_URL), never the request's Host header. */
export const invitationUrl = (token: string) => publicUrl(invitationPath(token));

/** The choices of the `unit` question of a definition (the units invitations can be made for), texts in a locale. */
export function unitOptions(definition: Record<string, unknown>, locale = "sv"): { value: string; text: string }[] {
  const pages = (definition.pages as { elements?: unknown[] }[] | undefined) ?? [];
  const elements = [...((definition.elements as unknown[]) ?? []), ...pages.flatMap((p) => p.elements ?? [])];
  const unit = elements.find((e) => (e as { name?: unknown }).name === "unit") as { choices?: unknown[] } | undefined;
  return (unit?.choices ?? []).map((c) => {
    if (typeof c !== "object" || !c) return { value: String(c), text: String(c) };
    const { value, text } = c as { value: unknown; text?: unknown };
    const label =
      typeof text === "string"
        ? text
        : text && typeof text === "object"
          ? ((text as Record<string, string>)[locale] ?? (text as Record<string, string>).default)
          : undefined;
    return { value: String(value), text: label ?? String(value) };
  });
}

/** The values of the `unit` question of a definition. */
export const unitChoices = (definition: Record<string, unknown>) => unitOptions(definition).map((u) => u.value);

/** The definition an invited person answers: the unit question set to the invitation's unit and read-only. */
export function invitationDefinition(definition: Record<string, unknown>, unit: string): Record<string, unknown> {
  const copy = sanitizeDefinitionHtml(definition);
  const pages = (copy.pages as { elements?: Record<string, unknown>[] }[] | undefined) ?? [];
  for (const e of [
    ...((copy.elements as Record<string, unknown>[]) ?? []),
    ...pages.flatMap((p) => p.elements ?? []),
  ]) {
    if (e.name === "unit") Object.assign(e, { defaultValue: unit, readOnly: true });
  }
  return copy;
}

async function staffSurvey(db: Database, surveyId: number) {
  const s = await db
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select(["s.id", "s.kind", "v.definition"])
    .where("s.id", "=", surveyId)
    .executeTakeFirst();
  if (!s) throw new NotFound("surveys.error.notFound");
  if (s.kind !== "medarbetardialog") throw new Invalid([fieldError("survey", "surveys.error.invitationsStaffOnly")]);
  return s;
}

function shuffled<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Makes single-use invitation links, `perUnit` of them for each unit, and returns the plain tokens: this is the
 * only time they exist; only their hashes are stored (inserted in random order, not in the order shown).
 */
export async function createInvitations({
  db,
  surveyId,
  perUnit,
}: {
  db: Database;
  surveyId: number;
  perUnit: Record<string, number>;
}) {
  const survey = await staffSurvey(db, surveyId);
  const units = unitChoices(survey.definition);
  const errors = [];
  let total = 0;
  for (const [unit, n] of Object.entries(perUnit)) {
    if (!units.includes(unit)) errors.push(fieldError(`unit-${unit}`, "surveys.error.unitUnknown", { unit }));
    else if (!Number.isInteger(n) || n < 0) errors.push(fieldError(`unit-${unit}`, "surveys.error.unitCount"));
    else total += n;
  }
  if (!errors.length && total === 0) errors.push(fieldError("units", "surveys.error.unitsNone"));
  if (total > MAX_PER_BATCH) errors.push(fieldError("units", "surveys.error.unitsTooMany", { max: MAX_PER_BATCH }));
  if (errors.length) throw new Invalid(errors);
  const made = Object.entries(perUnit).flatMap(([unit, n]) =>
    Array.from({ length: n }, () => ({ unit, token: randomToken(24) })),
  );
  const rows = shuffled(made).map((m) => ({ survey_id: surveyId, unit: m.unit, token_hash: sha256(m.token) }));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto("invitation")
      .values(rows.slice(i, i + 1000))
      .execute();
  return made;
}

/** Splits a pasted list of e-mail addresses (lines, commas, semicolons), each once. */
export function parseAddresses(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const a = part.trim().replace(/^<|>$/g, "");
    if (a) seen.add(a);
  }
  return [...seen];
}

/**
 * One invitation per pasted address, for one unit. The addresses are only paired with the new links in the
 * return value (to show "address → link" once); they are never stored or logged.
 */
export async function createInvitationsFromAddresses({
  db,
  surveyId,
  unit,
  addresses,
}: {
  db: Database;
  surveyId: number;
  unit: string;
  addresses: string;
}) {
  const list = parseAddresses(addresses);
  const bad = list.filter((a) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a));
  if (bad.length)
    throw new Invalid([
      fieldError("addresses", "surveys.error.addressesBad", { addresses: bad.slice(0, 5).join(", ") }),
    ]);
  if (!list.length) throw new Invalid([fieldError("addresses", "surveys.error.addressesNone")]);
  const made = await createInvitations({ db, surveyId, perUnit: { [unit]: list.length } });
  return made.map((m, i) => ({ address: list[i]!, unit: m.unit, token: m.token }));
}

async function findInvitation(db: Database, token: string) {
  return db
    .selectFrom("invitation as i")
    .innerJoin("survey as s", "s.id", "i.survey_id")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .innerJoin("organisation as k", "k.id", "s.kommun_id")
    .select([
      "i.unit",
      "i.used",
      "i.revoked",
      "s.id",
      "s.slug",
      "s.title",
      "s.status",
      "s.opens_at",
      "s.closes_at",
      "s.settings",
    ])
    .select(["v.id as versionId", "v.version", "v.definition", "k.name as kommunName"])
    .where("i.token_hash", "=", sha256(token))
    .executeTakeFirst();
}

/**
 * An invitation's definition for its unit, whatever state the link is in: a form posted without JavaScript is read
 * against it, also when it repeats a send that used the link (redeemInvitation acknowledges that). Null when unknown.
 */
export async function invitationFormDefinition({ db, token }: { db: Database; token: string }) {
  const inv = await findInvitation(db, token);
  return inv ? invitationDefinition(inv.definition, inv.unit) : null;
}

export type InvitationState = "open" | "used" | "revoked" | "closed" | "not_found";

/** What an invitation link leads to now: the survey to answer (for its unit), or why not. */
export async function getInvitation({ db, token }: { db: Database; token: string }) {
  const inv = await findInvitation(db, token);
  if (!inv) return { state: "not_found" as const };
  const status = effectiveStatus(inv);
  const state: InvitationState = inv.revoked
    ? "revoked"
    : inv.used
      ? "used"
      : status === "open"
        ? "open"
        : status === "closed"
          ? "closed"
          : "not_found";
  if (state !== "open") return { state };
  return {
    state,
    survey: { slug: inv.slug, title: inv.title, kommunName: inv.kommunName, version: inv.version },
    unit: inv.unit,
    definition: invitationDefinition(inv.definition, inv.unit),
  };
}

/**
 * Stores an invited staff member's answer and uses up the link, in one transaction. The answer's `unit` is the
 * invitation's. The same response id sent again after success is acknowledged (200) and stored once; a used or
 * revoked link is 410, an unknown one 404, an invalid answer 422 (nothing stored, the link stays unused).
 */
export async function redeemInvitation({
  db,
  token,
  id,
  data,
  locale,
  slug,
}: {
  db: Database;
  token: string;
  id: string;
  data: unknown;
  locale: Locale;
  slug?: string;
}) {
  const inv = await findInvitation(db, token);
  if (!inv || (slug !== undefined && slug !== inv.slug)) throw new NotFound("problem.linkNotFound");
  const survey = { id: inv.id, settings: inv.settings, versionId: inv.versionId, definition: inv.definition };
  const forced =
    data && typeof data === "object" && !Array.isArray(data)
      ? { ...(data as Record<string, unknown>), unit: inv.unit }
      : data;

  // A retry of an answer already stored (the link is used by then) is acknowledged before the used check.
  const prior = await db
    .selectFrom("response")
    .select(["survey_id", "data_hash"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (prior) {
    const row = await prepareResponseRow({ db, survey, id, data: forced, locale, channel: "invitation" });
    if (prior.survey_id === inv.id && prior.data_hash === row.data_hash) return { status: 200 as const, id };
    throw new Conflict("surveys.error.duplicateResponse");
  }
  if (inv.revoked) throw new Gone("surveys.error.linkRevoked");
  if (inv.used) throw new Gone("surveys.error.linkUsed");
  const status = effectiveStatus(inv);
  if (status === "closed") throw new Gone("surveys.error.closedForAnswers");
  if (status !== "open") throw new NotFound("surveys.error.notOpen");

  const row = await prepareResponseRow({ db, survey, id, data: forced, locale, channel: "invitation" });
  const hash = sha256(token);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${inv.id})`.execute(trx);
    const now = await trx
      .selectFrom("invitation")
      .select(["used", "revoked"])
      .where("token_hash", "=", hash)
      .executeTakeFirst();
    if (!now || now.revoked) throw new Gone("surveys.error.linkRevoked");
    if (now.used) throw new Gone("surveys.error.linkUsed");
    // Rewrite every invitation of the survey, not only this one (see the top of this file).
    await trx
      .updateTable("invitation")
      .set({ used: sql<boolean>`used or token_hash = ${hash}` })
      .where("survey_id", "=", inv.id)
      .execute();
    const inserted = await trx
      .insertInto("response")
      .values(row)
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new Conflict("surveys.error.duplicateResponse");
    return { status: 201 as const, id };
  });
}

/** Revokes a link (given as the link or its token) of a survey; a used link stays used. */
export async function revokeInvitation({ db, surveyId, link }: { db: Database; surveyId: number; link: string }) {
  const token = tokenFrom(link);
  if (!token) throw new Invalid([fieldError("link", "surveys.error.linkPaste")]);
  const hash = sha256(token);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${surveyId})`.execute(trx);
    const inv = await trx
      .selectFrom("invitation")
      .select(["used", "revoked"])
      .where("token_hash", "=", hash)
      .where("survey_id", "=", surveyId)
      .executeTakeFirst();
    if (!inv) throw new NotFound("surveys.error.linkOtherSurvey");
    if (inv.used) return { revoked: false, reason: "used" as const };
    if (inv.revoked) return { revoked: true, reason: "already" as const };
    await trx
      .updateTable("invitation")
      .set({ revoked: sql<boolean>`revoked or token_hash = ${hash}` })
      .where("survey_id", "=", surveyId)
      .execute();
    return { revoked: true, reason: null };
  });
}
