/**
 * Editing a promise document: its own fields and sections, its focus areas and their structured promises. Every
 * function goes through `withEdit` (promise-workflow.server.ts): published documents refuse, approvals are
 * withdrawn on a real change, and the change is recorded in the history.
 */
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { ZONE_FIELD } from "~/features/places/index";
import { zoneLinkErrors } from "~/features/places/index.server";
import { SECTION_KEYS } from "./domain/sections";
import type { PromiseFormValue } from "./domain/form";
import { isIsoDate } from "./domain/progress";
import { withEdit, type EditGuard } from "./workflow.server";
import type { DocumentSnapshot } from "./domain/diff";
import { parseInput } from "~/platform/parse.server";

/** `baseRevision`: the history entry the editor's page was loaded at; with it, an edit of something that someone
 * else changed since is refused (EditConflict) instead of overwriting their change. */
type Scope = { db: Database; kommunId: number; documentId: number; accountId: number; baseRevision?: number };

const guarded = (baseRevision: number | undefined, part: EditGuard["part"]): EditGuard | undefined =>
  baseRevision === undefined ? undefined : { baseRevision, part };
const documentPart = (s: DocumentSnapshot) => ({ ...s, focusAreas: undefined });
const areaPart = (id: number) => (s: DocumentSnapshot) => {
  const f = s.focusAreas.find((x) => x.id === id);
  return f ? { ...f, promises: undefined } : null;
};
const promisePart = (id: number) => (s: DocumentSnapshot) =>
  s.focusAreas.flatMap((f) => f.promises).find((p) => p.id === id) ?? null;

const isoDate = z.string().trim().refine(isIsoDate, "problem.dateFormat");

export const documentFieldsSchema = z
  .object({
    title: z.string().trim().min(1, "loften.error.title").max(300, "loften.error.max300"),
    lead: z.string().trim().max(2000, "loften.error.max2000").default(""),
    periodLabel: z.string().trim().min(1, "loften.error.periodLabel").max(40, "loften.error.max40"),
    periodStart: isoDate,
    periodEnd: isoDate,
    followUpDue: z.union([z.literal(""), isoDate]).default(""),
    sections: z.object(
      Object.fromEntries(
        SECTION_KEYS.map((k) => [k, z.string().max(20000, "loften.error.max20000").default("")]),
      ) as Record<(typeof SECTION_KEYS)[number], z.ZodDefault<z.ZodString>>,
    ),
  })
  .refine((d) => d.periodEnd >= d.periodStart, {
    path: ["periodEnd"],
    message: "loften.error.periodOrder",
  });

export type DocumentFields = z.infer<typeof documentFieldsSchema>;

/** Validates the document's own fields (one message per field) or throws Invalid. */
export function parseDocumentFields(input: unknown): DocumentFields {
  const r = parseInput(documentFieldsSchema, input);
  return r;
}

/** Saves title, lead, period, sections and the follow-up date. */
export async function updateDocumentFields({ input, baseRevision, ...scope }: Scope & { input: DocumentFields }) {
  await withEdit(
    { ...scope, summary: "Dokumentets text ändrad", guard: guarded(baseRevision, documentPart) },
    async (trx) => {
      await trx
        .updateTable("promise_document")
        .set({
          title: input.title,
          lead: input.lead,
          period_label: input.periodLabel,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          follow_up_due: input.followUpDue || null,
          sections: JSON.stringify(input.sections),
        })
        .where("id", "=", scope.documentId)
        .execute();
    },
  );
}

export const focusAreaSchema = z.object({
  title: z.string().trim().min(1, "loften.error.focusTitle").max(300, "loften.error.max300"),
  themes: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  background: z.string().trim().max(20000, "loften.error.max20000").default(""),
});
export type FocusAreaFields = z.infer<typeof focusAreaSchema>;

export function parseFocusArea(input: unknown): FocusAreaFields {
  const r = parseInput(focusAreaSchema, input);
  return r;
}

async function focusAreaOf(trx: Database, documentId: number, focusAreaId: number) {
  const fa = await trx
    .selectFrom("focus_area")
    .select(["id"])
    .where("id", "=", focusAreaId)
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  if (!fa) throw new NotFound("loften.error.focusAreaNotFound");
  return fa;
}

async function promiseOf(trx: Database, documentId: number, promiseId: number) {
  const p = await trx
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id", "p.focus_area_id"])
    .where("p.id", "=", promiseId)
    .where("f.document_id", "=", documentId)
    .executeTakeFirst();
  if (!p) throw new NotFound("loften.error.promiseNotFound");
  return p;
}

/** Adds a focus area at the end; returns its id. */
export async function addFocusArea({ input, baseRevision: _, ...scope }: Scope & { input: FocusAreaFields }) {
  return withEdit({ ...scope, summary: `Fokusområde ”${input.title}” tillagt` }, async (trx) => {
    const last = await trx
      .selectFrom("focus_area")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("document_id", "=", scope.documentId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("focus_area")
      .values({
        document_id: scope.documentId,
        position: Number(last?.p ?? 0) + 1,
        title: input.title,
        themes: input.themes,
        background: input.background,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function updateFocusArea({
  focusAreaId,
  input,
  baseRevision,
  ...scope
}: Scope & { focusAreaId: number; input: FocusAreaFields }) {
  await withEdit(
    { ...scope, summary: `Fokusområde ”${input.title}” ändrat`, guard: guarded(baseRevision, areaPart(focusAreaId)) },
    async (trx) => {
      await focusAreaOf(trx, scope.documentId, focusAreaId);
      await trx
        .updateTable("focus_area")
        .set({ title: input.title, themes: input.themes, background: input.background })
        .where("id", "=", focusAreaId)
        .execute();
    },
  );
}

export async function deleteFocusArea({ focusAreaId, baseRevision, ...scope }: Scope & { focusAreaId: number }) {
  await withEdit(
    {
      ...scope,
      summary: "Fokusområde borttaget",
      guard: guarded(baseRevision, (s) => s.focusAreas.find((f) => f.id === focusAreaId) ?? null),
    },
    async (trx) => {
      await focusAreaOf(trx, scope.documentId, focusAreaId);
      await trx.deleteFrom("focus_area").where("id", "=", focusAreaId).execute();
    },
  );
}

/**
 * Refuses (422, on `field`) a zone that is not the kommun's. Called inside the edit, after the document's lock and
 * its published check, so a published document still answers 409 and a refused edit changes nothing.
 */
async function checkZone(trx: Database, kommunId: number, p: PromiseFormValue, field: string) {
  const errors = await zoneLinkErrors(trx, kommunId, [{ field, zoneId: p.zoneId ?? null }]);
  if (errors.length) throw new Invalid(errors);
}

function promiseColumns(p: PromiseFormValue) {
  return {
    responsible: JSON.stringify(p.responsible),
    partners: p.partners,
    activity_type: p.activityType,
    activity_text: p.activityText ?? "",
    places: p.places ?? [],
    target: JSON.stringify(p.target),
    description: p.description ?? "",
    zone_id: p.zoneId ?? null,
  };
}

/** Adds a promise at the end of a focus area; returns its id. */
export async function addPromise({
  focusAreaId,
  input,
  zoneField = ZONE_FIELD,
  baseRevision: _,
  ...scope
}: Scope & { focusAreaId: number; input: PromiseFormValue; zoneField?: string }) {
  return withEdit({ ...scope, summary: "Löfte tillagt" }, async (trx) => {
    await focusAreaOf(trx, scope.documentId, focusAreaId);
    await checkZone(trx, scope.kommunId, input, zoneField);
    const last = await trx
      .selectFrom("promise")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("focus_area_id", "=", focusAreaId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("promise")
      .values({ focus_area_id: focusAreaId, position: Number(last?.p ?? 0) + 1, ...promiseColumns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/**
 * Replaces a promise's structured fields, its zone included (`zoneField` names the form field a refused zone is
 * reported on). The seeds' original wording is dropped once a promise is edited.
 */
export async function updatePromise({
  promiseId,
  input,
  zoneField = ZONE_FIELD,
  baseRevision,
  ...scope
}: Scope & { promiseId: number; input: PromiseFormValue; zoneField?: string }) {
  await withEdit(
    { ...scope, summary: "Löfte ändrat", guard: guarded(baseRevision, promisePart(promiseId)) },
    async (trx) => {
      await promiseOf(trx, scope.documentId, promiseId);
      await checkZone(trx, scope.kommunId, input, zoneField);
      await trx
        .updateTable("promise")
        .set({ ...promiseColumns(input), original_text: "" })
        .where("id", "=", promiseId)
        .execute();
    },
  );
}

export async function deletePromise({ promiseId, baseRevision, ...scope }: Scope & { promiseId: number }) {
  await withEdit(
    { ...scope, summary: "Löfte borttaget", guard: guarded(baseRevision, promisePart(promiseId)) },
    async (trx) => {
      await promiseOf(trx, scope.documentId, promiseId);
      await trx.deleteFrom("promise").where("id", "=", promiseId).execute();
    },
  );
}
