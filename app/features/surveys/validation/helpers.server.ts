import { ConditionRunner, ExpressionRunner } from "survey-core";
import { BAD_CHARS_RE } from "./limits.server";
import type { Scalar, QuestionPlan, Values } from "./plan.server";

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

export function isOtherSelected(q: QuestionPlan, value: unknown): boolean {
  if (!("choices" in q) || q.choices.other === null || value === undefined) return false;
  const cs = q.choices;
  if (valueIncludes(value, cs.other!)) return true;
  if (cs.otherAsComment) return false;
  // The Other text in place of the value: any string that is not a known choice.
  const list = Array.isArray(value) ? value : [value];
  return list.some(
    (v) =>
      typeof v === "string" && !cs.items.some((c) => c.value === v) && !cs.specials.includes(v) && !cs.customAllowed,
  );
}

export function valueIncludes(value: unknown, x: Scalar): boolean {
  return Array.isArray(value) ? value.includes(x) : value === x;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isScalar(v: unknown): v is Scalar {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** o[k] without inherited members: a question or row named "toString" must not read Object.prototype. */
export function own(o: Record<string, unknown>, k: string): unknown {
  return hasOwn(o, k) ? o[k] : undefined;
}

/** survey-core's notion of "no answer": undefined, null, "", [], or an object whose values are all empty. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) if (!isEmptyValue(v[k])) return false;
    return true;
  }
  return false;
}

export function hasBadChars(v: unknown): boolean {
  if (typeof v === "string") return BAD_CHARS_RE.test(v);
  if (Array.isArray(v)) return v.some(hasBadChars);
  if (isPlainObject(v)) return Object.keys(v).some((k) => BAD_CHARS_RE.test(k) || hasBadChars(v[k]));
  return false;
}

export function looseEquals(a: unknown, b: unknown): boolean {
  return (
    a === b ||
    ((typeof a === "number" || typeof a === "string") &&
      (typeof b === "number" || typeof b === "string") &&
      String(a) === String(b))
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs a compiled expression on answer data. survey-core can throw on hostile values (e.g. an object whose
 * own `toString` is not a function); such a value always fails its own question's type check, so treating the
 * expression as false/empty cannot turn an invalid answer into a valid one.
 */
export function safeRun(runner: ConditionRunner | ExpressionRunner, values: Values): unknown {
  try {
    return runner.runValues(values);
  } catch {
    return undefined;
  }
}

export function roundValue(v: unknown, precision: number): unknown {
  if (v === Infinity || v === -Infinity) return undefined;
  if (precision < 0 || typeof v !== "number") return v;
  return parseFloat(v.toFixed(precision));
}

export function isStepMultiple(value: number, step: number): boolean {
  // survey-core's isStepNumberIncorrect: scale both to integers before the modulo.
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(value * pw) / pw !== value) && pw < 1000000) pw *= 10;
  return Math.round(value * pw) % Math.round(step * pw) === 0;
}

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function unique(list: string[]): string[] {
  return [...new Set(list)];
}
