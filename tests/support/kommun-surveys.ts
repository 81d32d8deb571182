import type { Database } from "../../app/platform/db.server";

type AreaChoice = string | { value: string; text: string | { default: string } };

/** A survey's `settings.areas` for the area choices of a demo profile: each value with its (default) text. */
export function areaSettings(areas: readonly AreaChoice[]): { value: string; text: string }[] {
  return areas.map((a) =>
    typeof a === "string"
      ? { value: a, text: a }
      : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
  );
}

/** The id of the organisation (kommun, LPO, region) with this slug. */
export async function organisationId(db: Database, slug: string): Promise<number> {
  return (await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}
