/**
 * A kommun's zones (docs/domain/places.md): the GeoJSON upload, its check and import (all features or none), and
 * the zones as pages and other features read them.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { nestedDeeperThan } from "~/platform/json-depth";
import { translate, type Locale } from "~/i18n/i18n";
import type { ZoneKind } from "../../../db/schema";
import { readZoneCollection, type FeatureProblem } from "./domain/geojson";
import type { ZoneGeometry } from "./domain/geometry";

/** A GeoJSON file's size at most (the largest kommun's DeSO areas at full detail stay below it). */
export const MAX_GEOJSON_BYTES = 10 * 1024 * 1024;

/**
 * Reads a multipart form with a GeoJSON `file`: 413-like Invalid past MAX_GEOJSON_BYTES (checked while reading),
 * 415 for a body that is not a form. The file's text is null when none was chosen.
 */
export async function readGeoJsonUpload(request: Request) {
  const tooLarge = () => {
    throw new Invalid([fieldError("file", "places.err.tooLarge", { maxMb: MAX_GEOJSON_BYTES / 1048576 })]);
  };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_GEOJSON_BYTES + 1048576) tooLarge();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_GEOJSON_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) tooLarge();
    throw new Response("Skicka filen som ett formulär (multipart/form-data)", { status: 415 });
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { form, text: null, fileName: "" };
  const fileName = "name" in file && typeof file.name === "string" ? file.name : "";
  return { form, text: new TextDecoder("utf-8").decode(await file.arrayBuffer()), fileName };
}

/** A rejected feature's problem as the page shows it. */
export interface ZoneProblem {
  feature: number;
  code: string;
  field: FeatureProblem["field"];
  message: string;
}

export interface ZoneImportResult {
  stored: boolean;
  featureCount: number;
  /** Zones added and zones replaced (same code) when stored; what would be, when checked. */
  added: number;
  replaced: number;
  points: { before: number; after: number };
  problems: ZoneProblem[];
}

/**
 * Checks a GeoJSON text (`store: false`) or imports it: when every feature is accepted, each zone is added, or
 * replaces the kommun's zone with the same code (keeping its id, which other tables refer to), in one
 * transaction. Zones the file does not name are kept. With any problem nothing is stored.
 */
export async function importZones({
  db,
  kommunId,
  text,
  kind,
  store,
  locale = "sv",
}: {
  db: Database;
  kommunId: number;
  text: string;
  kind: ZoneKind;
  store: boolean;
  locale?: Locale;
}): Promise<ZoneImportResult> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new Invalid([fieldError("file", "places.err.notJson")]);
  }
  if (nestedDeeperThan(value, 12)) throw new Invalid([fieldError("file", "places.err.notCollection")]);
  const read = readZoneCollection(value);
  const fileLevel = read.problems.find((p) => p.feature === 0);
  if (fileLevel) throw new Invalid([fieldError("file", fileLevel.messageKey, fileLevel.params)]);
  const existing = new Set(
    (await db.selectFrom("zone").select("code").where("kommun_id", "=", kommunId).execute()).map((z) => z.code),
  );
  const replaced = read.zones.filter((z) => existing.has(z.code)).length;
  const result: ZoneImportResult = {
    stored: false,
    featureCount: read.featureCount,
    added: read.zones.length - replaced,
    replaced,
    points: read.zones.reduce((s, z) => ({ before: s.before + z.points.before, after: s.after + z.points.after }), {
      before: 0,
      after: 0,
    }),
    problems: read.problems.map((p) => ({
      feature: p.feature,
      code: p.code,
      field: p.field,
      message: translate(locale, p.messageKey, p.params),
    })),
  };
  if (!store || read.problems.length) return result;
  await db.transaction().execute(async (trx) => {
    // Two imports for the same kommun at once: the second waits for the first.
    await sql`select id from organisation where id = ${kommunId} for no key update`.execute(trx);
    for (const z of read.zones)
      await trx
        .insertInto("zone")
        .values({
          kommun_id: kommunId,
          code: z.code,
          name: z.name,
          kind,
          geometry: JSON.stringify(z.geometry),
          demo: false,
        })
        .onConflict((oc) =>
          oc.columns(["kommun_id", "code"]).doUpdateSet({
            name: z.name,
            kind,
            geometry: JSON.stringify(z.geometry),
            demo: false,
          }),
        )
        .execute();
  });
  return { ...result, stored: true };
}

/** A zone as pages and other features read it. */
export interface Zone {
  id: number;
  code: string;
  name: string;
  kind: ZoneKind;
  demo: boolean;
  geometry: ZoneGeometry;
}

/** The kommun's zones, by name. */
export async function listZones({ db, kommunId }: { db: Database; kommunId: number }): Promise<Zone[]> {
  const rows = await db
    .selectFrom("zone")
    .select(["id", "code", "name", "kind", "demo", "geometry"])
    .where("kommun_id", "=", kommunId)
    .orderBy("name")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({ ...r, geometry: r.geometry as ZoneGeometry }));
}
