/**
 * A record's link to a zone (docs/domain/places.md, "What happens in a zone"): a meeting, a walk finding, a promise
 * or a measure may name one zone of its kommun. Forms send the zone's id from a plain <select>; the empty choice
 * means no zone.
 */

/** The form field every zone choice is sent in. */
export const ZONE_FIELD = "zoneId";

/** A zone as a form gives it: a zone's id, no zone (null), or a value that names no zone. */
export type ZoneField = number | null | "invalid";

/**
 * A zone field's value: null for the empty choice (or no field), the zone's id, or "invalid" for anything that
 * cannot be a row id (the caller reports it on the field).
 */
export function readZoneField(raw: unknown): ZoneField {
  if (raw === undefined || raw === null) return null;
  const s = String(raw).trim();
  if (s === "") return null;
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > 2147483647) return "invalid";
  return Number(s);
}
