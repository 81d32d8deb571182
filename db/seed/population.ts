import type { Kysely } from "kysely";
import type { DB } from "../schema";

/**
 * Demo population for weighting (docs/domain/statistics.md#weighting): Kalix by age band × gender, so that the weighting view has something
 * to show on a fresh demo. Illustrative figures of the right size, NOT taken from SCB; the source says so.
 * Haparanda is left without, so the demo also shows the page before a population is entered.
 */
const KALIX: Record<string, [women: number, men: number]> = {
  "16-19": [320, 350],
  "20-29": [720, 820],
  "30-44": [1250, 1330],
  "45-64": [2000, 2100],
  "65-79": [1700, 1720],
  "80+": [700, 480],
};

/** Adds the demo population of Kalix unless the kommun already has one. Idempotent. */
export async function seedDemoPopulation({ db }: { db: Kysely<DB> }): Promise<number> {
  const kalix = await db.selectFrom("organisation").select("id").where("slug", "=", "kalix").executeTakeFirst();
  if (!kalix) return 0;
  const exists = await db
    .selectFrom("population_set")
    .select("id")
    .where("kommun_id", "=", kalix.id)
    .where("survey_id", "is", null)
    .executeTakeFirst();
  if (exists) return 0;
  const { id } = await db
    .insertInto("population_set")
    .values({
      kommun_id: kalix.id,
      survey_id: null,
      source: "Exempelsiffror för demon (inte SCB)",
      updated_by: null,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("population_cell")
    .values(
      Object.entries(KALIX).flatMap(([age_band, [women, men]]) => [
        { set_id: id, age_band, gender: "woman", population: women },
        { set_id: id, age_band, gender: "man", population: men },
      ]),
    )
    .execute();
  return 1;
}
