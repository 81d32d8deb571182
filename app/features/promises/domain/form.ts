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

export interface PromiseFormValue extends CitizenPromise {
  partners: string[];
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
export function parsePromiseForm(
  get: FormLookup,
  prefix = "",
): { ok: true; value: PromiseFormValue } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const err = (field: string, message: string) => errors.push({ field: `${prefix}${field}`, message });
  const text = (name: string) => {
    const v = (get(name) ?? "").trim();
    if (v.length > MAX_TEXT) err(name, `Högst ${MAX_TEXT} tecken`);
    return v;
  };

  const responsibleRaw = get("responsible") ?? "";
  let responsible: Responsible = "bada";
  if (responsibleRaw === "partner") {
    const partner = text("partnerName");
    if (!partner) err("partnerName", "Skriv vilken samarbetspartner som är ansvarig");
    responsible = { partner };
  } else if (responsibleRaw === "polis" || responsibleRaw === "kommun" || responsibleRaw === "bada") {
    responsible = responsibleRaw;
  } else err("responsible", "Välj vem som är ansvarig: polisen, kommunen, båda eller en samarbetspartner");

  const activityRaw = get("activityType") ?? "";
  const activityType = (ACTIVITY_TYPE_KEYS as string[]).includes(activityRaw) ? (activityRaw as ActivityTypeKey) : null;
  if (!activityType)
    err("activityType", "Välj en aktivitet i listan, eller ”Annan aktivitet” och beskriv den i fritext");
  const activityText = text("activityText");
  if (activityType === "annat" && !activityText)
    err("activityText", "Beskriv aktiviteten, t.ex. ”stötta brottsoffer i den polisiära processen”");

  let target: Target = { kind: "none" };
  const kind = get("targetKind") ?? "none";
  if (kind === "quantity") {
    const qRaw = (get("quantity") ?? "").trim().replace(",", ".");
    const quantity = Number(qRaw);
    if (!qRaw || !Number.isFinite(quantity) || quantity <= 0 || quantity > 100000)
      err("quantity", "Ange ett antal större än noll, t.ex. 4");
    const per = get("per") ?? "";
    if (!(PERIODS as readonly string[]).includes(per)) err("per", "Välj per vecka, månad, år eller under perioden");
    target = {
      kind: "quantity",
      quantity: Number.isFinite(quantity) ? quantity : 0,
      per: ((PERIODS as readonly string[]).includes(per) ? per : "year") as Period,
      comparator: get("atLeast") ? "at_least" : "exactly",
      ...(get("averaged") ? { averaged: true } : {}),
    };
  } else if (kind === "milestone") {
    const due = (get("due") ?? "").trim();
    if (!isIsoDate(due)) err("due", "Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-02-28");
    const deliverable = text("deliverable");
    if (!deliverable)
      err("deliverable", "Skriv vad som ska vara klart, t.ex. ”en plan för trygghetsvandringar är antagen”");
    target = { kind: "milestone", due, deliverable };
  } else if (kind !== "none")
    err("targetKind", "Välj antal per tidsperiod, ett delmål med datum, eller inget mätbart mål");

  const places = splitList(get("places"));
  const partners = splitList(get("partners"));
  if (places.length > 50) err("places", "Högst 50 platser");
  const description = text("description");
  if (errors.length || !activityType) return { ok: false, errors };
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
    },
  };
}
