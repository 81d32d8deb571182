/**
 * Weighting: post-stratification on age band × gender, with merges of empty cells, and each respondent's weight
 * (docs/domain/statistics.md). Pure functions, part of the statistics face `./statistics` (its header states the
 * conventions).
 */
import { assertFiniteNonNegative } from "./statistics-intervals";

/** `${ageBand}|${gender}` */
export type CellKey = string;

export const cellKey = (ageBand: string, gender: string): CellKey => `${ageBand}|${gender}`;

export type PostStratification = {
  /** Weight per cell with respondents (merged cells share their group's weight). */
  weights: Record<CellKey, number>;
  /** Each empty cell and the cell (same gender, neighbouring age bands) whose group it was merged into. */
  merges: { from: CellKey; into: CellKey }[];
  /** Genders with no respondents at all: their population cannot be represented and is left out. */
  unrepresented: string[];
  /** A Swedish description of the method, for display next to weighted figures. */
  method: string;
};

/**
 * Post-stratification on age band × gender (docs/domain/statistics.md#post-stratification): weight = population share of the respondent's cell /
 * sample share of that cell.
 *
 * - `population`: population count (or share) per cell, e.g. from SCB. `sample`: number of respondents per cell,
 *   counting ONLY respondents whose age band is in `ageBands` and whose gender is in `genders`. `ageBands` must
 *   be in age order (merging uses neighbours). Pass only genders the population source has figures for (SCB:
 *   kvinna/man): answers such as "Annat" or "Vill inte svara" count as "without gender".
 * - Empty cells (no respondents, population > 0) are merged with the neighbouring age band of the same gender:
 *   the neighbour that has respondents, preferring the younger one; if neither has, the younger (the merged
 *   group then keeps merging until it has respondents). Each merge is returned (`into` is the cell with
 *   respondents that the group ends up in) and stated in `method`.
 * - Population shares are taken over the represented population, so the weights of the weighted respondents sum
 *   to their number. Respondents WITHOUT age or gender get weight 1 (docs/domain/statistics.md#post-stratification): the caller looks a
 *   respondent up with `respondentWeight(result.weights, ageBand, gender)`, which returns 1 for them. Because the
 *   weighted respondents' weights sum to their count, the total weight equals the number of respondents.
 * - Throws if a cell group has respondents but no population figure (weight 0 would silently drop answers).
 */
export function postStratify(input: {
  population: Record<CellKey, number>;
  sample: Record<CellKey, number>;
  ageBands: readonly string[];
  genders: readonly string[];
  /** Population source for the method text, e.g. "SCB, 31 december 2024". */
  source?: string;
}): PostStratification {
  const { population, sample, ageBands, genders, source } = input;
  type Group = { bands: number[]; pop: number; n: number };
  const groupsByGender = new Map<string, Group[]>();
  const merges: { from: CellKey; into: CellKey }[] = [];
  const unrepresented: string[] = [];

  for (const gender of genders) {
    const groups: Group[] = ageBands.map((band, i) => {
      const pop = population[cellKey(band, gender)] ?? 0;
      const n = sample[cellKey(band, gender)] ?? 0;
      assertFiniteNonNegative(pop, `population[${cellKey(band, gender)}]`);
      assertFiniteNonNegative(n, `sample[${cellKey(band, gender)}]`);
      return { bands: [i], pop, n };
    });
    if (groups.every((g) => g.n === 0)) {
      if (groups.some((g) => g.pop > 0)) unrepresented.push(gender);
      continue;
    }
    const emptyBands: number[] = [];
    for (;;) {
      const index = groups.findIndex((g) => g.n === 0 && g.pop > 0);
      if (index < 0) break;
      const younger = groups[index - 1];
      const older = groups[index + 1];
      const target =
        younger && younger.n > 0 ? index - 1 : older && older.n > 0 ? index + 1 : younger ? index - 1 : index + 1;
      const [a, b] = [Math.min(index, target), Math.max(index, target)];
      const first = groups[a] as Group;
      const second = groups[b] as Group;
      for (const band of (groups[index] as Group).bands) {
        if ((sample[cellKey(ageBands[band] as string, gender)] ?? 0) === 0) emptyBands.push(band);
      }
      groups.splice(a, 2, {
        bands: [...first.bands, ...second.bands],
        pop: first.pop + second.pop,
        n: first.n + second.n,
      });
    }
    for (const band of [...new Set(emptyBands)].sort((x, y) => x - y)) {
      const group = groups.find((g) => g.bands.includes(band)) as Group;
      const anchor = group.bands.find((b) => (sample[cellKey(ageBands[b] as string, gender)] ?? 0) > 0) as number;
      merges.push({
        from: cellKey(ageBands[band] as string, gender),
        into: cellKey(ageBands[anchor] as string, gender),
      });
    }
    groupsByGender.set(gender, groups);
  }

  let totalPop = 0;
  let totalN = 0;
  for (const groups of groupsByGender.values()) {
    for (const g of groups) {
      totalPop += g.pop;
      totalN += g.n;
    }
  }
  const weights: Record<CellKey, number> = {};
  for (const [gender, groups] of groupsByGender) {
    for (const g of groups) {
      if (g.n === 0) continue; // a group with neither respondents nor population: nobody to weight
      if (g.pop === 0) {
        const cells = g.bands.map((b) => cellKey(ageBands[b] as string, gender)).join(", ");
        throw new RangeError(`No population figure for ${cells}, which has respondents`);
      }
      const weight = g.pop / totalPop / (g.n / totalN);
      for (const band of g.bands) weights[cellKey(ageBands[band] as string, gender)] = weight;
    }
  }

  const label = (key: CellKey) => {
    const [band, gender] = key.split("|");
    return `${gender}, ${band}`;
  };
  let method =
    `Vägning efter ålder och kön (poststratifiering) mot befolkningen${source ? ` enligt ${source}` : ""}: ` +
    "varje svarandes vikt är den egna gruppens andel av befolkningen delad med gruppens andel av de svarande. " +
    "Svarande utan uppgift om ålder eller kön har vikten 1.";
  if (merges.length > 0) {
    method +=
      " Grupper utan svarande har slagits ihop med närmaste åldersgrupp av samma kön: " +
      merges.map((m) => `${label(m.from)} med ${label(m.into)}`).join("; ") +
      ".";
  }
  if (unrepresented.length > 0) {
    method += ` Det finns inga svarande med kön ${unrepresented.join(", ")}; den delen av befolkningen ingår inte i vägningen.`;
  }
  return { weights, merges, unrepresented, method };
}

/** A respondent's weight: the cell weight, or 1 when age band or gender is missing or outside the weighting cells. */
export function respondentWeight(
  weights: Record<CellKey, number>,
  ageBand: string | null | undefined,
  gender: string | null | undefined,
): number {
  if (ageBand == null || gender == null) return 1;
  return weights[cellKey(ageBand, gender)] ?? 1;
}
