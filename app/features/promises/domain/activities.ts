/** The activity catalogue: what a promise can promise to do, and how the documents word and count it. */
import type { ThemeKey } from "~/features/surveys/index";
import type { ActivityTypeKey, Period } from "./target";

// ---------------------------------------------------------------------------------------------------------------
// Activity catalogue

export type Gender = "en" | "ett";

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
     * without a target). Empty for `annat`, whose `activityText` is the phrase. */
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
    sv: {
      singular: "föreläsning",
      plural: "föreläsningar",
      gender: "en",
      verb: "hålla",
      phrase: "hålla föreläsningar",
    },
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
    sv: {
      singular: "orossamtal",
      plural: "orossamtal",
      gender: "ett",
      verb: "genomföra",
      phrase: "genomföra orossamtal",
    },
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
  annat: {
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
