/**
 * Server-side validation of survey answers against a frozen SurveyJS definition.
 *
 * Why not survey-core's own `Model.hasErrors()`: constructing a Model costs 5–9 ms per answer, and survey-core
 * does not check choices, rating ranges, types, unknown names or answers to hidden questions
 * (cost measured in docs/benchmarks.md#server-side-validation-of-answers).
 * So each definition version is compiled once (`compileValidationPlan`, which reads the definition through a
 * survey-core Model so that aliases and defaults are SurveyJS's own) into a plan of plain data plus compiled
 * `ConditionRunner`/`ExpressionRunner`s; `validateAnswers` then runs only those runners and plain JS checks.
 *
 * Semantics follow survey-core 2.5 where they matter for what a SurveyJS client can submit:
 * - `visibleIf`/`enableIf`/`requiredIf` override `visible`/`readOnly`/`isRequired`, as in survey-core.
 * - A question is hidden if it, or any panel/page around it, is hidden (also `hideIfChoicesEmpty`,
 *   `hideIfRowsEmpty`). Answers to hidden questions are errors, except where `clearIfInvisible` /
 *   `clearInvisibleValues` is "none": then SurveyJS keeps (and submits) them, so they are type-checked and kept.
 * - Read-only questions (readOnly, enableIf false, read-only container) are not required and their validators
 *   do not run (survey-core: `canCollectErrors`), but their values are still type- and choice-checked.
 * - Empty values (undefined, null, "", [], objects with only empty values) count as "not answered" and are
 *   left out of the cleaned data. Whitespace-only text counts as unanswered for `isRequired` (unless
 *   `allowSpaceAsAnswer`) but is kept as given: nothing is trimmed.
 * - Expression questions and `calculatedValues` are recomputed on the server; client-sent values for them are
 *   accepted as keys but never trusted.
 * Conditions are evaluated with `runValues(data)`: `{panel.x}`, `{row.x}`, `{$prop}` and survey built-ins such
 * as `{pageno}` are not available on the server (see `checkDefinition` warnings/errors).
 *
 * Supported: radiogroup, dropdown (also choicesMin/Max), checkbox, tagbox, imagepicker, ranking, rating,
 * boolean, text (all inputTypes; masks only as text/number), comment, matrix (radio and checkbox cells),
 * multipletext, panel; html/image/empty (display only) and expression (recomputed). Choice features: Other
 * (as comment or in the value), None/Refuse/Don't know, isExclusive, choice visibleIf, choicesVisibleIf,
 * choicesFromQuestion (all/selected/unselected), hideIfChoicesEmpty, allowCustomChoices; validators numeric,
 * text, answercount, regex, email, expression; calculatedValues.
 * Errors (unsupported): every other type (matrixdropdown, matrixdynamic, paneldynamic, file, signaturepad,
 * slider, custom types ...), choicesByUrl, choicesLazyLoadEnabled, choiceValuesFromQuestion,
 * valuePropertyName, comments or questions on single choices, functions that need a live survey
 * (displayValue, propertyValue, getComment ...), unknown functions, `{$...}` property references.
 * Warnings (ignored on the server): triggers, setValueIf/setValueExpression/defaultValueExpression/resetValueIf,
 * choicesEnableIf and choice enableIf, keepIncorrectValues, unknown properties and variables.
 *
 * The implementation lives in ./validation/: limits and shared constants, messages, the plan types and helpers;
 * the definition side in compile (entry points), structure-check (raw JSON), compile-expressions, compiler (the
 * walk) with its question-type parts compile-choices, compile-text and compile-validators; the answer side in
 * validate (entry points), evaluation (per-answer state), value-checks, answered-checks and choice-encoding.
 * This module is the one way in.
 */
export type { DefinitionCheck, Locale, ValidationError } from "./validation/limits.server";
export type { ValidationPlan } from "./validation/plan.server";
export { checkDefinition, compileValidationPlan } from "./validation/compile.server";
export { getQuestionVisibility, validateAnswers } from "./validation/validate.server";
export { encodeChoiceAnswers } from "./validation/choice-encoding.server";
