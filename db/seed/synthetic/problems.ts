/** The latent problem scores of a respondent and the priorities that follow from them. */
import { PROBLEM_ROWS, type ProblemRowKey } from "../../../app/features/surveys/domain/question-bank";
import { THEME_KEYS, type ThemeKey } from "../../../app/features/surveys/domain/themes";
import type { SyntheticProfile } from "./profiles";
import { normal, pickWeighted, type Rng } from "./random";
import type { Respondent } from "./respondent";

// Problems

/** Baseline on the latent 1–4 scale for a small Norrbotten kommun, before kommun, area and age effects. */
export const PROBLEM_BASE: Readonly<Record<ProblemRowKey, number>> = {
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

export type RowEffects = Readonly<Partial<Record<ProblemRowKey, number>>>;

export const CENTRAL_EFFECT: RowEffects = {
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
export const DONT_KNOW_BASE: Readonly<Record<ProblemRowKey, number>> = {
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

export const ROW_KEYS: readonly ProblemRowKey[] = PROBLEM_ROWS.map((r) => r.value);

export function toProblemValue(latent: number): "1" | "2" | "3" | "4" {
  if (latent < 1.5) return "1";
  if (latent < 2.5) return "2";
  if (latent < 3.5) return "3";
  return "4";
}

export function citizenProblemLatents(
  rng: Rng,
  r: Respondent,
  profile: SyntheticProfile,
): Record<ProblemRowKey, number> {
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

// Priorities

/** Citizens ask for visible police in every trygghetsmätning; integration and cooperation are rarely picked. */
export const CITIZEN_PRIORITY_BASE: Readonly<Record<ThemeKey, number>> = {
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
export function drawPriorities(
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
