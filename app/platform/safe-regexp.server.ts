// Regular expressions from survey definitions (regex validators) run on every submitted answer. A pattern such
// as ^(a+)+$ backtracks exponentially on "aaaa…b", so one imported definition could stall the server for
// everyone (ReDoS). Defence in two layers:
// 1. V8's linear-time engine (the `l` flag, enabled below) runs every pattern it supports, whatever the input.
// 2. Patterns it cannot run (back-references, look-arounds, the `i` flag in V8 of Node 20) are accepted only when
//    a static check finds no nested or overlapping unbounded quantifier; otherwise the definition is refused
//    with a message saying why. V8 is also told to fall back to the linear engine on excessive backtracking.
import v8 from "node:v8";

v8.setFlagsFromString("--enable-experimental-regexp-engine");
v8.setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");

/** Longest pattern accepted from a definition. */
export const MAX_PATTERN_LENGTH = 500;

export type SafeRegExpResult =
  { ok: true; re: RegExp; linear: boolean } | { ok: false; reason: "invalid" | "too_long" | "unsafe" };

/** Compiles a definition's pattern so that testing it takes time linear, or at worst polynomially bounded, in the input. */
export function compileSafeRegExp(pattern: string, caseInsensitive = false): SafeRegExpResult {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: "too_long" };
  const flags = caseInsensitive ? "i" : "";
  let plain: RegExp;
  try {
    plain = new RegExp(pattern, flags);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  try {
    return { ok: true, re: new RegExp(pattern, `${flags}l`), linear: true };
  } catch {
    // Not supported by the linear engine: fall through to the static check.
  }
  return hasCatastrophicShape(pattern) ? { ok: false, reason: "unsafe" } : { ok: true, re: plain, linear: false };
}

/**
 * True when the pattern has a back-reference, or an unboundedly repeated group that itself contains a
 * quantifier or an alternation (star height > 1, or (a|a)* style overlap): the shapes behind exponential
 * backtracking. Conservative: it may refuse some harmless patterns, never the other way round for these shapes.
 */
export function hasCatastrophicShape(pattern: string): boolean {
  if (/\\[1-9]|\\k</.test(pattern)) return true;
  // Walk the pattern, tracking per open group whether it contains a quantifier or an alternation.
  const stack: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      continue;
    }
    if (c === "(") {
      stack.push({ risky: false });
      // Skip a group prefix: (?: (?= (?! (?<= (?<! (?<name>
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i + 1));
      if (prefix) i += prefix[0].length;
      continue;
    }
    if (c === "|") {
      if (stack.length) stack[stack.length - 1]!.risky = true;
      continue;
    }
    if (c === ")") {
      const group = stack.pop();
      const next = pattern.slice(i + 1);
      const unbounded = /^(?:[*+]|\{\d+,\})/.test(next);
      if (group?.risky && unbounded) return true;
      // A group containing a quantifier makes its parent risky too.
      if (stack.length && (group?.risky || /^(?:[*+?]|\{\d+(?:,\d*)?\})/.test(next)))
        stack[stack.length - 1]!.risky = true;
      continue;
    }
    if ((c === "*" || c === "+" || c === "?" || c === "{") && stack.length) {
      if (c !== "{" || /^\{\d+,\d*\}/.test(pattern.slice(i))) stack[stack.length - 1]!.risky = true;
    }
  }
  return false;
}
