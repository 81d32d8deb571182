/**
 * Zone links as other features check and show them (docs/domain/places.md, "What happens in a zone"): the
 * kommun's zones as a form's choices, and the check that a chosen zone is the kommun's own.
 */
import type { Database } from "~/platform/db.server";
import { fieldError, type FieldError } from "~/platform/errors.server";
import type { ZoneField } from "./domain/links";

/** A zone as a form's choice and as a record's link shows it: its id and name, never its shape. */
export interface ZoneRef {
  id: number;
  name: string;
}

/** The kommun's zones as choices, by name. */
export async function zoneChoices({ db, kommunId }: { db: Database; kommunId: number }): Promise<ZoneRef[]> {
  return db
    .selectFrom("zone")
    .select(["id", "name"])
    .where("kommun_id", "=", kommunId)
    .orderBy("name")
    .orderBy("code")
    .execute();
}

/**
 * The problems of the zones a form names, one per field: a value that is no id, or a zone that is not the
 * kommun's (another kommun's zone is refused like one that does not exist, naming neither). Empty when all are
 * fine; null zones (no zone chosen) always are.
 */
export async function zoneLinkErrors(
  db: Database,
  kommunId: number,
  links: readonly { field: string; zoneId: ZoneField | undefined }[],
): Promise<FieldError[]> {
  const ids = [...new Set(links.map((l) => l.zoneId).filter((z): z is number => typeof z === "number"))];
  const own = new Set(
    ids.length
      ? (
          await db.selectFrom("zone").select("id").where("kommun_id", "=", kommunId).where("id", "in", ids).execute()
        ).map((z) => z.id)
      : [],
  );
  return links
    .filter((l) => l.zoneId === "invalid" || (typeof l.zoneId === "number" && !own.has(l.zoneId)))
    .map((l) => fieldError(l.field, "places.err.zoneNotOfKommun"));
}
