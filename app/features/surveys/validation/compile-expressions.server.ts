/**
 * The expressions of a definition as the server sees them: survey-core's own check of every expression in a
 * loaded model (syntax, unknown functions and variables), and the parsing of each condition or expression the
 * server will evaluate into a ConditionRunner/ExpressionRunner, refusing functions that need a live survey,
 * `{$...}` property references and async functions, and warning about variables that are empty on the server.
 */
import {
  ConditionRunner,
  ConditionsParser,
  ExpressionRunner,
  FunctionFactory,
  FunctionOperand,
  Variable,
  settings,
} from "survey-core";
import type { SurveyModel } from "survey-core";
import { SERVER_UNSUPPORTED_FUNCTIONS, SURVEY_BUILTIN_VARIABLES } from "./limits.server";
import type { Cond } from "./plan.server";
import type { Issues } from "./compile-context.server";

export function checkExpressionsWithSurveyJs(model: SurveyModel, issues: Issues): void {
  for (const res of model.validateExpressions({ variables: true, functions: true, semantics: true })) {
    const owner = res.obj as unknown as {
      name?: string;
      isQuestion?: boolean;
      isPage?: boolean;
      isPanel?: boolean;
      getType(): string;
    } & Record<string, unknown>;
    const label = owner.isQuestion
      ? `fråga ${owner.name}`
      : owner.isPage
        ? `sidan ${owner.name}`
        : owner.isPanel
          ? `panelen ${owner.name}`
          : owner.getType() === "survey"
            ? "enkäten"
            : `${owner.getType()}${owner.name ? ` ${owner.name}` : ""}`;
    const text = typeof owner[res.propertyName] === "string" ? `"${owner[res.propertyName] as string}" ` : "";
    const where = `Uttrycket ${text}i ${label} (${res.propertyName})`;
    for (const err of res.errors) {
      // ExpressionErrorType: 0 syntax, 1 unknown function, 2 unknown variable, 3 semantic
      if (err.errorType === 0) issues.errors.push(`${where} kan inte tolkas.`);
      else if (err.errorType === 1) issues.errors.push(`${where} använder den okända funktionen ${err.functionName}.`);
      else if (err.errorType === 2)
        issues.warnings.push(`${where} använder den okända variabeln ${err.variableName}; den är alltid tom.`);
      else issues.warnings.push(`${where} ger alltid samma resultat.`);
    }
  }
}

/** A condition the server will evaluate, or null when there is none or it cannot be used. */
export function compileCondition(issues: Issues, expression: string | undefined, where: string): Cond | null {
  const vars = inspectExpression(issues, expression, where);
  if (!vars || !expression) return null;
  return {
    runner: new ConditionRunner(expression),
    usesSelf: vars.some((v) => v === "self" || v.startsWith("self.")),
  };
}

/** An expression the server will evaluate, or null when there is none or it cannot be used. */
export function compileExpression(
  issues: Issues,
  expression: string | undefined,
  where: string,
): ExpressionRunner | null {
  return inspectExpression(issues, expression, where) && expression ? new ExpressionRunner(expression) : null;
}

/** Parses an expression the server will evaluate; returns its variables (lower-case) or null. */
export function inspectExpression(issues: Issues, expression: string | undefined, where: string): string[] | null {
  if (typeof expression !== "string" || !expression.trim()) return null;
  const parser = new ConditionsParser();
  const op = parser.parseExpression(expression);
  if (!op) {
    issues.errors.push(`Uttrycket "${expression}" i ${where} kan inte tolkas.`);
    return null;
  }
  const fns: string[] = [];
  const vars: string[] = [];
  op.toString((o) => {
    if (o instanceof FunctionOperand) fns.push(o.functionName);
    else if (o instanceof Variable) vars.push(o.variable);
    return undefined as unknown as string;
  });
  let ok = true;
  for (const fn of fns) {
    if (!FunctionFactory.Instance.hasFunction(fn)) {
      issues.errors.push(`Uttrycket "${expression}" i ${where} använder den okända funktionen ${fn}.`);
      ok = false;
    } else if (SERVER_UNSUPPORTED_FUNCTIONS.has(fn.toLowerCase()) || FunctionFactory.Instance.isAsyncFunction(fn)) {
      issues.errors.push(
        `Uttrycket "${expression}" i ${where} använder funktionen ${fn}, som inte kan beräknas på servern.`,
      );
      ok = false;
    }
  }
  const lower = vars.map((v) => v.toLowerCase());
  for (const v of lower) {
    if (v.startsWith(settings.expressionElementPropertyPrefix || "$")) {
      issues.errors.push(
        `Uttrycket "${expression}" i ${where} läser en egenskap ({${v}}), vilket inte stöds på servern.`,
      );
      ok = false;
    } else if (
      v.startsWith("panel.") ||
      v.startsWith("row.") ||
      v.startsWith("composite.") ||
      v.startsWith("parentpanel.")
    ) {
      issues.warnings.push(`Uttrycket "${expression}" i ${where} använder {${v}}, som alltid är tomt på servern.`);
    } else if (SURVEY_BUILTIN_VARIABLES.has(v)) {
      issues.warnings.push(`Uttrycket "${expression}" i ${where} använder {${v}}, som inte finns på servern.`);
    }
  }
  return ok ? lower : null;
}
