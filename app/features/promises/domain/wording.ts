/** Promises in Swedish, in the documents' own style, and the suggestion that makes an unmeasurable one measurable. */
import { ACTIVITY_TYPES, type CountAs, type Gender } from "./activities";
import { isIsoDate, isMeasurable, parseIsoParts } from "./progress";
import type { CitizenPromise, Period, Responsible } from "./target";

// ---------------------------------------------------------------------------------------------------------------
// Swedish rendering

const NUMBER_WORDS_SV = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];

/** "en"/"ett" for 1 (by the gender of the counted noun), "två" … "tolv", otherwise null. */
export function numberWordSv(n: number, gender: Gender = "en"): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 12) return null;
  return n === 1 ? gender : (NUMBER_WORDS_SV[n] ?? null);
}

function digitsSv(n: number): string {
  return String(n).replace(".", ",");
}

/** The documents' style: "fyra (4)", "ett (1)"; above twelve (or not a whole number) just the digits. */
export function formatCountSv(n: number, gender: Gender = "en"): string {
  const word = numberWordSv(n, gender);
  return word ? `${word} (${n})` : digitsSv(n);
}

const UNITS_SV = {
  times: { singular: "gång", plural: "gånger", gender: "en" },
  occasions: { singular: "tillfälle", plural: "tillfällen", gender: "ett" },
} as const satisfies Record<Exclude<CountAs, "noun">, { singular: string; plural: string; gender: Gender }>;

export function periodPhraseSv(per: Period, averaged = false): string {
  if (per === "period") return "under perioden";
  const unit = { week: "vecka", month: "månad", year: "år" }[per];
  return `${averaged ? "i snitt " : ""}per ${unit}`;
}

export function responsibleLabelSv(responsible: Responsible): string {
  if (typeof responsible === "object") return responsible.partner;
  return { polis: "Polisen", kommun: "Kommunen", bada: "Polisen och kommunen" }[responsible];
}

/** "a", "a och b", "a, b och c" */
export function listSv(items: readonly string[]): string {
  const xs = items.map((s) => s.trim()).filter(Boolean);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} och ${xs[xs.length - 1]}`;
}

const MONTHS_SV = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];

/** "2023-02-28" → "28 februari 2023". */
export function formatDateSv(iso: string): string {
  const [y, m, d] = parseIsoParts(iso);
  return `${d} ${MONTHS_SV[m - 1]} ${y}`;
}

function join(...parts: (string | undefined | null | false)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p.trim() !== "")
    .map((p) => p.trim())
    .join(" ");
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase("sv-SE") + s.slice(1);
}

function sentence(s: string): string {
  const t = capitalise(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function basePhrase(promise: Pick<CitizenPromise, "activityType" | "activityText">): string {
  const def = ACTIVITY_TYPES[promise.activityType];
  const text = promise.activityText?.trim();
  if (def.sv.phrase) return join(def.sv.phrase, text);
  return text || "genomföra aktiviteter";
}

function renderCore(promise: CitizenPromise): string {
  const def = ACTIVITY_TYPES[promise.activityType];
  const placeList = (promise.places ?? []).map((x) => x.trim()).filter(Boolean);
  const places =
    placeList.length === 0
      ? undefined
      : `på följande ${placeList.length === 1 ? "plats" : "platser"}: ${listSv(placeList)}`;
  const t = promise.target;
  if (t.kind === "quantity") {
    const minst = t.comparator === "at_least" ? "minst" : undefined;
    const per = periodPhraseSv(t.per, t.averaged);
    const one = t.quantity === 1;
    if (def.countAs === "noun") {
      const noun = one ? def.sv.singular : def.sv.plural;
      return join(
        def.sv.verb,
        minst,
        formatCountSv(t.quantity, def.sv.gender),
        noun,
        promise.activityText,
        per,
        places,
      );
    }
    const unit = UNITS_SV[def.countAs];
    const counted = join(minst, formatCountSv(t.quantity, unit.gender), one ? unit.singular : unit.plural);
    const vid = def.countAs === "occasions" ? "vid" : undefined;
    return join(basePhrase(promise), vid, counted, per, places);
  }
  if (t.kind === "milestone") {
    const due = isIsoDate(t.due) ? `senast den ${formatDateSv(t.due)}` : "(datum saknas)";
    return `${sentence(join(basePhrase(promise), places))} Klart ${due}: ${t.deliverable.trim()}`;
  }
  return join(basePhrase(promise), places);
}

/**
 * Renders a promise as one Swedish sentence in the documents' own style, without its owner (the documents put
 * the owner in the lead: "Polisen ... arbetar ... genom att:"; see `responsibleLabelSv`):
 * "Genomföra minst fyra (4) riktade insatser mot narkotika per år.",
 * "Genomföra fotpatrullering minst en (1) gång per vecka på följande platser: COOP, MAX och skolor.",
 * "Genomföra sök med narkotikahund i skolmiljö vid minst två (2) tillfällen per år.",
 * "Genomföra minst tre (3) medborgarkontakter i snitt per vecka."
 */
export function renderPromiseSv(promise: CitizenPromise): string {
  const main = sentence(renderCore(promise));
  const description = promise.description?.trim();
  return description ? `${main} ${sentence(description)}` : main;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurability

/**
 * A Swedish suggestion for making an unmeasurable promise measurable, built from the activity type's typical
 * target; null when the promise is already measurable.
 */
export function measurabilitySuggestion(promise: CitizenPromise): string | null {
  const t = promise.target;
  if (isMeasurable(t)) return null;
  const def = ACTIVITY_TYPES[promise.activityType];
  if (t.kind === "milestone") {
    return `Ange ett giltigt datum (ÅÅÅÅ-MM-DD) då ${t.deliverable.trim() || "leveransen"} ska vara klart.`;
  }
  if (promise.activityType === "annat") {
    return (
      "Ange ett antal och en tidsram, t.ex. ”minst fyra (4) gånger per år”, eller ett datum då arbetet ska vara " +
      "klart och vad som då ska finnas (en rutin, en plan, en rapport)."
    );
  }
  // The promise's own activity text is left out: it is written for the activity phrase and often does not fit
  // after the counted noun ("grannsamverkansområden i kommunen med material ...").
  const example = renderCore({
    responsible: promise.responsible,
    activityType: promise.activityType,
    target: { kind: "quantity", quantity: def.example.quantity, per: def.example.per, comparator: "at_least" },
  });
  const lead = t.kind === "quantity" ? "Ange ett antal större än noll" : "Ange ett antal och en tidsram";
  return `${lead}, t.ex. ”${capitalise(example)}”, eller ett datum då ${def.milestoneExample}.`;
}
