/**
 * Promises (medborgarlöften) and their measurable targets: the types. The activity catalogue is in activities.ts,
 * the Swedish rendering and measurability in wording.ts, progress against a target in progress.ts. Pure: no
 * database, no I/O; usable on server and client.
 *
 * Vocabulary (docs/domain/glossary.md#the-promise-and-its-document): a `CitizenPromise` is one promised activity ("aktivitet, åtagande"); its
 * `Target` is the "mätbart mål": a quantity per period ("minst fyra (4) riktade insatser per år"), a milestone
 * with a date, or none ("verka för att etablera grannsamverkan", not measurable).
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") everywhere and are handled as UTC day numbers, so results never
 * depend on the time zone of the server or the browser.
 */

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
  | "annat";

/** One promised activity, as much as is needed to render, judge and follow it up. */
export type CitizenPromise = {
  responsible: Responsible;
  activityType: ActivityTypeKey;
  /** Words that complete the activity, placed right after the activity noun or phrase: "mot narkotika",
   * "tillsammans med kommunen". For `annat` it is the whole activity as a Swedish infinitive phrase
   * ("stötta brottsoffer i den polisiära processen"). */
  activityText?: string;
  places?: string[];
  target: Target;
  /** Free Swedish text appended after the rendered sentence. */
  description?: string;
};
