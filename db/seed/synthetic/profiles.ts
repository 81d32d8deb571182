/** The problem profiles of the demo kommuner, taken from their medborgarlöfte documents (data). */
import {
  buildStandardSurvey,
  PROBLEM_ROWS,
  type ChoiceOption,
  type ProblemRowKey,
  type SurveyDefinition,
} from "../../../app/features/surveys/domain/question-bank";
import type { ThemeKey } from "../../../app/features/surveys/domain/themes";

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
