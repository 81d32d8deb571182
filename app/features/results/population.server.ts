/**
 * The population a citizen survey is weighted by (docs/domain/statistics.md#weighting): figures by age band ×
 * gender (e.g. from SCB), entered for the kommun (used by all its surveys) or for one survey, checked and stored
 * here; weighting.server.ts applies them.
 */
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, type FieldError, fieldError } from "~/platform/errors.server";
import { loadResultsSource, type ResultsSource } from "./counting/source.server";
import { cellKey } from "./domain/statistics";

export interface PopulationCell {
  age_band: string;
  gender: string;
  population: number;
}

export interface Population {
  /** Whether the figures were entered for this survey or for the whole kommun. */
  scope: "survey" | "kommun";
  source: string;
  cells: PopulationCell[];
  updatedAt: string;
}

/** The age bands and genders a survey's population table has, from its demographic questions. */
export interface PopulationGrid {
  ageBands: { value: string; label: string }[];
  genders: { value: string; label: string }[];
}
const MAX_POPULATION = 10_000_000;
const EXCLUDED_GENDERS = new Set(["other", "no_answer"]);

/** The grid of a survey from its age band and gender questions (genders "Annat"/"Vill inte svara" left out). */
export function populationGrid(source: ResultsSource): PopulationGrid {
  const q = (name: string | null) => (name ? source.byName.get(name) : undefined);
  const ageBands = (q(source.demographics.age_band)?.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  const genders = (q(source.demographics.gender)?.options ?? [])
    .filter((o) => !EXCLUDED_GENDERS.has(o.value))
    .map((o) => ({ value: o.value, label: o.label }));
  return { ageBands, genders };
}

/** The population that applies to a survey: the survey's own, else the kommun's; null when none is entered. */
export async function getPopulation({
  db,
  kommunId,
  surveyId,
}: {
  db: Database;
  kommunId: number;
  surveyId: number;
}): Promise<Population | null> {
  const sets = await db
    .selectFrom("population_set")
    .select(["id", "survey_id", "source", "updated_at"])
    .where("kommun_id", "=", kommunId)
    .where((eb) => eb.or([eb("survey_id", "=", surveyId), eb("survey_id", "is", null)]))
    .execute();
  const set = sets.find((s) => s.survey_id === surveyId) ?? sets.find((s) => s.survey_id === null);
  if (!set) return null;
  const cells = await db
    .selectFrom("population_cell")
    .select(["age_band", "gender", "population"])
    .where("set_id", "=", set.id)
    .execute();
  return {
    scope: set.survey_id === null ? "kommun" : "survey",
    source: set.source,
    cells,
    updatedAt: new Date(set.updated_at).toISOString(),
  };
}

/**
 * Replaces the population of a kommun (`scope: "kommun"`) or of one survey. `cells` are keyed `age|gender` with
 * raw form values; empty values are left out. Throws Invalid with one message per bad field; nothing changes then.
 */
export async function savePopulation({
  db,
  kommunId,
  surveyId,
  scope,
  source,
  cells,
  accountId,
}: {
  db: Database;
  kommunId: number;
  surveyId: number;
  scope: "survey" | "kommun";
  source: string;
  cells: Record<string, string | null | undefined>;
  accountId: number | null;
}): Promise<void> {
  const survey = await db
    .selectFrom("survey")
    .select(["id", "kommun_id"])
    .where("id", "=", surveyId)
    .executeTakeFirst();
  if (!survey || survey.kommun_id !== kommunId) throw new NotFound("analysis.error.surveyNotInKommunPlain");
  const grid = populationGrid(await loadResultsSource(db, surveyId));
  const errors: FieldError[] = [];
  const src = source.trim();
  if (!src) errors.push(fieldError("source", "analysis.error.populationSource"));
  else if (src.length > 200) errors.push(fieldError("source", "analysis.error.populationSourceMax"));
  if (grid.ageBands.length === 0 || grid.genders.length === 0) {
    errors.push(fieldError("cells", "analysis.error.populationNoGrid"));
  }
  const rows: PopulationCell[] = [];
  const allowed = new Set(grid.ageBands.flatMap((a) => grid.genders.map((g) => cellKey(a.value, g.value))));
  for (const [key, raw] of Object.entries(cells)) {
    if (!allowed.has(key)) {
      errors.push(fieldError(`pop.${key}`, "analysis.error.populationCellUnknown", { cell: key }));
      continue;
    }
    const text = (raw ?? "").replace(/[\s\u00a0]/g, "");
    if (text === "") continue;
    const [age_band, gender] = key.split("|") as [string, string];
    if (!/^\d+$/.test(text) || Number(text) > MAX_POPULATION) {
      errors.push(
        fieldError(`pop.${key}`, "analysis.error.populationCount", { max: MAX_POPULATION.toLocaleString("sv-SE") }),
      );
      continue;
    }
    rows.push({ age_band, gender, population: Number(text) });
  }
  if (!errors.length && rows.reduce((s, r) => s + r.population, 0) === 0) {
    errors.push(fieldError("cells", "analysis.error.populationEmpty"));
  }
  if (errors.length) throw new Invalid(errors, "analysis.error.populationInvalid");
  const scopeSurvey = scope === "survey" ? surveyId : null;
  await db.transaction().execute(async (tx) => {
    let q = tx.deleteFrom("population_set").where("kommun_id", "=", kommunId);
    q = scopeSurvey === null ? q.where("survey_id", "is", null) : q.where("survey_id", "=", scopeSurvey);
    await q.execute();
    const { id } = await tx
      .insertInto("population_set")
      .values({
        kommun_id: kommunId,
        survey_id: scopeSurvey,
        source: src,
        updated_by: accountId,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("population_cell")
      .values(rows.map((r) => ({ set_id: id, ...r })))
      .execute();
  });
}

/** Removes the survey's own population (scope "survey") or the kommun's (scope "kommun"). */
export async function deletePopulation({
  db,
  kommunId,
  surveyId,
  scope,
}: {
  db: Database;
  kommunId: number;
  surveyId: number;
  scope: "survey" | "kommun";
}) {
  let q = db.deleteFrom("population_set").where("kommun_id", "=", kommunId);
  q = scope === "kommun" ? q.where("survey_id", "is", null) : q.where("survey_id", "=", surveyId);
  await q.execute();
}
