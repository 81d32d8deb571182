/**
 * The promise form (one structured promise as plain form fields) parsed into a `CitizenPromise`, with one Swedish
 * message per bad field. Pure: the server validates with it and the editor's live preview renders with it.
 */
import { ACTIVITY_TYPE_KEYS } from "./activities";
import {
  PERIODS,
  type ActivityTypeKey,
  type CitizenPromise,
  type Period,
  type Responsible,
  type Target,
} from "./target";
import { isIsoDate } from "./progress";
import { translate, type MessageKey } from "~/i18n/i18n";
import { readZoneField, ZONE_FIELD } from "~/features/places/index";

export interface PromiseFormValue extends CitizenPromise {
  partners: string[];
  /** The kommun's zone the promise is carried out in (null: none); absent when the form has no zone field. */
  zoneId?: number | null;
}

export type FormLookup = (name: string) => string | undefined;

export const RESPONSIBLE_CHOICES = ["polis", "kommun", "bada", "partner"] as const;
export const TARGET_KINDS = ["quantity", "milestone", "none"] as const;

/** Comma- or line-separated list, trimmed, without empties. */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const MAX_TEXT = 2000;

/**
 * Reads the fields (names without `prefix`) through `get`. Field errors are named `${prefix}${field}` so that a
 * page with several promise forms can point at the right input.
 */
/** A field's problem: a catalogue key, its params, and its Swedish text. */
export interface PromiseFormError {
  field: string;
  message: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
}

export function parsePromiseForm(
  get: FormLookup,
  prefix = "",
): { ok: true; value: PromiseFormValue } | { ok: false; errors: PromiseFormError[] } {
  const errors: PromiseFormError[] = [];
  // Each message is a catalogue key; `message` is its Swedish text (as the API and the server's errors carry it).
  const err = (field: string, messageKey: MessageKey, params?: Record<string, string | number>) =>
    errors.push({ field: `${prefix}${field}`, message: translate("sv", messageKey, params), messageKey, params });
  const text = (name: string) => {
    const v = (get(name) ?? "").trim();
    if (v.length > MAX_TEXT) err(name, "loften.form.maxText", { max: MAX_TEXT });
    return v;
  };

  const responsibleRaw = get("responsible") ?? "";
  let responsible: Responsible = "bada";
  if (responsibleRaw === "partner") {
    const partner = text("partnerName");
    if (!partner) err("partnerName", "loften.form.partnerName");
    responsible = { partner };
  } else if (responsibleRaw === "polis" || responsibleRaw === "kommun" || responsibleRaw === "bada") {
    responsible = responsibleRaw;
  } else err("responsible", "loften.form.responsible");

  const activityRaw = get("activityType") ?? "";
  const activityType = (ACTIVITY_TYPE_KEYS as string[]).includes(activityRaw) ? (activityRaw as ActivityTypeKey) : null;
  if (!activityType) err("activityType", "loften.form.activityType");
  const activityText = text("activityText");
  if (activityType === "annat" && !activityText) err("activityText", "loften.form.activityText");

  let target: Target = { kind: "none" };
  const kind = get("targetKind") ?? "none";
  if (kind === "quantity") {
    const qRaw = (get("quantity") ?? "").trim().replace(",", ".");
    const quantity = Number(qRaw);
    if (!qRaw || !Number.isFinite(quantity) || quantity <= 0 || quantity > 100000)
      err("quantity", "loften.form.quantity");
    const per = get("per") ?? "";
    if (!(PERIODS as readonly string[]).includes(per)) err("per", "loften.form.per");
    target = {
      kind: "quantity",
      quantity: Number.isFinite(quantity) ? quantity : 0,
      per: ((PERIODS as readonly string[]).includes(per) ? per : "year") as Period,
      comparator: get("atLeast") ? "at_least" : "exactly",
      ...(get("averaged") ? { averaged: true } : {}),
    };
  } else if (kind === "milestone") {
    const due = (get("due") ?? "").trim();
    if (!isIsoDate(due)) err("due", "loften.form.due");
    const deliverable = text("deliverable");
    if (!deliverable) err("deliverable", "loften.form.deliverable");
    target = { kind: "milestone", due, deliverable };
  } else if (kind !== "none") err("targetKind", "loften.form.targetKind");

  const places = splitList(get("places"));
  const partners = splitList(get("partners"));
  if (places.length > 50) err("places", "loften.form.places");
  const description = text("description");
  const zoneRaw = get(ZONE_FIELD);
  const zone = readZoneField(zoneRaw);
  if (zone === "invalid") err(ZONE_FIELD, "places.err.zoneNotOfKommun");
  if (errors.length || !activityType || zone === "invalid") return { ok: false, errors };
  return {
    ok: true,
    value: {
      responsible,
      partners,
      activityType,
      activityText: activityText || undefined,
      places: places.length ? places : undefined,
      target,
      description: description || undefined,
      ...(zoneRaw === undefined ? {} : { zoneId: zone }),
    },
  };
}
