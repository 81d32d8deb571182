/** One answer to the standard medborgarenkät, and runs of them. */
import type { ChoiceOption, SurveyDefinition } from "../../../app/features/surveys/domain/question-bank";
import { AnswerBuilder, describeDefinition, type DefinitionInfo, type SyntheticAnswer } from "./definition";
import {
  citizenProblemLatents,
  CITIZEN_PRIORITY_BASE,
  DONT_KNOW_BASE,
  drawPriorities,
  ROW_KEYS,
  toProblemValue,
} from "./problems";
import { standardCitizenDefinition, type SyntheticProfile } from "./profiles";
import { chance, clamp, logistic, normal, pick, pickWeighted, rngFor, type Rng } from "./random";
import { areaWeight, drawRespondent, type AgeBand, type Gender, type Respondent } from "./respondent";
import { drawComment, SUGGESTION_SENTENCES, UNSAFE_PLACE_SENTENCES } from "./sentences";

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
