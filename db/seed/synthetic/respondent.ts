/** The respondent behind one synthetic answer: area, age, gender and a general level of concern. */
import type { DefinitionInfo } from "./definition";
import type { SyntheticProfile } from "./profiles";
import { normal, pickWeighted, type Rng } from "./random";

export type AgeBand = "16-19" | "20-29" | "30-44" | "45-64" | "65-79" | "80+";
export type Gender = "woman" | "man" | "other" | "no_answer";

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

export interface Respondent {
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

export function areaWeight(
  profile: SyntheticProfile,
  value: string,
): { weight: number; central: boolean; name: string } {
  const known = profile.areas.find((a) => a.value === value);
  if (known) return { weight: known.weight, central: known.centralort === true, name: known.name };
  // An area the profile does not know gets a small village's share.
  const smallest = Math.min(...profile.areas.map((a) => a.weight));
  return { weight: Number.isFinite(smallest) ? smallest : 1, central: false, name: "byn" };
}

export function centralName(profile: SyntheticProfile): string {
  return profile.areas.find((a) => a.centralort)?.name ?? "centrum";
}

export function drawRespondent(rng: Rng, info: DefinitionInfo, profile: SyntheticProfile): Respondent {
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
