/**
 * Deterministic synthetic answers for demo data and benchmarks.
 *
 * Every answer is drawn from a small latent model of a respondent rather than independently per question, so
 * the demo problembild behaves like real survey data: a respondent first gets a place, an age, a gender and a
 * general level of concern, and everything else follows from those (women and the elderly feel less safe at
 * night, young people see more youth gangs and mopeds, the centralort has more disorder and drug dealing, people
 * who were victims worry more and contact the police more often). Each demo kommun has a problem profile taken
 * from its own medborgarlöfte document (docs/domain/seeds.md; texts in db/seed/documents/), so its demo problembild looks like that document.
 *
 * Determinism: every random draw comes from the `Rng` passed in (mulberry32 by default), in a fixed order, so
 * the same seed and profile always give the same answers on any machine. Never call `Math.random` here.
 *
 * Validity: answers are restricted to what the definition actually asks (`describeDefinition`): only existing
 * questions, choices, matrix rows and columns, at most `maxSelectedChoices` ticks, and no answer to a question
 * hidden by a `visibleIf` the generator does not know to be true (the server rejects those).
 */
import {
  BANK,
  buildStandardSurvey,
  DEFAULT_UNITS,
  PROBLEM_ROWS,
  type ChoiceOption,
  type ProblemRowKey,
  type SurveyDefinition,
  type SurveyElementJson,
} from "../../app/features/surveys/domain/question-bank";
import { THEME_KEYS, type ThemeKey } from "../../app/features/surveys/domain/themes";

// ---------------------------------------------------------------------------------------------------------------
// Random numbers

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG, plenty for synthetic data and identical on every platform
 * (only 32-bit integer arithmetic), which `Math.random` is not.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so that each kommun gets its own stream from the same seed (equal seeds must not mirror kommuner). */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Standard normal by Box–Muller; `1 - rng()` keeps the logarithm finite. */
function normal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
  let r = rng() * total;
  for (const [item, weight] of items) {
    r -= Math.max(0, weight);
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("pickWeighted needs at least one item.");
  return last[0];
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick needs at least one item.");
  return item;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------------------------
// Profiles of the demo kommuner

export interface SyntheticArea {
  /** Lower-case ascii slug, the SurveyJS choice value. */
  value: string;
  /** The Swedish text shown in the survey. */
  text: string;
  /** The place name used inside free-text comments ("genom {ort}"). */
  name: string;
  /** Relative share of respondents, roughly the population of the tätort or by. */
  weight: number;
  /** The centralort: more disorder, drug dealing and shoplifting, police seen more often. */
  centralort?: boolean;
}

export interface SyntheticProfile {
  /** The organisation slug of the kommun (db/seed/organisations.ts). */
  kommun: string;
  /** "Haparanda kommun". */
  name: string;
  /** The kommun's areas in survey order, centralort first, "Annan del av kommunen" last. */
  areas: readonly SyntheticArea[];
  /**
   * How much higher (or lower) each problem row sits than the rural Norrbotten baseline, on the latent 1–4
   * problem scale; +0.5 moves the "stort problem" share by roughly 20 percentage points. Taken from the kommun's
   * medborgarlöfte document.
   */
  problemShift: Readonly<Partial<Record<ProblemRowKey, number>>>;
  /** Extra pull towards themes in `priorities` beyond what the problems imply (e.g. police presence asked for). */
  priorityBoost: Readonly<Partial<Record<ThemeKey, number>>>;
  /** Shift of the latent unsafe-at-night score; positive is less safe than the baseline. */
  unsafeShift: number;
  /** Shift of the confidence in the local police, on the 1–5 scale. */
  policeTrustShift: number;
  /** Shift of the confidence in the kommun's safety work, on the 1–5 scale. */
  kommunTrustShift: number;
  /** Local places for free text, with their preposition ("vid Coop"). */
  places: readonly string[];
  /** The seed document the problem profile is based on. */
  source: string;
}

const OTHER_AREA_TEXT = "Annan del av kommunen";

export const DEMO_KOMMUNER = ["haparanda", "kalix", "pajala", "overtornea", "harjedalen"] as const;
export type DemoKommun = (typeof DEMO_KOMMUNER)[number];

/**
 * Weights are rough populations of the tätorter and byar (the centralort largest); "annan" collects the many
 * smaller villages, which a real area list would leave to "Annan" rather than list one by one.
 */
export const DEMO_PROFILES: Readonly<Record<string, SyntheticProfile>> = {
  haparanda: {
    kommun: "haparanda",
    name: "Haparanda kommun",
    areas: [
      { value: "haparanda", text: "Haparanda centralort", name: "Haparanda", weight: 62, centralort: true },
      { value: "nikkala", text: "Nikkala", name: "Nikkala", weight: 5 },
      { value: "seskaro", text: "Seskarö", name: "Seskarö", weight: 6 },
      { value: "vitvattnet", text: "Vitvattnet", name: "Vitvattnet", weight: 3 },
      { value: "karungi", text: "Karungi", name: "Karungi", weight: 4 },
      { value: "mattila", text: "Mattila", name: "Mattila", weight: 4 },
      { value: "kukkola", text: "Kukkola", name: "Kukkola", weight: 3 },
      { value: "annan", text: OTHER_AREA_TEXT, name: "byn", weight: 13 },
    ],
    // Droger/folkhälsa and mopeder/A-traktorer (särskilt sommar), drograttfylleri named in the document.
    problemShift: {
      drug_dealing: 0.6,
      intoxicated_public: 0.3,
      mopeds_atraktor: 0.7,
      drink_driving: 0.35,
      youth_alcohol: 0.1,
    },
    // Polisiär närvaro and våld i nära relation are two of its four inriktningar.
    priorityBoost: { police_presence: 0.4, domestic_violence: 0.35, drugs_andt: 0.2 },
    unsafeShift: 0.05,
    policeTrustShift: -0.2,
    kommunTrustShift: -0.1,
    places: ["vid Coop", "vid IKEA", "vid MAX", "vid ungdomsgården", "vid gränsen mot Torneå", "vid busstationen"],
    source: "haparanda-2020-2022.txt",
  },
  kalix: {
    kommun: "kalix",
    name: "Kalix kommun",
    areas: [
      { value: "kalix", text: "Kalix centralort", name: "Kalix", weight: 50, centralort: true },
      { value: "nyborg", text: "Nyborg", name: "Nyborg", weight: 7 },
      { value: "tore", text: "Töre", name: "Töre", weight: 5 },
      { value: "karlsborg", text: "Karlsborg", name: "Karlsborg", weight: 4 },
      { value: "rolfs", text: "Rolfs", name: "Rolfs", weight: 4 },
      { value: "sangis", text: "Sangis", name: "Sangis", weight: 3 },
      { value: "batskarsnas", text: "Båtskärsnäs", name: "Båtskärsnäs", weight: 2 },
      { value: "palang", text: "Påläng", name: "Påläng", weight: 2 },
      { value: "annan", text: OTHER_AREA_TEXT, name: "byn", weight: 12 },
    ],
    // Mängdbrott (snatteri, skadegörelse), drogmissbruk and trafiksäkerhet with A-traktorer/mopeder.
    problemShift: {
      shoplifting: 0.7,
      drug_dealing: 0.45,
      speeding: 0.4,
      mopeds_atraktor: 0.4,
      vandalism: 0.3,
      burglary: 0.15,
    },
    priorityBoost: { police_presence: 0.4, volume_crime: 0.3, domestic_violence: 0.3, traffic_safety: 0.15 },
    unsafeShift: 0.1,
    policeTrustShift: -0.1,
    kommunTrustShift: 0,
    places: ["vid Coop", "på torget", "vid busstationen", "vid älvstranden", "vid ungdomsgården", "vid skolan"],
    source: "kalix-2022-2023.txt",
  },
  pajala: {
    kommun: "pajala",
    name: "Pajala kommun",
    areas: [
      { value: "pajala", text: "Pajala centralort", name: "Pajala", weight: 36, centralort: true },
      { value: "korpilombolo", text: "Korpilombolo", name: "Korpilombolo", weight: 9 },
      { value: "tarendo", text: "Tärendö", name: "Tärendö", weight: 6 },
      { value: "junosuando", text: "Junosuando", name: "Junosuando", weight: 5 },
      { value: "kangos", text: "Kangos", name: "Kangos", weight: 4 },
      { value: "kaunisvaara", text: "Kaunisvaara", name: "Kaunisvaara", weight: 3 },
      { value: "annan", text: OTHER_AREA_TEXT, name: "byn", weight: 20 },
    ],
    // Narkotika/droger and trygghet (våldsbrott); polisiär närvaro in the outer villages.
    problemShift: { drug_dealing: 0.45, intoxicated_public: 0.2, violence_public: 0.2, speeding: 0.1 },
    priorityBoost: { police_presence: 0.5, drugs_andt: 0.2, public_safety: 0.2, cooperation: 0.1 },
    unsafeShift: 0,
    policeTrustShift: -0.3,
    kommunTrustShift: -0.1,
    places: ["vid Coop", "vid busshållplatsen", "vid ungdomsgården", "vid skolan", "vid älven", "i centrum"],
    source: "pajala-2022.txt",
  },
  overtornea: {
    kommun: "overtornea",
    name: "Övertorneå kommun",
    areas: [
      { value: "overtornea", text: "Övertorneå centralort", name: "Övertorneå", weight: 44, centralort: true },
      { value: "svanstein", text: "Svanstein", name: "Svanstein", weight: 5 },
      { value: "hedenaset", text: "Hedenäset", name: "Hedenäset", weight: 5 },
      { value: "juoksengi", text: "Juoksengi", name: "Juoksengi", weight: 5 },
      { value: "pello", text: "Pello", name: "Pello", weight: 3 },
      { value: "annan", text: OTHER_AREA_TEXT, name: "byn", weight: 20 },
    ],
    // Unga, alkohol och droger; A-traktorer och mopeder; våldsbrott under särskilda helger.
    problemShift: {
      youth_alcohol: 0.6,
      mopeds_atraktor: 0.6,
      drug_dealing: 0.25,
      disorder: 0.2,
      violence_public: 0.2,
    },
    priorityBoost: { youth: 0.3, drugs_andt: 0.2, police_presence: 0.3 },
    unsafeShift: 0,
    policeTrustShift: -0.15,
    kommunTrustShift: 0,
    places: ["vid skolan", "vid ungdomsgården", "vid busstationen", "vid Coop", "vid badplatsen", "i centrum"],
    source: "overtornea-2020-2021.txt",
  },
  harjedalen: {
    kommun: "harjedalen",
    name: "Härjedalens kommun",
    areas: [
      { value: "sveg", text: "Sveg", name: "Sveg", weight: 30, centralort: true },
      { value: "funasdalen", text: "Funäsdalen", name: "Funäsdalen", weight: 10 },
      { value: "hede", text: "Hede", name: "Hede", weight: 8 },
      { value: "vemdalen", text: "Vemdalen", name: "Vemdalen", weight: 5 },
      { value: "ytterhogdal", text: "Ytterhogdal", name: "Ytterhogdal", weight: 5 },
      { value: "lillhardal", text: "Lillhärdal", name: "Lillhärdal", weight: 4 },
      { value: "lofsdalen", text: "Lofsdalen", name: "Lofsdalen", weight: 2 },
      { value: "tanndalen", text: "Tänndalen", name: "Tänndalen", weight: 2 },
      { value: "annan", text: OTHER_AREA_TEXT, name: "byn", weight: 16 },
    ],
    // Trafiksäkerhet på väg och i terräng (hastighet, nykterhet), ANDT bland unga, integration.
    problemShift: {
      speeding: 0.7,
      drink_driving: 0.6,
      youth_alcohol: 0.5,
      mopeds_atraktor: 0.1,
      drug_dealing: -0.2,
      shoplifting: -0.2,
    },
    priorityBoost: { traffic_safety: 0.4, integration: 0.35, drugs_andt: 0.15 },
    unsafeShift: -0.15,
    policeTrustShift: 0,
    kommunTrustShift: 0.1,
    places: ["vid busstationen", "vid liftarna", "på skoterlederna", "vid skolan", "vid Ljusnan", "vid affären"],
    source: "harjedalen-2019.txt",
  },
};

/** The problem rows a profile marks as notably high, highest first. */
export function notableProblems(profile: SyntheticProfile, threshold = 0.3): ProblemRowKey[] {
  return PROBLEM_ROWS.map((r) => r.value)
    .filter((key) => (profile.problemShift[key] ?? 0) >= threshold)
    .sort((a, b) => (profile.problemShift[b] ?? 0) - (profile.problemShift[a] ?? 0));
}

/** The profile's areas as the `areas` input of `buildStandardSurvey`. */
export function profileAreaChoices(profile: SyntheticProfile): ChoiceOption[] {
  return profile.areas.map((a) => ({ value: a.value, text: a.text }));
}

/** The standard medborgarenkät for a profile (or for other areas of the same kommun). */
export function standardCitizenDefinition(
  profile: SyntheticProfile,
  areas: readonly ChoiceOption[] = profileAreaChoices(profile),
): SurveyDefinition {
  return buildStandardSurvey({ kind: "medborgarenkat", areas });
}

// ---------------------------------------------------------------------------------------------------------------
// What a definition asks

export interface QuestionInfo {
  name: string;
  type: string;
  /** Choice values (with "none" when `showNoneItem`), for select-type questions. */
  choices: readonly string[];
  /** Matrix rows and columns. */
  rows: readonly string[];
  columns: readonly string[];
  maxSelectedChoices: number | null;
  maxLength: number | null;
  visibleIf: string | null;
}

export interface DefinitionInfo {
  /** Question names in page order; answers are built in this order. */
  order: readonly string[];
  questions: ReadonlyMap<string, QuestionInfo>;
  /** Values of the `area` question's choices. */
  areas: readonly string[];
}

function choiceValue(choice: unknown): string | undefined {
  if (typeof choice === "string" || typeof choice === "number") return String(choice);
  if (typeof choice === "object" && choice !== null && "value" in choice) {
    const value: unknown = choice.value;
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

function valuesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map(choiceValue).filter((v): v is string => v !== undefined);
}

function collectQuestions(elements: readonly SurveyElementJson[] | undefined, out: QuestionInfo[]): void {
  for (const element of elements ?? []) {
    if (element.type === "panel") {
      collectQuestions(element["elements"] as SurveyElementJson[] | undefined, out);
      continue;
    }
    // Dynamic panels and other containers: the generator does not answer them.
    if (element.type === "paneldynamic" || element.type === "html" || element.type === "image") continue;
    const choices = valuesOf(element["choices"]);
    // SurveyJS's special items have fixed default values (settings.noneItemValue, settings.otherItemValue).
    if (element["showNoneItem"] === true) choices.push("none");
    const max = element["maxSelectedChoices"];
    const maxLength = element["maxLength"];
    const visibleIf = element["visibleIf"];
    out.push({
      name: element.name,
      type: element.type,
      choices,
      rows: valuesOf(element["rows"]),
      columns: valuesOf(element["columns"]),
      maxSelectedChoices: typeof max === "number" && max > 0 ? max : null,
      maxLength: typeof maxLength === "number" && maxLength > 0 ? maxLength : null,
      visibleIf: typeof visibleIf === "string" && visibleIf.trim() !== "" ? visibleIf : null,
    });
  }
}

/** Reads which questions, choices and conditions a definition has, once, for many generated answers. */
export function describeDefinition(definition: SurveyDefinition): DefinitionInfo {
  const list: QuestionInfo[] = [];
  collectQuestions(definition.elements, list);
  for (const page of definition.pages ?? []) collectQuestions(page.elements, list);
  const questions = new Map(list.map((q) => [q.name, q]));
  return { order: list.map((q) => q.name), questions, areas: questions.get("area")?.choices ?? [] };
}

/** `visibleIf` of the bank; a definition whose condition differs is not answered (its truth is unknown here). */
const KNOWN_VISIBLE_IF: ReadonlyMap<string, string> = new Map(
  BANK.flatMap((e) => (typeof e.element["visibleIf"] === "string" ? [[e.name, e.element["visibleIf"]] as const] : [])),
);

export type AnswerValue = string | boolean | string[] | Record<string, string>;
/** One SurveyJS data object. */
export type SyntheticAnswer = Record<string, AnswerValue>;

/**
 * Collects values, keeping only what the definition can hold, and emits them in page order.
 * Conditional questions are only set by callers that know the condition holds (`conditionMet`).
 */
class AnswerBuilder {
  private readonly values = new Map<string, AnswerValue>();
  constructor(private readonly info: DefinitionInfo) {}

  set(name: string, value: AnswerValue | undefined, conditionMet = false): void {
    if (value === undefined) return;
    const q = this.info.questions.get(name);
    if (!q) return;
    if (q.visibleIf !== null && !(conditionMet && KNOWN_VISIBLE_IF.get(name) === q.visibleIf)) return;
    const valid = this.coerce(q, value);
    if (valid !== undefined) this.values.set(name, valid);
  }

  private coerce(q: QuestionInfo, value: AnswerValue): AnswerValue | undefined {
    switch (q.type) {
      case "radiogroup":
      case "dropdown":
        return typeof value === "string" && q.choices.includes(value) ? value : undefined;
      case "checkbox":
      case "tagbox": {
        if (!Array.isArray(value)) return undefined;
        const kept = value.filter((v) => q.choices.includes(v));
        // SurveyJS's "none" clears every other tick, so the two never appear together.
        const clean = kept.includes("none") ? ["none"] : kept;
        const capped = q.maxSelectedChoices === null ? clean : clean.slice(0, q.maxSelectedChoices);
        return capped.length > 0 ? capped : undefined;
      }
      case "boolean":
        return typeof value === "boolean" ? value : undefined;
      case "comment":
      case "text": {
        if (typeof value !== "string" || value.trim() === "") return undefined;
        return q.maxLength === null ? value : value.slice(0, q.maxLength);
      }
      case "matrix": {
        if (typeof value !== "object" || Array.isArray(value)) return undefined;
        const kept = Object.entries(value).filter(([row, col]) => q.rows.includes(row) && q.columns.includes(col));
        return kept.length > 0 ? Object.fromEntries(kept) : undefined;
      }
      default:
        return undefined;
    }
  }

  build(): SyntheticAnswer {
    const answer: SyntheticAnswer = {};
    for (const name of this.info.order) {
      const value = this.values.get(name);
      if (value !== undefined) answer[name] = value;
    }
    return answer;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The respondent

type AgeBand = "16-19" | "20-29" | "30-44" | "45-64" | "65-79" | "80+";
type Gender = "woman" | "man" | "other" | "no_answer";

/** Respondents of a paper/web trygghetsmätning in rural Norrbotten: older than the population, few teenagers. */
const AGE_WEIGHTS: readonly (readonly [AgeBand, number])[] = [
  ["16-19", 4],
  ["20-29", 8],
  ["30-44", 17],
  ["45-64", 33],
  ["65-79", 30],
  ["80+", 8],
];

const GENDER_WEIGHTS: readonly (readonly [Gender, number])[] = [
  ["woman", 50.5],
  ["man", 46.5],
  ["other", 1],
  ["no_answer", 2],
];

interface Respondent {
  area: string;
  central: boolean;
  areaName: string;
  age: AgeBand;
  gender: Gender;
  /** General worry about crime, N(0, 1): ties the answers of one person together. */
  concern: number;
  young: boolean;
  elderly: boolean;
}

function areaWeight(profile: SyntheticProfile, value: string): { weight: number; central: boolean; name: string } {
  const known = profile.areas.find((a) => a.value === value);
  if (known) return { weight: known.weight, central: known.centralort === true, name: known.name };
  // An area the profile does not know gets a small village's share.
  const smallest = Math.min(...profile.areas.map((a) => a.weight));
  return { weight: Number.isFinite(smallest) ? smallest : 1, central: false, name: "byn" };
}

function centralName(profile: SyntheticProfile): string {
  return profile.areas.find((a) => a.centralort)?.name ?? "centrum";
}

function drawRespondent(rng: Rng, info: DefinitionInfo, profile: SyntheticProfile): Respondent {
  if (info.areas.length === 0) throw new Error("The definition has no area choices; `area` is required.");
  const area = pickWeighted(
    rng,
    info.areas.map((value) => [value, areaWeight(profile, value).weight] as const),
  );
  const { central, name } = areaWeight(profile, area);
  const age = pickWeighted(rng, AGE_WEIGHTS);
  const gender = pickWeighted(rng, GENDER_WEIGHTS);
  return {
    area,
    central,
    areaName: name === "byn" ? centralName(profile) : name,
    age,
    gender,
    concern: normal(rng),
    young: age === "16-19" || age === "20-29",
    elderly: age === "65-79" || age === "80+",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

/** Baseline on the latent 1–4 scale for a small Norrbotten kommun, before kommun, area and age effects. */
const PROBLEM_BASE: Readonly<Record<ProblemRowKey, number>> = {
  litter: 2.1,
  vandalism: 1.9,
  poor_lighting: 2.15,
  disorder: 1.6,
  youth_gangs: 1.6,
  intoxicated_public: 1.8,
  drug_dealing: 1.9,
  youth_alcohol: 2.1,
  speeding: 2.3,
  mopeds_atraktor: 2.1,
  drink_driving: 1.9,
  burglary: 1.8,
  bike_theft: 1.7,
  shoplifting: 1.6,
  violence_public: 1.5,
  fraud: 2.0,
};

type RowEffects = Readonly<Partial<Record<ProblemRowKey, number>>>;

const CENTRAL_EFFECT: RowEffects = {
  disorder: 0.4,
  drug_dealing: 0.3,
  intoxicated_public: 0.4,
  shoplifting: 0.5,
  bike_theft: 0.4,
  vandalism: 0.3,
  youth_gangs: 0.3,
  litter: 0.2,
};
// Villages: no shops to steal from, but dark roads and through traffic.
const RURAL_EFFECT: RowEffects = { speeding: 0.15, poor_lighting: 0.3, burglary: 0.1, shoplifting: -0.3 };
const YOUNG_EFFECT: RowEffects = {
  youth_gangs: 0.5,
  mopeds_atraktor: 0.5,
  youth_alcohol: 0.2,
  drug_dealing: 0.2,
  fraud: -0.3,
};
const ELDERLY_EFFECT: RowEffects = { fraud: 0.4, youth_gangs: 0.1, speeding: 0.1 };
const WOMAN_EFFECT: RowEffects = { poor_lighting: 0.2 };

/** People can rarely judge drug dealing, drink driving or shoplifting they never see, so "vet ej" is common. */
const DONT_KNOW_BASE: Readonly<Record<ProblemRowKey, number>> = {
  litter: 0.02,
  vandalism: 0.05,
  poor_lighting: 0.02,
  disorder: 0.05,
  youth_gangs: 0.06,
  intoxicated_public: 0.06,
  drug_dealing: 0.16,
  youth_alcohol: 0.1,
  speeding: 0.02,
  mopeds_atraktor: 0.04,
  drink_driving: 0.14,
  burglary: 0.07,
  bike_theft: 0.09,
  shoplifting: 0.13,
  violence_public: 0.07,
  fraud: 0.1,
};

const ROW_KEYS: readonly ProblemRowKey[] = PROBLEM_ROWS.map((r) => r.value);

function toProblemValue(latent: number): "1" | "2" | "3" | "4" {
  if (latent < 1.5) return "1";
  if (latent < 2.5) return "2";
  if (latent < 3.5) return "3";
  return "4";
}

function citizenProblemLatents(rng: Rng, r: Respondent, profile: SyntheticProfile): Record<ProblemRowKey, number> {
  const out = {} as Record<ProblemRowKey, number>;
  for (const key of ROW_KEYS) {
    out[key] =
      PROBLEM_BASE[key] +
      (profile.problemShift[key] ?? 0) +
      ((r.central ? CENTRAL_EFFECT : RURAL_EFFECT)[key] ?? 0) +
      (r.young ? (YOUNG_EFFECT[key] ?? 0) : 0) +
      (r.elderly ? (ELDERLY_EFFECT[key] ?? 0) : 0) +
      (r.gender === "woman" ? (WOMAN_EFFECT[key] ?? 0) : 0) +
      0.45 * r.concern +
      0.7 * normal(rng);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Priorities

/** Citizens ask for visible police in every trygghetsmätning; integration and cooperation are rarely picked. */
const CITIZEN_PRIORITY_BASE: Readonly<Record<ThemeKey, number>> = {
  police_presence: 0.8,
  traffic_safety: 0,
  drugs_andt: 0,
  domestic_violence: 0.1,
  volume_crime: 0,
  public_safety: 0.3,
  violent_crime: 0,
  youth: 0.1,
  physical_environment: 0,
  cooperation: -0.4,
  integration: -0.5,
};

/**
 * Picks 1–3 themes: each theme scores by the worst problem row it covers plus the given pulls and noise,
 * so the priorities of a respondent follow the problems they see.
 */
function drawPriorities(
  rng: Rng,
  latents: Readonly<Record<ProblemRowKey, number>>,
  pulls: readonly Readonly<Partial<Record<ThemeKey, number>>>[],
): ThemeKey[] {
  const scores = THEME_KEYS.map((theme) => {
    let worst = 0;
    for (const row of PROBLEM_ROWS) {
      if ((row.themes as readonly ThemeKey[]).includes(theme)) worst = Math.max(worst, latents[row.value] - 2.2);
    }
    const pull = pulls.reduce((sum, p) => sum + (p[theme] ?? 0), 0);
    return { theme, score: worst + pull + 0.6 * normal(rng) };
  });
  scores.sort((a, b) => b.score - a.score);
  const count = pickWeighted(rng, [
    [1, 12],
    [2, 23],
    [3, 65],
  ] as const);
  return scores.slice(0, count).map((s) => s.theme);
}

// ---------------------------------------------------------------------------------------------------------------
// Free text

interface Sentence {
  text: string;
  /** Problem rows the sentence is about; the generator prefers sentences about the respondent's top problems. */
  rows: readonly ProblemRowKey[];
  /** True when the sentence has no keyword of the theme lexicon (checked in the test). */
  neutral?: boolean;
}

/** Answers to `unsafe_places`. `{plats}` is a local place of the kommun, `{ort}` the respondent's ort. */
export const UNSAFE_PLACE_SENTENCES: readonly Sentence[] = [
  { text: "Mörkt vid busstationen på kvällarna, behövs bättre belysning.", rows: ["poor_lighting"] },
  { text: "Gång- och cykelvägen längs älven är helt mörk på vintern.", rows: ["poor_lighting"] },
  { text: "Mopeder och A-traktorer kör för fort genom centrum på sommaren.", rows: ["mopeds_atraktor", "speeding"] },
  { text: "Det säljs narkotika öppet {plats}, alla vet om det.", rows: ["drug_dealing"] },
  { text: "Ungdomsgäng samlas {plats} på fredagskvällarna och det blir bråk.", rows: ["youth_gangs", "disorder"] },
  { text: "Berusade personer {plats} sent på kvällen gör att jag undviker att gå där.", rows: ["intoxicated_public"] },
  { text: "Bilar kör alldeles för fort genom {ort}, ingen respekterar hastighetsgränsen.", rows: ["speeding"] },
  { text: "Mycket klotter och krossat glas {plats}.", rows: ["vandalism", "litter"] },
  { text: "Skräp och glaskross vid badplatsen efter helgerna.", rows: ["litter"] },
  { text: "Otryggt {plats} när det är mörkt och inga människor är i rörelse.", rows: ["poor_lighting"] },
  { text: "Buskörning med A-traktorer på parkeringen vid affären varje kväll.", rows: ["mopeds_atraktor"] },
  { text: "Jag har sett langning av alkohol till ungdomar {plats}.", rows: ["youth_alcohol"] },
  { text: "När krogen stänger blir det slagsmål i centrum.", rows: ["violence_public", "disorder"] },
  { text: "Folk kör berusade hem från stugorna på helgerna.", rows: ["drink_driving"] },
  { text: "Skotrar kör för fort genom byn på vintern, det är farligt för barnen.", rows: ["speeding"] },
  { text: "Cykelstölder vid skolan, min son har blivit av med två cyklar.", rows: ["bike_theft"] },
  { text: "Snatteri i butikerna i centrum verkar ha ökat.", rows: ["shoplifting"] },
  { text: "Flera inbrott i förråd och garage i {ort} under hösten.", rows: ["burglary"] },
  { text: "Min mamma blev uppringd av bedragare som utgav sig för att vara banken.", rows: ["fraud"] },
  { text: "Jag är rädd att gå hem ensam från bussen när det är mörkt.", rows: ["poor_lighting"] },
  { text: "Det är stökigt {plats} när det är fest på helgerna.", rows: ["disorder"] },
  { text: "Narkotikapåverkade personer rör sig runt {plats}.", rows: ["intoxicated_public", "drug_dealing"] },
  { text: "Vägen in mot centrum saknar belysning på långa sträckor.", rows: ["poor_lighting"] },
  { text: "Inga särskilda platser, här är lugnt.", rows: [], neutral: true },
  { text: "Svårt att säga, jag är sällan ute sent.", rows: [], neutral: true },
];

/** Answers to `suggestions`. */
export const SUGGESTION_SENTENCES: readonly Sentence[] = [
  { text: "Mer synlig polis, gärna till fots i centrum på helgkvällar.", rows: [] },
  { text: "Bättre belysning på gång- och cykelvägarna.", rows: ["poor_lighting"] },
  { text: "Fler vuxna ute på kvällarna, till exempel nattvandrare.", rows: ["youth_gangs", "youth_alcohol"] },
  { text: "Hastighetskontroller på genomfartsvägen genom {ort}, särskilt på sommaren.", rows: ["speeding"] },
  { text: "Fler kontroller av mopeder och A-traktorer.", rows: ["mopeds_atraktor"] },
  { text: "Håll ungdomsgården öppen fler kvällar så att ungdomarna har någonstans att vara.", rows: ["youth_gangs"] },
  { text: "Sök med narkotikahund i skolorna oftare.", rows: ["drug_dealing"] },
  { text: "Att polisen svarar när man ringer och kommer när något händer.", rows: [] },
  { text: "Starta grannsamverkan i {ort}.", rows: ["burglary"] },
  { text: "Röj buskagen längs gångvägen så att man ser vem som kommer.", rows: ["poor_lighting"] },
  { text: "Farthinder vid skolan.", rows: ["speeding"] },
  { text: "Nykterhetskontroller på helgerna, många kör efter att ha druckit.", rows: ["drink_driving"] },
  { text: "Kameraövervakning vid busstationen.", rows: ["vandalism", "disorder"] },
  { text: "Snabbare hjälp till den som utsätts för våld i nära relation.", rows: [] },
  { text: "Fler aktiviteter för unga på helgerna.", rows: ["youth_gangs", "youth_alcohol"] },
  { text: "Städa upp i centrum oftare, det är mycket skräp.", rows: ["litter"] },
  { text: "Mer information om hur man skyddar sig mot bedrägerier, särskilt för äldre.", rows: ["fraud"] },
  { text: "Ingripa tidigare mot dem som säljer knark till ungdomar.", rows: ["drug_dealing", "youth_alcohol"] },
  { text: "Jag känner mig trygg, fortsätt som ni gör.", rows: [], neutral: true },
  { text: "Bra att ni frågar!", rows: [], neutral: true },
  { text: "Inget att tillägga.", rows: [], neutral: true },
];

/** Answers to `staff_places`. */
export const STAFF_PLACE_SENTENCES: readonly Sentence[] = [
  { text: "Centrum och busstationen fredag och lördag kväll.", rows: ["disorder", "intoxicated_public"] },
  { text: "Skolgårdarna efter skoltid, där samlas ungdomar och det förekommer narkotika.", rows: ["drug_dealing"] },
  { text: "Ungdomsgården och parkeringen utanför på helgkvällarna.", rows: ["youth_gangs"] },
  { text: "Genomfartsvägen genom {ort} sommartid, mycket mopeder och A-traktorer.", rows: ["mopeds_atraktor"] },
  { text: "Området {plats} i samband med lov och skolavslutning.", rows: ["youth_alcohol", "disorder"] },
  { text: "Vägarna ut mot byarna nattetid, risk för rattfylleri.", rows: ["drink_driving"] },
  { text: "Badplatsen under sommarkvällarna.", rows: ["youth_alcohol"] },
  { text: "Butikerna i centrum dagtid, återkommande snatterier.", rows: ["shoplifting"] },
  { text: "Kring midsommar och andra storhelger.", rows: ["violence_public", "drink_driving"] },
];

/** Answers to `staff_activities`. */
export const STAFF_ACTIVITY_SENTENCES: readonly Sentence[] = [
  { text: "Fler gemensamma trygghetsvandringar med kommun, polis och hyresvärdar.", rows: ["poor_lighting"] },
  { text: "Regelbundna träffar i SSPF-gruppen (skola, socialtjänst, polis och fritid).", rows: ["youth_gangs"] },
  { text: "Narkotikasök med hund i skolmiljö och mer information till föräldrar.", rows: ["drug_dealing"] },
  { text: "Riktade trafikkontroller mot mopeder och A-traktorer på sommaren.", rows: ["mopeds_atraktor"] },
  { text: "Vuxna på stan under riskkvällar, till exempel skolavslutning och valborg.", rows: ["youth_alcohol"] },
  { text: "Bättre belysning och röjning av buskage vid gång- och cykelvägar.", rows: ["poor_lighting"] },
  { text: "Samverkan med handlare mot snatteri.", rows: ["shoplifting"] },
  { text: "Starta eller utveckla grannsamverkan i byarna.", rows: ["burglary"] },
  { text: "Öppna ungdomsgården fler kvällar i veckan.", rows: ["youth_gangs"] },
  { text: "Mer stöd till den som utsätts för våld i nära relation.", rows: [] },
  { text: "Nykterhetskontroller i samverkan enligt Smadit.", rows: ["drink_driving"] },
];

function drawComment(
  rng: Rng,
  sentences: readonly Sentence[],
  latents: Readonly<Record<ProblemRowKey, number>>,
  fill: { ort: string; plats: string },
): string {
  // Two thirds write about what troubles them most; the rest about anything.
  const top = ROW_KEYS.filter((key) => latents[key] >= 2.8);
  const relevant = sentences.filter((s) => s.rows.some((row) => top.includes(row)));
  const first = relevant.length > 0 && chance(rng, 0.67) ? pick(rng, relevant) : pick(rng, sentences);
  let text = first.text;
  if (chance(rng, 0.1)) {
    const second = pick(rng, sentences);
    if (second !== first) text += ` ${second.text}`;
  }
  return text.replaceAll("{ort}", fill.ort).replaceAll("{plats}", fill.plats);
}

// ---------------------------------------------------------------------------------------------------------------
// One citizen answer

type SafetyAnswer = "very_safe" | "rather_safe" | "rather_unsafe" | "very_unsafe" | "never_out" | "dont_know";

function toSafety(latent: number): SafetyAnswer {
  if (latent < -0.4) return "very_safe";
  if (latent < 1.15) return "rather_safe";
  if (latent < 2.0) return "rather_unsafe";
  return "very_unsafe";
}

const AGE_UNSAFE: Readonly<Record<AgeBand, number>> = {
  "16-19": 0.15,
  "20-29": 0.05,
  "30-44": 0,
  "45-64": 0.05,
  "65-79": 0.3,
  "80+": 0.45,
};
const GENDER_UNSAFE: Readonly<Record<Gender, number>> = { woman: 0.75, man: 0, other: 0.5, no_answer: 0.35 };

function toTrust(latent: number): "1" | "2" | "3" | "4" | "5" {
  return String(clamp(Math.round(latent), 1, 5)) as "1" | "2" | "3" | "4" | "5";
}

const VICTIM_WEIGHTS = (r: Respondent): readonly (readonly [string, number])[] => [
  ["theft", 28],
  ["burglary", 7],
  ["vandalism", 18],
  ["threat", r.young ? 18 : 12],
  ["assault", r.young ? 8 : 4],
  ["fraud", r.elderly ? 43 : 24],
  ["harassment", r.young || r.gender === "woman" ? 21 : 12],
];

/**
 * One realistic answer to the standard medborgarenkät (or to `info`'s definition, restricted to what it asks).
 * Draws the respondent first, then every answer from it.
 */
export function generateAnswer(rng: Rng, info: DefinitionInfo, profile: SyntheticProfile): SyntheticAnswer {
  const r = drawRespondent(rng, info, profile);
  const out = new AnswerBuilder(info);
  const plats = pick(rng, profile.places);

  // Victimisation first: it feeds worry, police contact and trust.
  const victimSkipped = chance(rng, 0.04);
  const pVictim = clamp(0.2 + (r.young ? 0.08 : 0) + (r.central ? 0.04 : 0) + 0.05 * r.concern, 0.05, 0.6);
  let victims: string[] = ["none"];
  if (chance(rng, pVictim)) {
    const n = pickWeighted(rng, [
      [1, 75],
      [2, 20],
      [3, 5],
    ] as const);
    const picked = new Set<string>();
    for (let i = 0; i < n; i++) picked.add(pickWeighted(rng, VICTIM_WEIGHTS(r)));
    victims = [...picked];
  }
  const victim = !victims.includes("none");

  // Safety at night.
  const unsafeBase = profile.unsafeShift + GENDER_UNSAFE[r.gender] + AGE_UNSAFE[r.age] + 0.5 * r.concern;
  const pNeverOut =
    (r.age === "80+" ? 0.3 : r.age === "65-79" ? 0.08 : 0.02) + (r.gender === "woman" && r.elderly ? 0.06 : 0);
  const neverOut = chance(rng, pNeverOut);
  const safety = (offset: number, pDontKnow: number): SafetyAnswer => {
    if (neverOut && chance(rng, 0.85)) return "never_out";
    if (chance(rng, pDontKnow)) return "dont_know";
    return toSafety(unsafeBase + offset + 0.8 * normal(rng));
  };
  const areaOffset = r.central ? 0.15 : -0.25;
  const safeArea = safety(areaOffset, 0.025);
  // Village residents rarely are in the centre at night: more "vet ej", and the unfamiliar feels less safe.
  const safeCentre = safety(r.central ? 0.2 : 0.3, r.central ? 0.03 : 0.07);
  if (!chance(rng, 0.02)) out.set("safe_night_area", safeArea);
  if (!chance(rng, 0.02)) out.set("safe_night_centre", safeCentre);
  const unsafe = safeArea === "rather_unsafe" || safeArea === "very_unsafe";

  const worry = unsafeBase * 0.5 + 0.4 * r.concern + (victim ? 0.6 : 0) + 0.7 * normal(rng);
  if (!chance(rng, 0.03)) {
    out.set("worry_crime", worry < 0 ? "never" : worry < 1.3 ? "sometimes" : worry < 1.9 ? "fairly_often" : "often");
  }
  if (!chance(rng, 0.03)) {
    const avoided = chance(rng, 0.03)
      ? "dont_know"
      : chance(rng, logistic(-1.6 + 0.9 * unsafeBase + (victim ? 0.5 : 0)))
        ? chance(rng, 0.3)
          ? "yes_many"
          : "yes_once"
        : "no";
    out.set("avoided_activity", avoided);
  }

  const latents = citizenProblemLatents(rng, r, profile);
  const fill = { ort: r.areaName, plats };
  if (chance(rng, 0.1 + (unsafe ? 0.2 : 0))) {
    out.set("unsafe_places", drawComment(rng, UNSAFE_PLACE_SENTENCES, latents, fill));
  }
  if (chance(rng, 0.2 + (unsafe ? 0.1 : 0))) {
    const central = info.areas.find((a) => areaWeight(profile, a).central);
    const pickArea = pickWeighted(rng, [
      [central ?? r.area, 50],
      [r.area, 25],
      ["none_specific", 25],
    ] as const);
    out.set("unsafe_area_pick", pickArea);
  }

  // Problems where you live: a few skip the whole matrix, others skip single rows.
  if (!chance(rng, 0.03)) {
    const problems: Record<string, string> = {};
    const dontKnowExtra = (r.elderly ? 0.04 : 0) + (r.young ? 0.02 : 0);
    for (const key of ROW_KEYS) {
      if (chance(rng, 0.02)) continue;
      problems[key] = chance(rng, DONT_KNOW_BASE[key] + dontKnowExtra) ? "dont_know" : toProblemValue(latents[key]);
    }
    out.set("problems", problems);
  }

  if (!victimSkipped) {
    out.set("victim_12m", victims);
    if (victim && !chance(rng, 0.08)) {
      // Burglary and fraud need a police report for insurance and the bank; harassment rarely gets reported.
      const serious = victims.includes("burglary") || victims.includes("fraud");
      const reported = pickWeighted(rng, [
        ["all", serious ? 55 : 30],
        ["some", victims.length > 1 ? 25 : 8],
        ["none", serious ? 25 : 55],
      ] as const);
      out.set("victim_reported", reported, true);
    }
  }

  // Confidence and contact.
  if (!chance(rng, 0.02)) {
    const trust =
      3.4 +
      profile.policeTrustShift +
      (r.central ? 0.1 : -0.15) -
      0.3 * r.concern +
      (r.elderly ? 0.15 : 0) -
      (r.young ? 0.2 : 0) -
      (victim ? 0.2 : 0) +
      0.9 * normal(rng);
    out.set("trust_police_local", chance(rng, 0.07) ? "dont_know" : toTrust(trust));
  }
  if (!chance(rng, 0.02)) {
    const trust = 3.0 + profile.kommunTrustShift - 0.3 * r.concern + 0.9 * normal(rng);
    out.set("trust_kommun_safety", chance(rng, 0.14) ? "dont_know" : toTrust(trust));
  }
  if (!chance(rng, 0.03)) {
    out.set(
      "police_visible",
      pickWeighted(
        rng,
        r.central
          ? ([
              ["weekly", 15],
              ["monthly", 35],
              ["rarer", 40],
              ["never", 10],
            ] as const)
          : ([
              ["weekly", 3],
              ["monthly", 12],
              ["rarer", 55],
              ["never", 30],
            ] as const),
      ),
    );
  }
  if (!chance(rng, 0.04)) out.set("police_contact", chance(rng, 0.18 + (victim ? 0.35 : 0)));
  if (!chance(rng, 0.05)) {
    out.set("knows_promises", chance(rng, 0.15 + (r.elderly || r.age === "45-64" ? 0.08 : 0)));
  }

  // Priorities follow the problems the respondent sees, the kommun's own emphasis and the general wish for police.
  if (!chance(rng, 0.06)) {
    const pulls = [CITIZEN_PRIORITY_BASE, profile.priorityBoost, victim ? { volume_crime: 0.3 } : {}];
    out.set("priorities", drawPriorities(rng, latents, pulls));
  }
  if (chance(rng, 0.12 + (r.concern > 1 ? 0.1 : 0))) {
    out.set("suggestions", drawComment(rng, SUGGESTION_SENTENCES, latents, fill));
  }

  // About you: every demographic except area may be skipped.
  out.set("area", r.area);
  if (!chance(rng, 0.03)) out.set("age_band", r.age);
  if (!chance(rng, 0.03)) out.set("gender", r.gender);
  if (!chance(rng, 0.05)) {
    out.set(
      "years_in_area",
      pickWeighted(
        rng,
        r.age === "16-19"
          ? ([
              ["lt2", 4],
              ["2-10", 11],
              ["gt10", 85],
            ] as const)
          : r.age === "20-29"
            ? ([
                ["lt2", 15],
                ["2-10", 30],
                ["gt10", 55],
              ] as const)
            : ([
                ["lt2", 4],
                ["2-10", 12],
                ["gt10", 84],
              ] as const),
      ),
    );
  }
  if (!chance(rng, 0.06)) {
    out.set(
      "housing",
      pickWeighted(
        rng,
        r.central
          ? ([
              ["house", 50],
              ["rental", 35],
              ["condo", 10],
              ["other", 5],
            ] as const)
          : ([
              ["house", 85],
              ["rental", 8],
              ["condo", 1],
              ["other", 6],
            ] as const),
      ),
    );
  }
  return out.build();
}

export interface GenerateAnswersOptions {
  seed: number;
  count: number;
  profile: SyntheticProfile;
  /** The survey's areas when they differ from the profile's; unknown values get a small village's share. */
  areas?: readonly ChoiceOption[];
  /** The survey's own definition (for instance edited by the kommun); answers keep to what it asks. */
  definition?: SurveyDefinition;
}

/** The rng of a run: the seed mixed with the kommun, so kommuner differ at the same seed. */
export function rngFor(seed: number, kommun: string): Rng {
  return mulberry32((seed ^ hashString(kommun)) >>> 0);
}

/** `count` answers, the same for the same options. */
export function* generateAnswers(options: GenerateAnswersOptions): Generator<SyntheticAnswer> {
  const { seed, count, profile } = options;
  const definition = options.definition ?? standardCitizenDefinition(profile, options.areas);
  const info = describeDefinition(definition);
  const rng = rngFor(seed, profile.kommun);
  for (let i = 0; i < count; i++) yield generateAnswer(rng, info, profile);
}

/** `generateAnswers` as an array. */
export function generateAnswerList(options: GenerateAnswersOptions): SyntheticAnswer[] {
  return Array.from(generateAnswers(options));
}

// ---------------------------------------------------------------------------------------------------------------
// Staff answers (medarbetardialog)

const UNIT_WEIGHTS: Readonly<Record<string, number>> = {
  police: 22,
  school: 30,
  social: 18,
  leisure: 10,
  planning: 10,
  other: 10,
};

/** What each standard unit sees more of in its work; unknown units see the kommun-wide picture. */
const UNIT_FOCUS: Readonly<Record<string, RowEffects>> = {
  police: { drug_dealing: 0.4, drink_driving: 0.5, speeding: 0.3, violence_public: 0.3, fraud: 0.3 },
  school: { youth_gangs: 0.3, youth_alcohol: 0.5, drug_dealing: 0.3, vandalism: 0.3 },
  social: { intoxicated_public: 0.5, drug_dealing: 0.4, youth_alcohol: 0.3 },
  leisure: { youth_gangs: 0.4, mopeds_atraktor: 0.5, youth_alcohol: 0.4 },
  planning: { poor_lighting: 0.5, litter: 0.5, vandalism: 0.4, speeding: 0.3 },
};

const UNIT_PRIORITY: Readonly<Record<string, Readonly<Partial<Record<ThemeKey, number>>>>> = {
  police: { police_presence: 0.3, drugs_andt: 0.2, traffic_safety: 0.2, domestic_violence: 0.4 },
  school: { youth: 0.4, drugs_andt: 0.2 },
  social: { domestic_violence: 0.6, drugs_andt: 0.3, youth: 0.1 },
  leisure: { youth: 0.5, drugs_andt: 0.1 },
  planning: { physical_environment: 0.5, traffic_safety: 0.2 },
};

/** Staff pick cooperation far more than citizens do, and police presence less. */
const STAFF_PRIORITY_BASE: Readonly<Partial<Record<ThemeKey, number>>> = {
  police_presence: 0.2,
  cooperation: 0.3,
  domestic_violence: 0.2,
  integration: -0.2,
};

const unitValue = (option: ChoiceOption): string => (typeof option === "string" ? option : option.value);

/** One answer to the standard medarbetardialog (`buildStandardSurvey({ kind: "medarbetardialog", units })`). */
export function generateStaffAnswer(
  rng: Rng,
  units: readonly ChoiceOption[],
  profile: SyntheticProfile,
): SyntheticAnswer {
  if (units.length === 0) throw new Error("A medarbetardialog needs at least one unit.");
  const unit = pickWeighted(
    rng,
    units.map((u) => [unitValue(u), UNIT_WEIGHTS[unitValue(u)] ?? 10] as const),
  );
  const focus = UNIT_FOCUS[unit] ?? {};
  const concern = normal(rng);
  const answer: SyntheticAnswer = { unit };

  // Staff see the whole kommun: half of the centralort's excess, and their own field more sharply.
  const latents = {} as Record<ProblemRowKey, number>;
  for (const key of ROW_KEYS) {
    latents[key] =
      PROBLEM_BASE[key] +
      1.1 * (profile.problemShift[key] ?? 0) +
      0.5 * (CENTRAL_EFFECT[key] ?? 0) +
      (focus[key] ?? 0) +
      0.35 * concern +
      0.6 * normal(rng);
  }
  if (!chance(rng, 0.02)) {
    const problems: Record<string, string> = {};
    for (const key of ROW_KEYS) {
      if (chance(rng, 0.015)) continue;
      // Staff know their own field; outside it they answer "vet ej" more often than citizens do.
      const pDontKnow = focus[key] !== undefined ? 0.02 : unit === "police" ? 0.05 : 0.1;
      problems[key] = chance(rng, pDontKnow) ? "dont_know" : toProblemValue(latents[key]);
    }
    if (Object.keys(problems).length > 0) answer["staff_problems"] = problems;
  }
  if (!chance(rng, 0.03)) {
    answer["staff_priorities"] = drawPriorities(rng, latents, [
      STAFF_PRIORITY_BASE,
      profile.priorityBoost,
      UNIT_PRIORITY[unit] ?? {},
    ]);
  }
  const fill = { ort: centralName(profile), plats: pick(rng, profile.places) };
  if (chance(rng, 0.25)) answer["staff_places"] = drawComment(rng, STAFF_PLACE_SENTENCES, latents, fill);
  if (chance(rng, 0.25)) answer["staff_activities"] = drawComment(rng, STAFF_ACTIVITY_SENTENCES, latents, fill);
  if (!chance(rng, 0.03)) {
    answer["staff_cooperation"] = pickWeighted(rng, [
      ["very_good", 15],
      ["rather_good", unit === "police" || unit === "social" ? 55 : 45],
      ["rather_bad", 18],
      ["very_bad", 4],
      ["dont_know", unit === "other" || unit === "planning" ? 25 : 10],
    ] as const);
  }
  return answer;
}

/** `count` staff answers, the same for the same options. */
export function* generateStaffAnswers(options: {
  seed: number;
  count: number;
  profile: SyntheticProfile;
  units?: readonly ChoiceOption[];
}): Generator<SyntheticAnswer> {
  // A different stream from the citizens', so adding staff answers does not change the citizen answers.
  const rng = rngFor(options.seed, `${options.profile.kommun}:medarbetardialog`);
  for (let i = 0; i < options.count; i++)
    yield generateStaffAnswer(rng, options.units ?? DEFAULT_UNITS, options.profile);
}

// ---------------------------------------------------------------------------------------------------------------
// Submission dates

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When during the day people answer: a lunch bump and most in the evening. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 2],
  [8, 3],
  [9, 4],
  [10, 4],
  [11, 5],
  [12, 7],
  [13, 5],
  [14, 4],
  [15, 4],
  [16, 5],
  [17, 6],
  [18, 8],
  [19, 10],
  [20, 11],
  [21, 9],
  [22, 5],
  [23, 2],
];

/**
 * `count` submission times between `from` and `to`, ascending. Most arrive in the first days after the launch
 * (the letter or the kommun's post), a smaller bump follows a reminder halfway, the rest trickle in.
 * Hours of day count from `from`'s time of day, so pass local midnight of the opening day for local hours.
 */
export function generateSubmittedDates({
  rng,
  count,
  from,
  to,
}: {
  rng: Rng;
  count: number;
  from: Date;
  to: Date;
}): Date[] {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) throw new Error("`to` must be after `from`.");
  const days = (end - start) / DAY;
  const reminder = days >= 7 ? days / 2 : null;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let time: number | null = null;
    for (let attempt = 0; attempt < 5 && time === null; attempt++) {
      const mode = rng();
      // Exponential decay from the launch (mean 1.5 days), from the reminder (mean 1 day), or uniform.
      const offsetDays =
        mode < 0.55
          ? -1.5 * Math.log(1 - rng())
          : mode < 0.7 && reminder !== null
            ? reminder - Math.log(1 - rng())
            : rng() * days;
      const hour = pickWeighted(rng, HOUR_WEIGHTS);
      const candidate = start + Math.floor(offsetDays) * DAY + hour * HOUR + Math.floor(rng() * HOUR);
      if (candidate >= start && candidate <= end) time = candidate;
    }
    out.push(time ?? start + Math.floor(rng() * (end - start)));
  }
  return out.sort((a, b) => a - b).map((t) => new Date(t));
}
