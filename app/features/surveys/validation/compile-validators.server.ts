/**
 * Compilation of the validators a definition puts on a question or a multiple-text field (numeric, text,
 * answer count, regex, e-mail, expression) into plain specs; regex patterns go through the safe-regexp check,
 * warnings and info validators are left out (they never block an answer), every other validator is an error.
 */
import { Helpers } from "survey-core";
import type { SurveyValidator } from "survey-core";
import { compileSafeRegExp, MAX_PATTERN_LENGTH } from "~/platform/safe-regexp.server";
import { toLocText } from "./messages.server";
import type { ValidatorSpec } from "./plan.server";
import type { CompileContext } from "./compile-context.server";

/** Why a regex validator's pattern is refused (app/platform/safe-regexp.server.ts), in Swedish like every check message. */
const REGEX_REFUSAL = {
  invalid: (p: string) => `det reguljära uttrycket ${p} är ogiltigt.`,
  too_long: (p: string) => `det reguljära uttrycket ${p.slice(0, 40)}… är längre än ${MAX_PATTERN_LENGTH} tecken.`,
  unsafe: (p: string) =>
    `det reguljära uttrycket ${p} kan ta orimligt lång tid att pröva (en upprepad grupp som själv innehåller upprepning eller alternativ, eller en bakåtreferens). Förenkla uttrycket.`,
} as const;

/** The definition's validators of a question (or field) that block an answer; unsupported ones are errors. */
export function compileValidators(ctx: CompileContext, list: SurveyValidator[], where: string): ValidatorSpec[] {
  const out: ValidatorSpec[] = [];
  for (const v of list ?? []) {
    if (v.notificationType && v.notificationType !== "error") continue; // warnings/info never block
    const json = v.toJSON() as Record<string, unknown>;
    const text = toLocText(json.text);
    const num = (x: unknown): number | null => (Helpers.isNumber(x) ? (Helpers.getNumber(x) as number) : null);
    switch (v.getType()) {
      case "numericvalidator":
        out.push({ type: "numeric", min: num(json.minValue), max: num(json.maxValue), text });
        break;
      case "textvalidator":
        out.push({
          type: "text",
          minLength: num(json.minLength) ?? 0,
          maxLength: num(json.maxLength) ?? 0,
          allowDigits: json.allowDigits !== false,
          text,
        });
        break;
      case "answercountvalidator":
        out.push({ type: "answercount", min: num(json.minCount) ?? 0, max: num(json.maxCount) ?? 0, text });
        break;
      case "regexvalidator": {
        if (typeof json.regex !== "string" || !json.regex) break;
        const compiled = compileSafeRegExp(json.regex, Boolean(json.caseInsensitive || json.insensitive));
        if (compiled.ok) out.push({ type: "regex", re: compiled.re, text });
        else ctx.issues.errors.push(`${where}: ${REGEX_REFUSAL[compiled.reason](json.regex)}`);
        break;
      }
      case "emailvalidator":
        out.push({ type: "email", text });
        break;
      case "expressionvalidator": {
        const cond = ctx.cond(typeof json.expression === "string" ? json.expression : "", `${where} (validator)`);
        if (cond) out.push({ type: "expression", cond, text });
        break;
      }
      default:
        ctx.issues.errors.push(`${where}: valideringen ${v.getType()} stöds inte.`);
    }
  }
  return out;
}
