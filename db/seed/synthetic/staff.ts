/** Staff answers (medarbetardialog). */
import {
  DEFAULT_UNITS,
  type ChoiceOption,
  type ProblemRowKey,
} from "../../../app/features/surveys/domain/question-bank";
import type { ThemeKey } from "../../../app/features/surveys/domain/themes";
import type { SyntheticAnswer } from "./definition";
import { CENTRAL_EFFECT, drawPriorities, PROBLEM_BASE, ROW_KEYS, toProblemValue, type RowEffects } from "./problems";
import type { SyntheticProfile } from "./profiles";
import { chance, normal, pick, pickWeighted, rngFor, type Rng } from "./random";
import { centralName } from "./respondent";
import { drawComment, STAFF_ACTIVITY_SENTENCES, STAFF_PLACE_SENTENCES } from "./sentences";

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
