import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError, type FieldError } from "~/platform/errors.server";
import type { SurveySettings } from "../../../db/schema";
import type { SurveyDefinition } from "~/features/surveys/domain/question-bank";
import { updateDefinition } from "./surveys.server";
import { pruneDemographics, questionNames } from "./domain/builder";
import { parseInput } from "~/platform/parse.server";

const name = z.string().trim().min(1).max(100);
const settingsSchema = z
  .object({
    areas: z
      .array(
        z.object({
          value: z.string().trim().min(1, "surveys.error.areaValue").max(100),
          text: z.string().trim().min(1, "surveys.error.areaName").max(200),
        }),
      )
      .max(500, "surveys.error.areasMax")
      .optional(),
    demographics: z
      .object({ area: name.optional(), age_band: name.optional(), gender: name.optional() })
      .strict()
      .optional(),
  })
  .strict();

export type SurveySettingsUpdate = z.input<typeof settingsSchema>;

/**
 * Merges areas and/or demographics into a survey's settings (each given key replaces the stored one). Area values
 * must be unique; demographic questions must exist in the survey's current definition.
 */
export async function updateSurveySettings({
  db,
  surveyId,
  settings,
}: {
  db: Database;
  surveyId: number;
  settings: SurveySettingsUpdate;
}) {
  const parsed = parseInput(settingsSchema, settings);
  const input = parsed;
  const errors: FieldError[] = [];
  const values = new Set<string>();
  for (const a of input.areas ?? []) {
    if (values.has(a.value)) errors.push(fieldError("areas", "surveys.error.areaTwice", { area: a.text }));
    values.add(a.value);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("survey as s")
      .innerJoin("survey_version as v", "v.id", "s.current_version_id")
      .select(["s.settings", "v.definition"])
      .where("s.id", "=", surveyId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFound("surveys.error.notFound");
    const names = new Set(questionNames(row.definition as SurveyDefinition));
    for (const [role, q] of Object.entries(input.demographics ?? {})) {
      if (q && !names.has(q)) errors.push(fieldError(role, "surveys.error.questionUnknown", { question: q }));
    }
    if (errors.length) throw new Invalid(errors);
    const next: SurveySettings = { ...(row.settings ?? {}) };
    if (input.areas) next.areas = input.areas;
    if (input.demographics) next.demographics = input.demographics;
    await trx
      .updateTable("survey")
      .set({ settings: JSON.stringify(next), updated_at: new Date() })
      .where("id", "=", surveyId)
      .execute();
    return next;
  });
}

/**
 * Saves a builder edit: the definition (a new version if the current one has been open, see
 * `updateDefinition`), then the settings given, with demographics of questions that are gone dropped.
 */
export async function saveBuilderEdit({
  db,
  surveyId,
  definition,
  settings = {},
}: {
  db: Database;
  surveyId: number;
  definition: SurveyDefinition;
  settings?: SurveySettingsUpdate;
}) {
  const saved = await updateDefinition({ db, surveyId, definition });
  const current = await db.selectFrom("survey").select("settings").where("id", "=", surveyId).executeTakeFirstOrThrow();
  const demographics = pruneDemographics(definition, settings.demographics ?? current.settings?.demographics);
  const changed =
    settings.areas ||
    settings.demographics ||
    JSON.stringify(demographics) !== JSON.stringify(current.settings?.demographics ?? {});
  if (changed) await updateSurveySettings({ db, surveyId, settings: { ...settings, demographics } });
  return saved;
}
