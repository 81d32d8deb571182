/**
 * What the question-type compilers (compile-choices, compile-text, compile-validators) need from the Compiler
 * that walks a definition: the SurveyJS model, the list of errors and warnings being collected, condition and
 * expression compilation, one-time warnings and the note that a question carries its choices from another.
 * The Compiler (compiler.server.ts) implements it; the parts stay plain functions that never see its state.
 */
import type { ExpressionRunner, SurveyModel } from "survey-core";
import type { Cond } from "./plan.server";

/** Errors and warnings about a definition, in Swedish, collected while it is checked and compiled. */
export interface Issues {
  errors: string[];
  warnings: string[];
}

export interface CompileContext {
  readonly model: SurveyModel;
  readonly issues: Issues;
  cond(expression: string | undefined, where: string): Cond | null;
  expr(expression: string | undefined, where: string): ExpressionRunner | null;
  warnOnce(key: string, message: string): void;
  /** The question being compiled takes its choices from question `name`; resolved once all are compiled. */
  carryChoicesFrom(name: string, mode: string): void;
}
