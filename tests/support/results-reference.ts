import { expect } from "vitest";
import { published } from "./published";
import { MIN, wilsonRef, type Data } from "./reference-stats";
import { QUESTIONS, type Reason, type TestQuestion } from "./results-survey";

// The results API's figures computed independently from the raw rows (`response.data` with `response.cell_key`),
// with this file's own counting, Wilson interval and suppression rules written from docs/domain/statistics.md, not
// the app's code. Every count is the published count of its own set of rows (cell-key perturbation,
// docs/decisions/014-cell-key-perturbation.md, through tests/support/published.ts); shares, intervals and
// suppression are computed from the published counts, as the app does.

/** A raw row: the answers and the record key. */
export interface KeyedData {
  data: Data;
  cell_key: number;
}

/**
 * One line (parts adding up to a shown total), suppressed as docs/domain/statistics.md#primary-suppression and
 * #complementary-suppression say: counts 0 < n < MIN hidden (all
 * parts when the total itself is that small); while exactly one entry is hidden, or the sum pins a hidden entry
 * down given what a reader knows (a small count lies in 1..MIN−1, anything else ≥ 0), the smallest shown
 * non-zero entry (a zero only if none is left; first on ties; the total last) is hidden too.
 */
function suppressLineRef(parts: number[], total: number): { parts: Reason[]; total: Reason } {
  const n = [...parts, total];
  const T = parts.length;
  const small = (x: number) => x > 0 && x < MIN;
  const reason: Reason[] = n.map((x) => (small(x) ? "below_min_base" : null));
  if (small(total)) for (let i = 0; i < T; i++) reason[i] = "below_min_base";
  const pickShown = () => {
    const shown = n.map((x, i) => ({ x, i })).filter(({ i }) => reason[i] === null);
    shown.sort((a, b) => Number(a.x === 0) - Number(b.x === 0) || a.x - b.x || a.i - b.i);
    return shown[0]?.i ?? null;
  };
  const pinned = () => {
    const hiddenIdx = n.map((_, i) => i).filter((i) => reason[i] !== null);
    const rhs = (reason[T] === null ? total : 0) - parts.reduce((s, x, i) => s + (reason[i] === null ? x : 0), 0);
    const lo = (i: number) =>
      reason[i] === "below_min_base" ? (i !== T && reason[T] === "below_min_base" ? 0 : 1) : 0;
    const hi = (i: number) => (reason[i] === "below_min_base" ? MIN - 1 : Infinity);
    return hiddenIdx.some((i) => {
      let min = 0;
      let max = 0;
      for (const j of hiddenIdx) {
        if (j === i) continue;
        min += j === T ? -hi(j) : lo(j);
        max += j === T ? -lo(j) : hi(j);
      }
      const [from, to] = i === T ? [min - rhs, max - rhs] : [rhs - max, rhs - min];
      return Math.min(to, hi(i)) - Math.max(from, lo(i)) <= 0;
    });
  };
  for (;;) {
    const hiddenCount = reason.filter((r) => r !== null).length;
    if (hiddenCount === 0 || !(hiddenCount === 1 || pinned())) break;
    const i = pickShown();
    if (i === null) break;
    reason[i] = "complementary";
  }
  return { parts: reason.slice(0, T), total: reason[T]! };
}

interface ExpectedOption {
  value: string;
  n: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  reason: Reason;
}
interface ExpectedIndicator {
  question: string;
  base: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  dont_know_share: number | null;
  never_out_share?: number | null;
  suppressed: boolean;
  reason: Reason;
}

const RULES = {
  problem: { numerator: ["4", "3"], excluded: ["dont_know"] },
  safety: { numerator: ["rather_unsafe", "very_unsafe"], excluded: ["dont_know"] },
};

function expectedQuestion(q: TestQuestion, rows: KeyedData[]) {
  // Each option's published count is that of the rows holding it; answered is that of the rows holding any option.
  const counts = new Map(q.options.map((o) => [o, published(rows.filter((r) => q.values(r.data).includes(o)))]));
  const answered = published(rows.filter((r) => q.values(r.data).some((v) => counts.has(v))));
  const ns = q.options.map((o) => counts.get(o)!);
  let reasons: Reason[];
  let answeredReason: Reason = null;
  let indicator: ExpectedIndicator | null = null;
  if (q.multi) {
    const smallGroup = answered > 0 && answered < MIN;
    reasons = ns.map((x) => (smallGroup || (x > 0 && x < MIN) ? "below_min_base" : null));
    if (smallGroup) answeredReason = "below_min_base";
  } else {
    const line = suppressLineRef(ns, answered);
    reasons = line.parts;
    answeredReason = line.total;
  }
  if (q.kind) {
    const rule = RULES[q.kind];
    const group = (o: string) => (rule.numerator.includes(o) ? 0 : rule.excluded.includes(o) ? 2 : 1);
    const members = [0, 1, 2].map((g) => q.options.filter((o) => group(o) === g));
    const width = Math.max(...members.map((m) => m.length));
    const lines = members.map((m) => {
      const parts = [...m.map((o) => counts.get(o)!), ...Array<number>(width - m.length).fill(0)];
      return {
        m,
        total: parts.reduce((a, b) => a + b, 0),
        result: suppressLineRef(
          parts,
          parts.reduce((a, b) => a + b, 0),
        ),
      };
    });
    // The indicator sums the published option counts: its answered is their sum, not the published answered.
    const k = lines[0]!.total;
    const base = k + lines[1]!.total;
    const dk = lines[2]!.total;
    const indicatorAnswered = base + dk;
    const totalsHidden = lines.some((l) => l.result.total !== null) || (answered > 0 && answered < MIN);
    if (totalsHidden || base < MIN) {
      indicator = suppressedIndicator(q, base < MIN ? "below_min_base" : "complementary");
    } else {
      reasons = q.options.map((o) => {
        const l = lines[group(o)]!;
        return l.result.parts[l.m.indexOf(o)]!;
      });
      answeredReason = null;
      const w = wilsonRef(k, base);
      indicator = {
        question: q.name,
        base,
        share: w.p,
        ci_low: w.low,
        ci_high: w.high,
        dont_know_share: dk / indicatorAnswered,
        suppressed: false,
        reason: null,
      };
      if (q.kind === "safety")
        indicator.never_out_share = reasons[q.options.indexOf("never_out")] ? null : counts.get("never_out")! / base;
    }
  }
  const answeredShown = answeredReason === null ? answered : null;
  const options: ExpectedOption[] = q.options.map((o, i) => {
    const shown = reasons[i] === null;
    // A published n above its published base (noise) has the share 100 %.
    const w = shown && answeredShown ? wilsonRef(Math.min(ns[i]!, answeredShown), answeredShown) : null;
    return {
      value: o,
      n: shown ? ns[i]! : null,
      share: w?.p ?? null,
      ci_low: w?.low ?? null,
      ci_high: w?.high ?? null,
      suppressed: !shown,
      reason: reasons[i]!,
    };
  });
  return { answered: answeredShown, options, indicator };
}

/** An indicator with no figure (a safety indicator also without its never_out share). */
function suppressedIndicator(q: TestQuestion, reason: Reason): ExpectedIndicator {
  return {
    question: q.name,
    base: null,
    share: null,
    ci_low: null,
    ci_high: null,
    dont_know_share: null,
    ...(q.kind === "safety" ? { never_out_share: null } : {}),
    suppressed: true,
    reason,
  };
}

function suppressedEverywhere(q: TestQuestion) {
  return {
    answered: null,
    options: q.options.map((o) => ({
      value: o,
      n: null,
      share: null,
      ci_low: null,
      ci_high: null,
      suppressed: true,
      reason: "below_min_base" as Reason,
    })),
    indicator: q.kind ? suppressedIndicator(q, "below_min_base") : null,
  };
}

// ---- comparing -----------------------------------------------------------------------------------------------------

interface ApiOption extends ExpectedOption {
  label: string;
}
interface ApiQuestion {
  name: string;
  type: string;
  title: string;
  answered: number | null;
  options: ApiOption[];
}
interface ApiIndicator extends ExpectedIndicator {
  kind: string;
}
export interface ApiResults {
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  questions: ApiQuestion[];
  indicators: ApiIndicator[];
}

export function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) expect(actual ?? null, what).toBeNull();
  else {
    expect(actual, what).not.toBeNull();
    expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-12);
  }
}

/** Compares every figure of an API answer with the figures computed here from `rows`. */
export function compare(api: ApiResults, rows: KeyedData[]) {
  const groupSmall = rows.length < MIN;
  expect(api.respondents).toBe(groupSmall ? null : published(rows));
  expect(api.suppressed).toBe(groupSmall);
  expect(api.questions.map((q) => q.name)).toEqual(QUESTIONS.map((q) => q.name));
  const indicatorNames = QUESTIONS.filter((q) => q.kind).map((q) => q.name);
  expect(api.indicators.map((i) => i.question)).toEqual(indicatorNames);
  for (const q of QUESTIONS) {
    const exp = groupSmall ? suppressedEverywhere(q) : expectedQuestion(q, rows);
    const got = api.questions.find((x) => x.name === q.name)!;
    expect(got.answered, `${q.name} answered`).toBe(exp.answered);
    expect(got.options.map((o) => o.value)).toEqual(q.options);
    got.options.forEach((o, i) => {
      const e = exp.options[i]!;
      const what = `${q.name}=${o.value}`;
      expect({ n: o.n, suppressed: o.suppressed, reason: o.reason }, what).toEqual({
        n: e.n,
        suppressed: e.suppressed,
        reason: e.reason,
      });
      close(o.share, e.share, `${what} share`);
      close(o.ci_low, e.ci_low, `${what} ci_low`);
      close(o.ci_high, e.ci_high, `${what} ci_high`);
    });
    if (exp.indicator) {
      const gi = api.indicators.find((x) => x.question === q.name)!;
      const ei = exp.indicator;
      expect(
        { base: gi.base, suppressed: gi.suppressed, reason: gi.reason, kind: gi.kind },
        `${q.name} indicator`,
      ).toEqual({
        base: ei.base,
        suppressed: ei.suppressed,
        reason: ei.reason,
        kind: q.kind,
      });
      for (const f of ["share", "ci_low", "ci_high", "dont_know_share", "never_out_share"] as const)
        close(gi[f], ei[f], `${q.name} indicator ${f}`);
    }
    // The privacy property itself: on a single-answer line with a shown total, never exactly one hidden entry.
    if (!q.multi && got.answered !== null)
      expect(got.options.filter((o) => o.suppressed).length, `${q.name} hidden`).not.toBe(1);
  }
}
