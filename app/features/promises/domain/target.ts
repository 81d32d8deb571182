/**
 * Promises (medborgarlöften) and their measurable targets: types, the activity catalogue, Swedish rendering in the
 * documents' own style, measurability and progress. Pure: no database, no I/O; usable on server and client.
 *
 * Vocabulary (shared/domain/glossary.md): a `CitizenPromise` is one promised activity ("aktivitet, åtagande"); its
 * `Target` is the "mätbart mål": a quantity per period ("minst fyra (4) riktade insatser per år"), a milestone
 * with a date, or none ("verka för att etablera grannsamverkan", not measurable).
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") everywhere and are handled as UTC day numbers, so results never
 * depend on the time zone of the server or the browser.
 */
import type { ThemeKey } from "~/features/surveys/index";

// ---------------------------------------------------------------------------------------------------------------
// Types

/** Who owns a promise. Socialtjänst, skola and fritid are parts of the kommun: use "kommun" and name them in
 * `partners`. `{ partner }` is for an owner outside both organisations (e.g. "Region Norrbotten", a landlord). */
export type Responsible = "polis" | "kommun" | "bada" | { partner: string };

/** Named cooperation partners that appear in the seeds; a promise lists them next to its owner. */
export const KNOWN_PARTNERS = {
  socialtjansten: { sv: "socialtjänsten", en: "social services" },
  skolan: { sv: "skolan", en: "schools" },
  fritid: { sv: "fritid", en: "leisure services" },
  sjukvarden: { sv: "sjukvården", en: "health care" },
  naringsidkare: { sv: "näringsidkare", en: "local businesses" },
  hyresvardar: { sv: "hyresvärdar", en: "landlords" },
  sfi: { sv: "SFI", en: "SFI (Swedish for immigrants)" },
  externa_aktorer: { sv: "externa aktörer", en: "external partners" },
} as const satisfies Record<string, { sv: string; en: string }>;

export type KnownPartner = keyof typeof KNOWN_PARTNERS;

export type Period = "week" | "month" | "year" | "period";
export const PERIODS = ["week", "month", "year", "period"] as const satisfies readonly Period[];

export type QuantityTarget = {
  kind: "quantity";
  quantity: number;
  per: Period;
  /** "at_least": the document says "minst". "exactly": the number is given without "minst" ("vid två tillfällen");
   * for progress both count the same way (done ≥ expected is on track), the difference is only how it reads. */
  comparator: "at_least" | "exactly";
  /** "i snitt per vecka": the quantity is an average over the period, not a minimum for every single week. */
  averaged?: boolean;
};

export type MilestoneTarget = {
  kind: "milestone";
  /** YYYY-MM-DD */
  due: string;
  /** What exists when the milestone is met, in Swedish ("En struktur för det förebyggande arbetet ..."). */
  deliverable: string;
};

export type Target = QuantityTarget | MilestoneTarget | { kind: "none" };

export type ActivityTypeKey =
  | "fotpatrullering"
  | "trygghetsvandring"
  | "riktad_insats"
  | "narkotikahund_skola"
  | "trafikkontroll"
  | "trafiksakerhetsinsats"
  | "medborgarkontakt"
  | "riskkvall"
  | "forelasning"
  | "samverkansmote"
  | "grannsamverkan"
  | "utbildning"
  | "orossamtal"
  | "skolbesok"
  | "information"
  | "est"
  | "sspf"
  | "smadit"
  | "kartlaggning"
  | "other";

/** One promised activity, as much as is needed to render, judge and follow it up. */
export type CitizenPromise = {
  responsible: Responsible;
  activityType: ActivityTypeKey;
  /** Words that complete the activity, placed right after the activity noun or phrase: "mot narkotika",
   * "tillsammans med kommunen". For `other` it is the whole activity as a Swedish infinitive phrase
   * ("stötta brottsoffer i den polisiära processen"). */
  activityText?: string;
  places?: string[];
  target: Target;
  /** Free Swedish text appended after the rendered sentence. */
  description?: string;
};

// ---------------------------------------------------------------------------------------------------------------
// Activity catalogue

type Gender = "en" | "ett";

/** How a quantity is counted: the activity noun itself ("fyra (4) riktade insatser"), times ("en (1) gång per
 * vecka") or occasions ("vid minst två (2) tillfällen per år"). */
export type CountAs = "noun" | "times" | "occasions";

export type ActivityType = {
  label: { sv: string; en: string };
  sv: {
    /** The counted noun, with its grammatical gender for "en (1)" / "ett (1)". */
    singular: string;
    plural: string;
    gender: Gender;
    /** Infinitive before a counted noun: "genomföra" minst fyra (4) riktade insatser. */
    verb: string;
    /** Infinitive phrase naming the activity without a count (used for times, occasions and for promises
     * without a target). Empty for `other`, whose `activityText` is the phrase. */
    phrase: string;
  };
  en: { singular: string; plural: string };
  countAs: CountAs;
  defaultThemes: readonly ThemeKey[];
  /** A typical measurable target, used to suggest one for an unmeasurable promise. */
  example: { quantity: number; per: Exclude<Period, "period"> };
  /** Clause completing "ett datum då ...", for a milestone suggestion. */
  milestoneExample: string;
};

export const ACTIVITY_TYPES: Readonly<Record<ActivityTypeKey, ActivityType>> = {
  fotpatrullering: {
    label: { sv: "Fotpatrullering", en: "Foot patrol" },
    sv: {
      singular: "fotpatrullering",
      plural: "fotpatrulleringar",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra fotpatrullering",
    },
    en: { singular: "foot patrol", plural: "foot patrols" },
    countAs: "times",
    defaultThemes: ["police_presence", "public_safety"],
    example: { quantity: 1, per: "week" },
    milestoneExample: "en plan för fotpatrullering på utpekade platser ska vara klar",
  },
  trygghetsvandring: {
    label: { sv: "Trygghetsvandring", en: "Safety walk" },
    sv: {
      singular: "trygghetsvandring",
      plural: "trygghetsvandringar",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra trygghetsvandringar",
    },
    en: { singular: "safety walk", plural: "safety walks" },
    countAs: "noun",
    defaultThemes: ["public_safety", "physical_environment"],
    example: { quantity: 1, per: "year" },
    milestoneExample: "en trygghetsvandring ska vara genomförd och åtgärderna redovisade",
  },
  riktad_insats: {
    label: { sv: "Riktad insats", en: "Targeted operation" },
    sv: {
      singular: "riktad insats",
      plural: "riktade insatser",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra riktade insatser",
    },
    en: { singular: "targeted operation", plural: "targeted operations" },
    countAs: "noun",
    defaultThemes: ["drugs_andt"],
    example: { quantity: 4, per: "year" },
    milestoneExample: "en första riktad insats ska vara genomförd",
  },
  narkotikahund_skola: {
    label: { sv: "Sök med narkotikahund i skolmiljö", en: "Drug-dog search in schools" },
    sv: {
      singular: "sök med narkotikahund i skolmiljö",
      plural: "sök med narkotikahund i skolmiljö",
      gender: "ett",
      verb: "genomföra",
      phrase: "genomföra sök med narkotikahund i skolmiljö",
    },
    en: { singular: "drug-dog search in a school", plural: "drug-dog searches in schools" },
    countAs: "occasions",
    defaultThemes: ["drugs_andt", "youth"],
    example: { quantity: 2, per: "year" },
    milestoneExample: "ett första sök ska vara genomfört",
  },
  trafikkontroll: {
    label: { sv: "Trafikkontroll", en: "Traffic check" },
    sv: {
      singular: "trafikkontroll",
      plural: "trafikkontroller",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra trafikkontroller",
    },
    en: { singular: "traffic check", plural: "traffic checks" },
    countAs: "noun",
    defaultThemes: ["traffic_safety"],
    example: { quantity: 2, per: "month" },
    milestoneExample: "en plan för trafikkontroller på utpekade platser ska vara klar",
  },
  trafiksakerhetsinsats: {
    label: { sv: "Trafiksäkerhetsinsats", en: "Traffic safety operation" },
    sv: {
      singular: "trafiksäkerhetsinsats",
      plural: "trafiksäkerhetsinsatser",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra trafiksäkerhetsinsatser",
    },
    en: { singular: "traffic safety operation", plural: "traffic safety operations" },
    countAs: "noun",
    defaultThemes: ["traffic_safety"],
    example: { quantity: 4, per: "year" },
    milestoneExample: "en första trafiksäkerhetsinsats ska vara genomförd",
  },
  medborgarkontakt: {
    label: { sv: "Medborgarkontakt", en: "Citizen contact" },
    sv: {
      singular: "medborgarkontakt",
      plural: "medborgarkontakter",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra medborgarkontakter",
    },
    en: { singular: "citizen contact", plural: "citizen contacts" },
    countAs: "noun",
    defaultThemes: ["police_presence"],
    example: { quantity: 3, per: "week" },
    milestoneExample: "platser och tider för medborgarkontakter ska vara bestämda",
  },
  riskkvall: {
    label: { sv: "Närvaro vid riskkväll", en: "Presence on a risk evening" },
    sv: {
      singular: "riskkväll",
      plural: "riskkvällar",
      gender: "en",
      verb: "finnas närvarande vid",
      phrase: "finnas närvarande vid riskkvällar",
    },
    en: { singular: "risk evening", plural: "risk evenings" },
    countAs: "noun",
    defaultThemes: ["public_safety", "police_presence"],
    example: { quantity: 2, per: "year" },
    milestoneExample: "årets riskkvällar ska vara utpekade och bemannade",
  },
  forelasning: {
    label: { sv: "Föreläsning", en: "Talk" },
    sv: { singular: "föreläsning", plural: "föreläsningar", gender: "en", verb: "hålla", phrase: "hålla föreläsningar" },
    en: { singular: "talk", plural: "talks" },
    countAs: "noun",
    defaultThemes: ["youth", "drugs_andt"],
    example: { quantity: 4, per: "year" },
    milestoneExample: "alla berörda klasser ska ha fått föreläsningen",
  },
  samverkansmote: {
    label: { sv: "Samverkansmöte", en: "Cooperation meeting" },
    sv: { singular: "samverkansmöte", plural: "samverkansmöten", gender: "ett", verb: "hålla", phrase: "samverka" },
    en: { singular: "cooperation meeting", plural: "cooperation meetings" },
    countAs: "noun",
    defaultThemes: ["cooperation"],
    example: { quantity: 4, per: "year" },
    milestoneExample: "en överenskommelse om samverkan ska vara undertecknad",
  },
  grannsamverkan: {
    label: { sv: "Grannsamverkan", en: "Neighbourhood watch" },
    sv: {
      singular: "grannsamverkansområde",
      plural: "grannsamverkansområden",
      gender: "ett",
      verb: "starta",
      phrase: "arbeta med grannsamverkan",
    },
    en: { singular: "neighbourhood watch area", plural: "neighbourhood watch areas" },
    countAs: "noun",
    defaultThemes: ["volume_crime", "cooperation"],
    example: { quantity: 2, per: "year" },
    milestoneExample: "ett första grannsamverkansområde ska vara startat",
  },
  utbildning: {
    label: { sv: "Utbildning", en: "Training" },
    sv: {
      singular: "utbildningstillfälle",
      plural: "utbildningstillfällen",
      gender: "ett",
      verb: "genomföra",
      phrase: "genomföra utbildning",
    },
    en: { singular: "training session", plural: "training sessions" },
    countAs: "noun",
    defaultThemes: [],
    example: { quantity: 2, per: "year" },
    milestoneExample: "all berörd personal ska ha gått utbildningen",
  },
  orossamtal: {
    label: { sv: "Orossamtal", en: "Concern talk" },
    sv: { singular: "orossamtal", plural: "orossamtal", gender: "ett", verb: "genomföra", phrase: "genomföra orossamtal" },
    en: { singular: "concern talk", plural: "concern talks" },
    countAs: "noun",
    defaultThemes: ["youth"],
    example: { quantity: 10, per: "year" },
    milestoneExample: "en rutin för orossamtal ska vara beslutad",
  },
  skolbesok: {
    label: { sv: "Skolbesök", en: "School visit" },
    sv: { singular: "skolbesök", plural: "skolbesök", gender: "ett", verb: "genomföra", phrase: "besöka skolor" },
    en: { singular: "school visit", plural: "school visits" },
    countAs: "noun",
    defaultThemes: ["youth", "police_presence"],
    example: { quantity: 1, per: "month" },
    milestoneExample: "alla skolor i kommunen ska ha fått minst ett besök",
  },
  information: {
    label: { sv: "Information", en: "Information" },
    sv: {
      singular: "informationsinsats",
      plural: "informationsinsatser",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra informationsinsatser",
    },
    en: { singular: "information effort", plural: "information efforts" },
    countAs: "noun",
    defaultThemes: [],
    example: { quantity: 4, per: "year" },
    milestoneExample: "informationsmaterialet ska vara framtaget och spritt",
  },
  est: {
    label: { sv: "EST (effektiv samordning för trygghet)", en: "EST (effective coordination for safety)" },
    sv: {
      singular: "EST-avstämning",
      plural: "EST-avstämningar",
      gender: "en",
      verb: "genomföra",
      phrase: "arbeta med EST (effektiv samordning för trygghet)",
    },
    en: { singular: "EST check-in", plural: "EST check-ins" },
    countAs: "noun",
    defaultThemes: ["cooperation", "public_safety"],
    example: { quantity: 1, per: "week" },
    milestoneExample: "EST-rapporteringen med kommun, polis och hyresvärdar ska vara igång",
  },
  sspf: {
    // Also PSS (polis, skola, socialtjänst): the same kind of group without fritid.
    label: {
      sv: "SSPF/PSS (skola, socialtjänst, polis och fritid)",
      en: "SSPF/PSS (school, social services, police, leisure)",
    },
    sv: {
      singular: "SSPF-möte",
      plural: "SSPF-möten",
      gender: "ett",
      verb: "hålla",
      phrase: "samverka i SSPF/PSS-grupp",
    },
    en: { singular: "SSPF meeting", plural: "SSPF meetings" },
    countAs: "noun",
    defaultThemes: ["cooperation", "youth"],
    example: { quantity: 1, per: "month" },
    milestoneExample: "SSPF-gruppen ska vara bildad med fastställd mötesfrekvens",
  },
  smadit: {
    label: { sv: "Smadit (samverkan mot alkohol och droger i trafiken)", en: "Smadit (alcohol and drugs in traffic)" },
    sv: {
      singular: "Smadit-insats",
      plural: "Smadit-insatser",
      gender: "en",
      verb: "genomföra",
      phrase: "samverka kring Smadit (samverkan mot alkohol och droger i trafiken)",
    },
    en: { singular: "Smadit operation", plural: "Smadit operations" },
    countAs: "noun",
    defaultThemes: ["traffic_safety", "drugs_andt"],
    example: { quantity: 2, per: "year" },
    milestoneExample: "en rutin enligt Smadit ska vara införd",
  },
  kartlaggning: {
    label: { sv: "Kartläggning", en: "Survey of the situation" },
    sv: {
      singular: "kartläggning",
      plural: "kartläggningar",
      gender: "en",
      verb: "genomföra",
      phrase: "genomföra kartläggning",
    },
    en: { singular: "survey", plural: "surveys" },
    countAs: "noun",
    defaultThemes: [],
    example: { quantity: 1, per: "year" },
    milestoneExample: "kartläggningen ska vara klar och redovisad",
  },
  other: {
    label: { sv: "Annan aktivitet", en: "Other activity" },
    sv: { singular: "aktivitet", plural: "aktiviteter", gender: "en", verb: "genomföra", phrase: "" },
    en: { singular: "activity", plural: "activities" },
    countAs: "times",
    defaultThemes: [],
    example: { quantity: 4, per: "year" },
    milestoneExample: "det som ska finnas då (en rutin, en plan, en rapport) ska vara klart",
  },
};

export const ACTIVITY_TYPE_KEYS = Object.keys(ACTIVITY_TYPES) as ActivityTypeKey[];

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
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
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
      return join(def.sv.verb, minst, formatCountSv(t.quantity, def.sv.gender), noun, promise.activityText, per, places);
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

/** A quantity above zero, or a milestone with a valid date. */
export function isMeasurable(target: Target): boolean {
  if (target.kind === "quantity") return Number.isFinite(target.quantity) && target.quantity > 0;
  if (target.kind === "milestone") return isIsoDate(target.due);
  return false;
}

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
  if (promise.activityType === "other") {
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

// ---------------------------------------------------------------------------------------------------------------
// Progress

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoParts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return [y, mo, d];
  }
  throw new RangeError(`Not a valid date (YYYY-MM-DD): ${iso}`);
}

export function isIsoDate(s: string): boolean {
  try {
    parseIsoParts(s);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC). */
function dayNumber(iso: string): number {
  const [y, m, d] = parseIsoParts(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The day `months` calendar months after `iso`, clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
function addMonthsDay(iso: string, months: number): number {
  const [y, m, d] = parseIsoParts(iso);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)) / DAY_MS;
}

/** Whole calendar units (months) completed from `start` to the exclusive day `endExclusive`, plus the fraction
 * of the unit under way. */
function calendarUnits(start: string, endExclusive: number, monthsPerUnit: number): number {
  let n = 0;
  while (addMonthsDay(start, (n + 1) * monthsPerUnit) <= endExclusive) n++;
  const from = addMonthsDay(start, n * monthsPerUnit);
  const to = addMonthsDay(start, (n + 1) * monthsPerUnit);
  return n + (endExclusive - from) / (to - from);
}

// Guards floor() against binary fractions such as 2.9999999999999996.
const floor = (x: number) => Math.floor(x + 1e-9);

/**
 * How many should be done by the end of the day `asOf` (all dates YYYY-MM-DD):
 * - none → null (nothing to expect); an unmeasurable quantity (≤ 0) or milestone without a valid date → null.
 * - milestone → 1 if `due` ≤ `asOf`, else 0.
 * - quantity; `asOf` is clamped to the period (before it → 0, after it → the total for the period):
 *   - per week / per month: q × completed weeks (7-day blocks from `periodStart`) or calendar months; a week is
 *     judged when it has ended. With `averaged` ("i snitt per vecka"): pro rata, floor(q × elapsed weeks).
 *   - per year: pro rata, floor(q × elapsed years), where elapsed years count whole years from `periodStart`
 *     plus the elapsed share of the current one (so 1 per year is expected only when the year is over, 4 per
 *     year means one more each quarter).
 *   - per period: pro rata over the whole period, floor(q × elapsed days / period days).
 *   A unit that is cut off by the period end does not count (a 1096-day period holds 156 whole weeks).
 */
export function expectedByDate({
  target,
  periodStart,
  periodEnd,
  asOf,
}: {
  target: Target;
  periodStart: string;
  periodEnd: string;
  asOf: string;
}): number | null {
  const start = dayNumber(periodStart);
  const end = dayNumber(periodEnd);
  if (end < start) throw new RangeError(`Period ends (${periodEnd}) before it starts (${periodStart})`);
  const at = dayNumber(asOf);
  if (target.kind === "none" || !isMeasurable(target)) return null;
  if (target.kind === "milestone") return dayNumber(target.due) <= at ? 1 : 0;
  if (at < start) return 0;
  const q = target.quantity;
  // Days fully elapsed at the end of asOf, counting asOf itself.
  const endExclusive = Math.min(at, end) + 1;
  const elapsed = endExclusive - start;
  switch (target.per) {
    case "week":
      return target.averaged ? floor((q * elapsed) / 7) : Math.floor(elapsed / 7) * q;
    case "month": {
      const months = calendarUnits(periodStart, endExclusive, 1);
      return target.averaged ? floor(q * months) : Math.floor(months + 1e-9) * q;
    }
    case "year":
      return floor(q * calendarUnits(periodStart, endExclusive, 12));
    case "period":
      return floor((q * elapsed) / (end + 1 - start));
  }
}

/** What the whole period should deliver: `expectedByDate` on the last day. */
export function totalExpected(args: { target: Target; periodStart: string; periodEnd: string }): number | null {
  return expectedByDate({ ...args, asOf: args.periodEnd });
}

export type ProgressStatus = "done" | "on_track" | "behind" | "not_started";

/**
 * Status of a measurable promise from what was done and what `expectedByDate` says, in this order:
 * - "done": the whole period's total is reached (done ≥ totalExpected, totalExpected > 0);
 * - "not_started": nothing done and nothing due yet (done = 0 and expected = 0);
 * - "on_track": done ≥ expected by now;
 * - "behind": done < expected (also when nothing is done but something is due).
 * There is no extra tolerance: the slack is in `expectedByDate`, which floors and only counts ended weeks and
 * months, so a promise turns "behind" only once a unit it should have delivered has fully passed.
 */
export function progressStatus({
  done,
  expected,
  totalExpected,
}: {
  done: number;
  expected: number;
  totalExpected: number;
}): ProgressStatus {
  if (totalExpected > 0 && done >= totalExpected) return "done";
  if (done >= expected) return done === 0 ? "not_started" : "on_track";
  return "behind";
}
