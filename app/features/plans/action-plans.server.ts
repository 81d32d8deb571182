/**
 * The åtgärdsplan (action plan): the kommun's own document, built on one of its lägesbilder, with measures
 * (measures.server.ts), a recorded decision (body, day, diarienummer, protocol paragraph) and the revision interval
 * set per kommun, from which the next revision day follows (domain/revision.ts; days in Europe/Stockholm).
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { documentOfKommun, lockDraft } from "./owned.server";
import { addComment } from "./comments.server";
import { idField, zodErrors } from "~/platform/validation";
import { DEFAULT_REVISION_MONTHS, isCalendarDay, revisionOf, stockholmToday } from "./domain/revision";
import { inTransaction, pictureOfKommun } from "./pictures.server";
import { parseInput } from "~/platform/parse.server";

export const planInputSchema = z.object({
  pictureId: idField,
  /** An earlier plan of the kommun whose measures the new one starts from (a revision); none when empty. */
  copyFrom: z
    .preprocess((v) => (v === "" || v === undefined || v === null ? null : v), idField.nullable())
    .default(null),
  title: z.string().trim().max(300, "plans.error.max300").default(""),
  summary: z.string().trim().max(8000, "plans.error.tooLong").default(""),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export function parsePlanInput(input: unknown): PlanInput {
  const r = planInputSchema.safeParse(input);
  if (!r.success)
    throw new Invalid(
      zodErrors(r.error).map((e) =>
        e.field === "pictureId"
          ? fieldError("pictureId", "plans.error.picture")
          : e.field === "copyFrom"
            ? fieldError("copyFrom", "plans.error.copyFrom")
            : e,
      ),
    );
  return r.data;
}

/** Creates a draft plan on one of the kommun's lägesbilder (a new version when its period already has a plan). */
export async function createActionPlan({
  db,
  kommunId,
  accountId,
  input,
  demo = false,
}: {
  db: Database;
  kommunId: number;
  accountId: number | null;
  input: PlanInput;
  demo?: boolean;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const picture = await pictureOfKommun(trx, kommunId, input.pictureId).catch(() => {
      throw new Invalid([fieldError("pictureId", "plans.error.picture")]);
    });
    const kommun = await trx
      .selectFrom("organisation")
      .select("name")
      .where("id", "=", kommunId)
      .executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom("action_plan")
      .select(["id", "version"])
      .where("kommun_id", "=", kommunId)
      .where("period_label", "=", picture.period_label)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto("action_plan")
      .values({
        kommun_id: kommunId,
        picture_id: picture.id,
        title: input.title || `Åtgärdsplan ${kommun.name} ${picture.period_label}`,
        period_label: picture.period_label,
        version: (latest?.version ?? 0) + 1,
        supersedes_id: latest?.id ?? null,
        summary: input.summary,
        demo,
        created_by: accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.copyFrom !== null) await copyMeasures(trx, kommunId, input.copyFrom, row.id, picture.id);
    return row.id;
  });
}

/**
 * Copies the measures of an earlier plan of the kommun into a new one (a revision starts from what was decided):
 * every field, status and zone, their outcome indicators and promise links; the links to prioritised problems when
 * the new plan is on the same lägesbild, else to its problems of the same theme. A plan of another kommun is an
 * Invalid on `copyFrom`, and nothing is created (the caller's transaction).
 */
async function copyMeasures(trx: Database, kommunId: number, fromPlanId: number, toPlanId: number, pictureId: number) {
  const from = await trx
    .selectFrom("action_plan")
    .select(["id", "picture_id"])
    .where("id", "=", fromPlanId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!from) throw new Invalid([fieldError("copyFrom", "plans.error.copyFrom")]);
  const measures = await trx
    .selectFrom("plan_measure")
    .selectAll()
    .where("plan_id", "=", from.id)
    .orderBy("position")
    .orderBy("id")
    .execute();
  // Problems of the new plan's lägesbild by theme, for links across lägesbilder.
  const targets = await trx
    .selectFrom("priority_problem")
    .select(["id", "theme"])
    .where("picture_id", "=", pictureId)
    .orderBy("rank")
    .execute();
  const byTheme = new Map<string, number>();
  for (const t of targets) if (t.theme && !byTheme.has(t.theme)) byTheme.set(t.theme, t.id);
  for (const m of measures) {
    const { id: oldId, plan_id: _plan, created_at: _c, updated_at: _u, ...fields } = m;
    const copy = await trx
      .insertInto("plan_measure")
      .values({ ...fields, plan_id: toPlanId, output_target: JSON.stringify(m.output_target) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const problems = await trx
      .selectFrom("measure_problem as mp")
      .innerJoin("priority_problem as p", "p.id", "mp.problem_id")
      .select(["p.id", "p.theme"])
      .where("mp.measure_id", "=", oldId)
      .execute();
    const problemIds = new Set(
      problems
        .map((p) => (from.picture_id === pictureId ? p.id : p.theme ? byTheme.get(p.theme) : undefined))
        .filter((x): x is number => x !== undefined),
    );
    if (problemIds.size)
      await trx
        .insertInto("measure_problem")
        .values([...problemIds].map((problem_id) => ({ measure_id: copy.id, problem_id })))
        .execute();
    await sql`insert into measure_outcome (measure_id, indicator_id)
      select ${copy.id}, indicator_id from measure_outcome where measure_id = ${oldId}`.execute(trx);
    await sql`insert into measure_promise (measure_id, promise_id)
      select ${copy.id}, promise_id from measure_promise where measure_id = ${oldId}`.execute(trx);
  }
}

/** A kommun's plans, newest first. */
export async function listActionPlans({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("action_plan as a")
    .innerJoin("situation_picture as p", "p.id", "a.picture_id")
    .select([
      "a.id",
      "a.title",
      "a.period_label as periodLabel",
      "a.status",
      "a.version",
      "a.decided_on as decidedOn",
      "a.demo",
      "p.title as pictureTitle",
    ])
    .where("a.kommun_id", "=", kommunId)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
}

/** The plan row if it is the kommun's; NotFound otherwise. */
export const planOfKommun = (db: Database, kommunId: number, planId: number) =>
  documentOfKommun(db, "action_plan", kommunId, planId);

/** The kommun's revision interval in months (the default, 24, until one is saved). */
export async function revisionMonthsOf(db: Database, kommunId: number): Promise<number> {
  const row = await db
    .selectFrom("plan_setting")
    .select("revision_months")
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  return row?.revision_months ?? DEFAULT_REVISION_MONTHS;
}

/** Sets the kommun's revision interval: a whole number of months, 1–120. */
export async function setRevisionMonths({ db, kommunId, raw }: { db: Database; kommunId: number; raw: string }) {
  const t = raw.trim();
  const months = /^\d{1,3}$/.test(t) ? Number(t) : NaN;
  if (!(months >= 1 && months <= 120)) throw new Invalid([fieldError("revisionMonths", "plans.error.months")]);
  await db
    .insertInto("plan_setting")
    .values({ kommun_id: kommunId, revision_months: months, updated_at: new Date() })
    .onConflict((oc) => oc.column("kommun_id").doUpdateSet({ revision_months: months, updated_at: new Date() }))
    .execute();
}

export const decisionSchema = z.object({
  decisionBody: z.string().trim().min(1, "plans.error.decisionBody").max(200, "plans.error.tooLong"),
  decidedOn: z.string().trim().refine(isCalendarDay, "plans.error.date"),
  diarienummer: z.string().trim().min(1, "plans.error.diarienummer").max(100, "plans.error.tooLong"),
  protocolParagraph: z.string().trim().max(100, "plans.error.tooLong").default(""),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

/**
 * Records the decision of a draft plan (body, day, diarienummer and, if any, protocol paragraph; all but the
 * paragraph required). The day is a calendar day in Stockholm and may not lie after today there. The plan is then
 * beslutad and its content read-only; its measures' status and links to promises stay open for follow-up.
 */
export async function recordDecision({
  db,
  kommunId,
  planId,
  input,
  now = new Date(),
}: {
  db: Database;
  kommunId: number;
  planId: number;
  input: unknown;
  now?: Date;
}) {
  const r = parseInput(decisionSchema, input);
  if (r.decidedOn > stockholmToday(now)) throw new Invalid([fieldError("decidedOn", "plans.error.decidedFuture")]);
  await inTransaction(db, async (trx) => {
    await lockDraft(trx, "action_plan", kommunId, planId);
    await trx
      .updateTable("action_plan")
      .set({
        status: "beslutad",
        decision_body: r.decisionBody,
        decided_on: r.decidedOn,
        diarienummer: r.diarienummer,
        protocol_paragraph: r.protocolParagraph || null,
        updated_at: new Date(),
      })
      .where("id", "=", planId)
      .execute();
  });
}

/**
 * The reminder for the kommun's start page: the plan in force (the latest decided one) when its revision day is
 * within the reminder window or past; null otherwise or without a decided plan.
 */
export async function revisionReminder({
  db,
  kommunId,
  now = new Date(),
}: {
  db: Database;
  kommunId: number;
  now?: Date;
}) {
  const plan = await db
    .selectFrom("action_plan")
    .select(["id", "title", "decided_on"])
    .where("kommun_id", "=", kommunId)
    .where("status", "=", "beslutad")
    .orderBy("decided_on", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!plan?.decided_on) return null;
  const months = await revisionMonthsOf(db, kommunId);
  const revision = revisionOf({ decidedOn: plan.decided_on, months, today: stockholmToday(now) });
  return revision.state === "ok" ? null : { planId: plan.id, title: plan.title, months, ...revision };
}

/** A comment on a plan (the whole document, its measures or its decision). */
export async function addPlanComment({
  db,
  kommunId,
  planId,
  accountId,
  section,
  body,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  accountId: number;
  section: string;
  body: string;
}) {
  const sections = ["dokument", "measures", "decision"];
  await addComment({ db, kommunId, table: "action_plan", id: planId, accountId, section, body, sections });
}
