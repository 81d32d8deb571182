/**
 * The definition check and compilation entry points: `checkDefinition` (what the server can validate, with
 * errors and warnings in Swedish) and `compileValidationPlan` (a reusable plan for a definition that passes).
 * Both go through `analyse`: the structural check of the raw JSON, survey-core reading the definition (its
 * console output captured), survey-core's expression check, then the Compiler.
 */
import { Model } from "survey-core";
import type { SurveyModel } from "survey-core";
import type { DefinitionCheck } from "./limits.server";
import type { ValidationPlan } from "./plan.server";
import { isPlainObject, unique } from "./helpers.server";
import type { Issues } from "./compile-context.server";
import { walkRaw } from "./structure-check.server";
import { checkExpressionsWithSurveyJs } from "./compile-expressions.server";
import { compileModel } from "./compiler.server";
import { registerPlaceType } from "../domain/place-type";

/** Checks a survey definition (import or API) for what the server can validate; messages are in Swedish. */
export function checkDefinition(json: unknown): DefinitionCheck {
  const result = analyse(json);
  return {
    ok: result.errors.length === 0,
    errors: result.errors,
    warnings: result.warnings,
    questionNames: result.questionNames,
  };
}

/** Compiles a definition (which must pass `checkDefinition`) into a reusable validation plan. */
export function compileValidationPlan(definition: object): ValidationPlan {
  const result = analyse(definition);
  if (result.errors.length > 0 || !result.plan) {
    throw new Error(
      `compileValidationPlan: the definition does not pass checkDefinition: ${result.errors.join(" | ")}`,
    );
  }
  return result.plan;
}

export function analyse(json: unknown): Issues & { questionNames: string[]; plan: ValidationPlan | null } {
  const issues: Issues = { errors: [], warnings: [] };
  const done = () => ({
    errors: unique(issues.errors),
    warnings: unique(issues.warnings),
    questionNames: [] as string[],
    plan: null,
  });
  if (!isPlainObject(json)) {
    issues.errors.push("Definitionen måste vara ett JSON-objekt.");
    return done();
  }
  const hasPages = Array.isArray(json.pages);
  const hasElements = Array.isArray(json.elements) || Array.isArray(json.questions);
  if (!hasPages && !hasElements) {
    issues.errors.push("Definitionen måste ha en lista med sidor (pages) eller element (elements).");
    return done();
  }
  walkRaw(json, issues);
  // Go on after structural errors so that one round reports as much as possible; duplicates are merged.
  const structuralErrors = issues.errors.length > 0;

  let model: SurveyModel;
  const logged: string[] = [];
  try {
    registerPlaceType();
    model = withConsoleCaptured(logged, () => new Model(json));
  } catch (e) {
    issues.errors.push(`Definitionen kunde inte läsas av SurveyJS: ${(e as Error).message}`);
    return done();
  }
  try {
    for (const err of model.jsonErrors ?? []) {
      if (err.type === "unknownproperty") {
        const u = err as unknown as { propertyName?: string; className?: string };
        issues.warnings.push(`Egenskapen ${u.propertyName} (i ${u.className}) är okänd och ignoreras.`);
      } else if (!structuralErrors) issues.errors.push(`SurveyJS kan inte läsa definitionen: ${err.message}`);
    }
    checkExpressionsWithSurveyJs(model, issues);
    const compiled = compileModel(model, issues);
    const res = done();
    res.questionNames = compiled.questions.filter((q) => q.kind !== "expression").map((q) => q.name);
    return { ...res, plan: res.errors.length === 0 ? compiled : null };
  } catch (e) {
    issues.errors.push(`Definitionen kunde inte förberedas för validering: ${(e as Error).message}`);
    return done();
  } finally {
    model.dispose();
  }
}

/**
 * survey-core reports expression problems through console.error while a Model loads (its ConsoleWarnings class
 * is not exported); capture them during the synchronous constructor so that a definition check does not spam the
 * server log. The problems themselves are reported through validateExpressions.
 */
export function withConsoleCaptured<T>(sink: string[], fn: () => T): T {
  const { error, warn } = console;
  console.error = (...args: unknown[]) => void sink.push(args.map(String).join(" "));
  console.warn = console.error;
  try {
    return fn();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
