/**
 * What cell-key perturbation leaves to an attacker who collects many *different* trackers of one small group
 * (docs/privacy.md, "Differencing"; docs/decisions/014-cell-key-perturbation.md). Pure simulation over the app's own
 * perturbation table, with random record keys: each tracker is a difference of two published counts (a group of
 * B + C and a group of B, B from 10 to 70) whose cell keys are independent. Two attackers:
 * - "pinned": intersects the true values each tracker allows by the public table, with the prior that a suppressed
 *   group holds 0–4; success when exactly one value is left (the attacker is then certain);
 * - "mean": rounds the mean of the differences (a guess, never certain), success when it equals the truth.
 *
 *   npx tsx scripts/cell-key-attack.ts [--runs 2000]
 */
import { MAX_DEVIATION, noiseDistribution, perturb } from "../app/features/results/domain/cell-key";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 2000);
const preimages = new Map<number, number[]>();
function preimage(p: number): number[] {
  let out = preimages.get(p);
  if (!out) {
    out = [];
    for (let n = Math.max(0, p - MAX_DEVIATION); n <= p + MAX_DEVIATION; n++)
      if ((noiseDistribution(n).get(p - n) ?? 0) > 0) out.push(n);
    preimages.set(p, out);
  }
  return out;
}
const key = () => Math.floor(Math.random() * 256);

console.log(`| trackers | group | pinned (certain) | mean rounded right |`);
console.log(`|---:|---:|---:|---:|`);
for (const k of [1, 2, 5, 10, 25, 50, 100, 500])
  for (const C of [1, 2, 4]) {
    let pinned = 0;
    let guessed = 0;
    for (let r = 0; r < runs; r++) {
      let lo = 0;
      let hi = 4;
      let total = 0;
      for (let i = 0; i < k; i++) {
        const B = 10 + Math.floor(Math.random() * 61);
        const a = perturb(B + C, key());
        const b = perturb(B, key());
        total += a - b;
        const pa = preimage(a);
        const pb = preimage(b);
        lo = Math.max(lo, pa[0]! - pb.at(-1)!);
        hi = Math.min(hi, pa.at(-1)! - pb[0]!);
      }
      if (lo === hi) pinned++;
      if (Math.round(total / k) === C) guessed++;
    }
    const pct = (x: number) => `${((100 * x) / runs).toFixed(1)} %`;
    console.log(`| ${k} | ${C} | ${pct(pinned)} | ${pct(guessed)} |`);
  }
