/**
 * Server-side validation of survey answers against a frozen SurveyJS definition.
 *
 * Why not survey-core's own `Model.hasErrors()`: constructing a Model costs 5–9 ms per answer, and survey-core
 * does not check choices, rating ranges, types, unknown names or answers to hidden questions (PITFALLS.md).
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
 */
import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "~/utils/json-depth";
import {
  ConditionRunner,
  ConditionsParser,
  ExpressionRunner,
  FunctionFactory,
  FunctionOperand,
  Helpers,
  Model,
  Variable,
  settings,
} from "survey-core";
import type {
  IElement,
  ItemValue,
  PanelModelBase,
  Question,
  QuestionBooleanModel,
  QuestionCheckboxModel,
  QuestionCommentModel,
  QuestionDropdownModel,
  QuestionExpressionModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionRankingModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionTextModel,
  SurveyModel,
  SurveyValidator,
} from "survey-core";

export type Locale = "sv" | "en" | "fi";
export type ValidationError = { question: string; message: string };
export type DefinitionCheck = { ok: boolean; errors: string[]; warnings: string[]; questionNames: string[] };

/** Length caps when the definition sets no `maxLength`; `HARD_MAX_LENGTH` bounds any definition. */
const DEFAULT_TEXT_MAX = 2000;
const DEFAULT_COMMENT_MAX = 5000;
const HARD_MAX_LENGTH = 20000;
const FORMATTED_MAX = 100; // dates, times, colours: far below any sane input
const MAX_UNKNOWN_KEY_ERRORS = 100;

const CHOICE_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "tagbox", "ranking", "imagepicker"]);
const INPUT_TYPES = new Set([
  ...CHOICE_TYPES, "rating", "comment", "text", "boolean", "matrix", "multipletext",
]);
const DISPLAY_TYPES = new Set(["html", "image", "empty"]);
/** Functions that need a live survey (or are async) and cannot be evaluated against plain answer data. */
const SERVER_UNSUPPORTED_FUNCTIONS = new Set([
  "displayvalue", "propertyvalue", "iscontainerready", "isdisplaymode", "getcomment",
]);
const SURVEY_BUILTIN_VARIABLES = new Set([
  "pageno", "pagecount", "correctedanswers", "correctanswers", "correctedanswercount", "incorrectedanswers",
  "incorrectanswers", "incorrectedanswercount", "questioncount",
]);
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);
// survey-core's EmailValidator pattern, so that the server accepts exactly what the client accepts.
const EMAIL_RE =
  /^(([^<>()[\]\.,;:\s@"]+(\.[^<>()[\]\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\.,;:\s@"]+\.)+[^<>()=[\]\.,;:\s@"]{2,})$/i;
const BAD_CHARS_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------

type MessageKey =
  | "not_an_object" | "too_deep" | "unknown_question" | "hidden_question" | "required" | "panel_required" | "wrong_type"
  | "not_a_number" | "not_a_boolean" | "not_a_choice" | "other_required" | "comment_not_allowed"
  | "duplicate_choice" | "exclusive_choice" | "too_many_choices" | "too_few_choices" | "out_of_range"
  | "below_min" | "above_max" | "step" | "too_long" | "too_short" | "invalid_email" | "invalid_date"
  | "invalid_format" | "invalid_characters" | "not_in_matrix" | "all_rows_required" | "rows_unique"
  | "unknown_item" | "no_digits" | "expression_failed";

const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
  sv: {
    not_an_object: "Svaren måste skickas som ett objekt med frågornas namn som nycklar.",
    too_deep: "Svaren är för djupt nästlade för att vara svar på enkätens frågor.",
    unknown_question: "Frågan finns inte i den här enkäten. Ta bort svaret.",
    hidden_question: "Frågan visas inte utifrån dina andra svar. Ta bort svaret eller ändra svaren som styr frågan.",
    required: "Frågan måste besvaras.",
    panel_required: "Besvara minst en av frågorna i den här delen.",
    wrong_type: "Svaret har fel form. Svara på frågan igen i formuläret.",
    not_a_number: "Ange ett tal.",
    not_a_boolean: "Svara ja eller nej.",
    not_a_choice: "Välj ett av alternativen som visas.",
    other_required: "Skriv ditt svar i fältet för Annat.",
    comment_not_allowed: "Fältet för Annat kan bara fyllas i när Annat är valt. Välj Annat eller töm fältet.",
    duplicate_choice: "Samma alternativ är valt flera gånger. Välj varje alternativ högst en gång.",
    exclusive_choice: "Alternativet {value} kan inte kombineras med andra alternativ.",
    too_many_choices: "Välj högst {max} alternativ.",
    too_few_choices: "Välj minst {min} alternativ.",
    out_of_range: "Ange ett värde från {min} till {max}.",
    below_min: "Ange ett värde som är minst {min}.",
    above_max: "Ange ett värde som är högst {max}.",
    step: "Ange ett värde i steg om {step}.",
    too_long: "Svaret är för långt. Korta det till högst {max} tecken.",
    too_short: "Svaret är för kort. Skriv minst {min} tecken.",
    invalid_email: "Ange en giltig e-postadress, till exempel namn@exempel.se.",
    invalid_date: "Ange ett giltigt datum (ÅÅÅÅ-MM-DD).",
    invalid_format: "Svaret har fel format. Kontrollera det och försök igen.",
    invalid_characters: "Svaret innehåller tecken som inte är tillåtna. Skriv om texten och försök igen.",
    not_in_matrix: "Svaret gäller en rad eller kolumn som inte visas i frågan.",
    all_rows_required: "Besvara alla rader.",
    rows_unique: "Välj olika svar på varje rad.",
    unknown_item: "Svaret innehåller ett fält som inte finns i frågan.",
    no_digits: "Svaret får inte innehålla siffror.",
    expression_failed: "Svaret uppfyller inte villkoren för frågan. Kontrollera svaret.",
  },
  en: {
    not_an_object: "Answers must be sent as an object keyed by question name.",
    too_deep: "The answers are nested too deeply to be answers to the survey's questions.",
    unknown_question: "This question is not part of the survey. Remove the answer.",
    hidden_question: "This question is not shown for your other answers. Remove the answer or change the answers that control it.",
    required: "Please answer this question.",
    panel_required: "Please answer at least one question in this section.",
    wrong_type: "The answer has the wrong form. Please answer the question again in the form.",
    not_a_number: "Please enter a number.",
    not_a_boolean: "Please answer yes or no.",
    not_a_choice: "Please choose one of the options shown.",
    other_required: "Please type your answer in the Other field.",
    comment_not_allowed: "The Other field can only be filled in when Other is selected. Select Other or clear the field.",
    duplicate_choice: "The same option is selected more than once. Select each option at most once.",
    exclusive_choice: "The option {value} cannot be combined with other options.",
    too_many_choices: "Please select at most {max} options.",
    too_few_choices: "Please select at least {min} options.",
    out_of_range: "Please enter a value from {min} to {max}.",
    below_min: "Please enter a value of at least {min}.",
    above_max: "Please enter a value of at most {max}.",
    step: "Please enter a value in steps of {step}.",
    too_long: "The answer is too long. Shorten it to at most {max} characters.",
    too_short: "The answer is too short. Enter at least {min} characters.",
    invalid_email: "Please enter a valid email address, for example name@example.com.",
    invalid_date: "Please enter a valid date (YYYY-MM-DD).",
    invalid_format: "The answer has the wrong format. Please check it and try again.",
    invalid_characters: "The answer contains characters that are not allowed. Please retype the text and try again.",
    not_in_matrix: "The answer refers to a row or column that is not shown in this question.",
    all_rows_required: "Please answer every row.",
    rows_unique: "Please choose a different answer in each row.",
    unknown_item: "The answer contains a field that is not part of this question.",
    no_digits: "The answer must not contain digits.",
    expression_failed: "The answer does not meet the conditions of this question. Please check it.",
  },
  fi: {
    not_an_object: "Vastaukset on lähetettävä objektina, jonka avaimina ovat kysymysten nimet.",
    too_deep: "Vastaukset ovat liian syvälle sisäkkäisiä ollakseen vastauksia kyselyn kysymyksiin.",
    unknown_question: "Kysymystä ei ole tässä kyselyssä. Poista vastaus.",
    hidden_question: "Kysymys ei näy muiden vastaustesi perusteella. Poista vastaus tai muuta sitä ohjaavia vastauksia.",
    required: "Tähän kysymykseen on vastattava.",
    panel_required: "Vastaa vähintään yhteen tämän osion kysymykseen.",
    wrong_type: "Vastaus on väärässä muodossa. Vastaa kysymykseen uudelleen lomakkeella.",
    not_a_number: "Anna luku.",
    not_a_boolean: "Vastaa kyllä tai ei.",
    not_a_choice: "Valitse jokin näytetyistä vaihtoehdoista.",
    other_required: "Kirjoita vastauksesi Muu-kenttään.",
    comment_not_allowed: "Muu-kentän voi täyttää vain, kun Muu on valittuna. Valitse Muu tai tyhjennä kenttä.",
    duplicate_choice: "Sama vaihtoehto on valittu useammin kuin kerran. Valitse kukin vaihtoehto enintään kerran.",
    exclusive_choice: "Vaihtoehtoa {value} ei voi yhdistää muihin vaihtoehtoihin.",
    too_many_choices: "Valitse enintään {max} vaihtoehtoa.",
    too_few_choices: "Valitse vähintään {min} vaihtoehtoa.",
    out_of_range: "Anna arvo väliltä {min}–{max}.",
    below_min: "Anna arvo, joka on vähintään {min}.",
    above_max: "Anna arvo, joka on enintään {max}.",
    step: "Anna arvo {step}:n välein.",
    too_long: "Vastaus on liian pitkä. Lyhennä se enintään {max} merkkiin.",
    too_short: "Vastaus on liian lyhyt. Kirjoita vähintään {min} merkkiä.",
    invalid_email: "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.",
    invalid_date: "Anna kelvollinen päivämäärä (VVVV-KK-PP).",
    invalid_format: "Vastaus on väärässä muodossa. Tarkista se ja yritä uudelleen.",
    invalid_characters: "Vastauksessa on merkkejä, joita ei sallita. Kirjoita teksti uudelleen ja yritä uudelleen.",
    not_in_matrix: "Vastaus koskee riviä tai saraketta, jota kysymyksessä ei näytetä.",
    all_rows_required: "Vastaa jokaiseen riviin.",
    rows_unique: "Valitse jokaiselle riville eri vastaus.",
    unknown_item: "Vastauksessa on kenttä, jota kysymyksessä ei ole.",
    no_digits: "Vastaus ei saa sisältää numeroita.",
    expression_failed: "Vastaus ei täytä kysymyksen ehtoja. Tarkista vastaus.",
  },
};

type Failure = { key: MessageKey; params?: Record<string, string | number>; custom?: LocText };

function formatMessage(locale: Locale, f: Failure): string {
  const custom = pickText(f.custom ?? null, locale);
  const template = custom ?? MESSAGES[locale][f.key];
  return template.replace(/\{(\w+)\}/g, (m, p: string) => (f.params && p in f.params ? String(f.params[p]) : m));
}

/** A localisable text from the definition: a plain string or `{ default, sv, en, fi, ... }`. */
type LocText = string | Record<string, string> | null;

function pickText(t: LocText, locale: Locale): string | undefined {
  if (t === null) return undefined;
  if (typeof t === "string") return t || undefined;
  return t[locale] || t.default || undefined;
}

function toLocText(v: unknown): LocText {
  if (typeof v === "string") return v || null;
  if (isPlainObject(v)) {
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) if (typeof s === "string" && s) out[k] = s;
    return Object.keys(out).length > 0 ? out : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Plan types
// ---------------------------------------------------------------------------------------------------------

type Scalar = string | number | boolean;
type Cond = { runner: ConditionRunner; usesSelf: boolean };
type Bound = { value: number | string | null; expr: ExpressionRunner | null };

interface ChoiceItem {
  value: Scalar;
  visibleIf: Cond | null;
  exclusive: boolean;
}

interface ChoiceSpec {
  items: ChoiceItem[];
  choicesVisibleIf: Cond | null;
  /** choicesFromQuestion: index of the source question (resolved after all questions are compiled). */
  carry: { source: number; mode: "all" | "selected" | "unselected" } | null;
  other: Scalar | null;
  /** true: the Other text goes to `<key>-Comment`; false: the text replaces "other" in the value itself. */
  otherAsComment: boolean;
  specials: Scalar[]; // none / refuse / don't know: always exclusive
  customAllowed: boolean;
  hideIfEmpty: boolean;
}

type TextFormat = "text" | "email" | "number" | "date" | "datetime" | "month" | "week" | "time" | "color";

interface TextSpec {
  format: TextFormat;
  maxLength: number;
  min: Bound;
  max: Bound;
  step: number | null;
}

type ValidatorSpec = { text: LocText } & (
  | { type: "numeric"; min: number | null; max: number | null }
  | { type: "text"; minLength: number; maxLength: number; allowDigits: boolean }
  | { type: "answercount"; min: number; max: number }
  | { type: "regex"; re: RegExp }
  | { type: "email" }
  | { type: "expression"; cond: Cond }
);

interface MultiTextItem {
  name: string;
  text: TextSpec;
  isRequired: boolean;
  requiredText: LocText;
  validators: ValidatorSpec[];
}

interface QuestionBase {
  name: string;
  /** The data key: `valueName` or `name`. */
  key: string;
  type: string;
  container: number;
  visible: boolean;
  visibleIf: Cond | null;
  readOnly: boolean;
  enableIf: Cond | null;
  isRequired: boolean;
  requiredIf: Cond | null;
  requiredText: LocText;
  allowSpace: boolean;
  validators: ValidatorSpec[];
  /** `<key>-Comment` when the question can store a comment (showCommentArea, or Other stored as comment). */
  commentKey: string | null;
  showCommentArea: boolean;
  keepHidden: boolean;
}

type QuestionPlan = QuestionBase & (
  | { kind: "single"; choices: ChoiceSpec }
  | { kind: "multi"; choices: ChoiceSpec; minSelected: number; maxSelected: number }
  | { kind: "ranking"; choices: ChoiceSpec; selectToRank: boolean; minSelected: number; maxSelected: number }
  | { kind: "rating"; items: ChoiceItem[]; cap: number | null; numeric: { min: number; max: number } | null }
  | { kind: "boolean"; valueTrue: unknown; valueFalse: unknown }
  | { kind: "text"; text: TextSpec }
  | { kind: "comment"; maxLength: number }
  | {
      kind: "matrix"; rows: ChoiceItem[]; rowsVisibleIf: Cond | null; columns: ChoiceItem[];
      columnsVisibleIf: Cond | null; multi: boolean; eachRowRequired: boolean; eachRowUnique: boolean;
      hideIfRowsEmpty: boolean;
    }
  | { kind: "multipletext"; items: MultiTextItem[] }
  | { kind: "expression"; runner: ExpressionRunner | null; precision: number }
);

interface ContainerPlan {
  kind: "page" | "panel";
  name: string;
  parent: number;
  visible: boolean;
  visibleIf: Cond | null;
  readOnly: boolean;
  enableIf: Cond | null;
  isRequired: boolean;
  requiredIf: Cond | null;
  requiredText: LocText;
  /** Indices of the answerable questions anywhere inside (for a required panel). */
  questions: number[];
}

interface DerivedPlan {
  key: string;
  runner: ExpressionRunner;
  precision: number;
  /** Output into the cleaned data (calculated values with includeIntoResult); expression questions output
   * through their question entry. */
  output: boolean;
}

/** A compiled definition version: plain data plus condition runners. Immutable; cache it per version. */
export interface ValidationPlan {
  readonly questions: readonly QuestionPlan[];
  readonly containers: readonly ContainerPlan[];
  readonly derived: readonly DerivedPlan[];
  /** data key → what it is */
  readonly keys: ReadonlyMap<string, { question: number; role: "value" | "comment" | "derived" }>;
  readonly readOnlyAll: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Definition check and compilation
// ---------------------------------------------------------------------------------------------------------

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
    throw new Error(`compileValidationPlan: the definition does not pass checkDefinition: ${result.errors.join(" | ")}`);
  }
  return result.plan;
}

interface Issues {
  errors: string[];
  warnings: string[];
}

function analyse(json: unknown): Issues & { questionNames: string[]; plan: ValidationPlan | null } {
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
      }
      else if (!structuralErrors) issues.errors.push(`SurveyJS kan inte läsa definitionen: ${err.message}`);
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

/** Structural check on the raw JSON: survey-core silently drops elements of unknown types, so check first. */
function walkRaw(json: Record<string, unknown>, issues: Issues): void {
  const seen = new Map<string, string>();
  const visit = (el: unknown, where: string) => {
    if (!isPlainObject(el)) {
      issues.errors.push(`Ett element på ${where} är inte ett objekt.`);
      return;
    }
    const rawName = typeof el.name === "string" || typeof el.name === "number" ? String(el.name) : "";
    const shown = rawName || "(utan namn)";
    const type = typeof el.type === "string" ? el.type.toLowerCase() : "";
    if (!type) {
      issues.errors.push(`Elementet ${shown} på ${where} saknar typ (type).`);
      return;
    }
    if (type === "panel") {
      const kids = el.elements ?? el.questions;
      if (kids === undefined) return;
      if (!Array.isArray(kids)) issues.errors.push(`Panelen ${shown} har element som inte är en lista.`);
      else for (const k of kids) visit(k, `panelen ${shown}`);
      return;
    }
    if (!INPUT_TYPES.has(type) && !DISPLAY_TYPES.has(type) && type !== "expression") {
      issues.errors.push(`Frågetypen ${String(el.type)} stöds inte (fråga ${shown}).`);
      return;
    }
    if (!rawName.trim()) {
      issues.errors.push(`En fråga av typen ${type} på ${where} saknar namn.`);
      return;
    }
    if (FORBIDDEN_NAMES.has(rawName)) {
      issues.errors.push(`Frågenamnet ${rawName} är inte tillåtet.`);
      return;
    }
    if (seen.has(rawName)) {
      issues.errors.push(`Frågenamnet ${rawName} används av flera frågor.`);
      return;
    }
    const lower = rawName.toLowerCase();
    for (const other of seen.keys()) {
      if (other.toLowerCase() === lower) {
        issues.warnings.push(
          `Frågenamnen ${other} och ${rawName} skiljer sig bara i versaler; villkor i SurveyJS skiljer inte på dem.`,
        );
      }
    }
    seen.set(rawName, type);
  };
  const list = (v: unknown, where: string) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) issues.errors.push(`Elementen på ${where} är inte en lista.`);
    else for (const el of v) visit(el, where);
  };
  if (Array.isArray(json.pages)) {
    json.pages.forEach((p, i) => {
      const where = `sidan ${isPlainObject(p) && typeof p.name === "string" ? p.name : i + 1}`;
      if (!isPlainObject(p)) issues.errors.push(`Sidan ${i + 1} är inte ett objekt.`);
      else list(p.elements ?? p.questions, where);
    });
  }
  list(json.elements ?? json.questions, "enkätens första sida");
  if (seen.size === 0) issues.errors.push("Definitionen innehåller inga frågor.");
}

function checkExpressionsWithSurveyJs(model: SurveyModel, issues: Issues): void {
  for (const res of model.validateExpressions({ variables: true, functions: true, semantics: true })) {
    const owner = res.obj as unknown as {
      name?: string; isQuestion?: boolean; isPage?: boolean; isPanel?: boolean; getType(): string;
    } & Record<string, unknown>;
    const label = owner.isQuestion ? `fråga ${owner.name}`
      : owner.isPage ? `sidan ${owner.name}`
      : owner.isPanel ? `panelen ${owner.name}`
      : owner.getType() === "survey" ? "enkäten"
      : `${owner.getType()}${owner.name ? ` ${owner.name}` : ""}`;
    const text = typeof owner[res.propertyName] === "string" ? `"${owner[res.propertyName] as string}" ` : "";
    const where = `Uttrycket ${text}i ${label} (${res.propertyName})`;
    for (const err of res.errors) {
      // ExpressionErrorType: 0 syntax, 1 unknown function, 2 unknown variable, 3 semantic
      if (err.errorType === 0) issues.errors.push(`${where} kan inte tolkas.`);
      else if (err.errorType === 1) issues.errors.push(`${where} använder den okända funktionen ${err.functionName}.`);
      else if (err.errorType === 2) issues.warnings.push(`${where} använder den okända variabeln ${err.variableName}; den är alltid tom.`);
      else issues.warnings.push(`${where} ger alltid samma resultat.`);
    }
  }
}

class Compiler {
  readonly questions: QuestionPlan[] = [];
  readonly containers: ContainerPlan[] = [];
  readonly derived: DerivedPlan[] = [];
  readonly keys = new Map<string, { question: number; role: "value" | "comment" | "derived" }>();
  private readonly carryNames = new Map<number, { name: string; mode: string }>();
  private readonly warnedFeatures = new Set<string>();

  constructor(private readonly model: SurveyModel, private readonly issues: Issues) {}

  run(): ValidationPlan {
    const m = this.model;
    for (const page of m.pages) this.container(page, "page", -1);
    const calculated: DerivedPlan[] = [];
    for (const cv of m.calculatedValues) {
      const runner = this.expr(cv.expression, `beräknat värde ${cv.name}`);
      if (!runner || !cv.name) continue;
      calculated.push({ key: cv.name, runner, precision: -1, output: cv.includeIntoResult === true });
      if (cv.includeIntoResult) this.claimKey(cv.name, -1, "derived", `beräknat värde ${cv.name}`);
    }
    this.derived.unshift(...calculated);
    this.resolveCarryForward();
    if ((m.triggers ?? []).length > 0) {
      this.issues.warnings.push(
        "Utlösare (triggers) körs bara i webbläsaren; värden som de sätter valideras som vanliga svar.",
      );
    }
    const readOnlyAll = m.readOnly === true || m.mode === "display";
    if (readOnlyAll) this.issues.warnings.push("Enkäten är skrivskyddad (readOnly/mode display): inga svar krävs.");
    return {
      questions: this.questions,
      containers: this.containers,
      derived: this.derived,
      keys: this.keys,
      readOnlyAll,
    };
  }

  private container(p: PanelModelBase, kind: "page" | "panel", parent: number): void {
    const index = this.containers.length;
    const label = `${kind === "page" ? "sidan" : "panelen"} ${p.name || index + 1}`;
    const c: ContainerPlan = {
      kind,
      name: p.name,
      parent,
      visible: p.visible,
      visibleIf: this.cond(p.visibleIf, `${label} (visibleIf)`),
      readOnly: p.readOnly,
      enableIf: this.cond(p.enableIf, `${label} (enableIf)`),
      isRequired: kind === "panel" && p.isRequired,
      requiredIf: kind === "panel" ? this.cond(p.requiredIf, `${label} (requiredIf)`) : null,
      requiredText: toLocText(p.toJSON().requiredErrorText),
      questions: [],
    };
    this.containers.push(c);
    for (const el of p.elements as IElement[]) {
      if (el.isPanel) this.container(el as unknown as PanelModelBase, "panel", index);
      else this.question(el as unknown as Question, index);
    }
  }

  private question(q: Question, container: number): void {
    const type = q.getType();
    const where = `fråga ${q.name}`;
    if (DISPLAY_TYPES.has(type)) return;
    if (!INPUT_TYPES.has(type) && type !== "expression") {
      this.issues.errors.push(`Frågetypen ${type} stöds inte (fråga ${q.name}).`);
      return;
    }
    const json = q.toJSON() as Record<string, unknown>;
    for (const prop of ["setValueIf", "setValueExpression", "defaultValueExpression", "resetValueIf"]) {
      if (json[prop]) {
        this.issues.warnings.push(
          `${where}: ${prop} körs bara i webbläsaren; värdet valideras som ett vanligt svar.`,
        );
      }
    }
    const clearIf = q.clearIfInvisible && q.clearIfInvisible !== "default"
      ? q.clearIfInvisible
      : String(this.model.clearInvisibleValues);
    const keepHidden = clearIf === "none";
    if (keepHidden) {
      this.warnOnce("keepHidden", "Svar på dolda frågor sparas (clearInvisibleValues/clearIfInvisible \"none\"): de typkontrolleras men avvisas inte.");
    }
    const base: QuestionBase = {
      name: q.name,
      key: q.getValueName(),
      type,
      container,
      visible: q.visible,
      visibleIf: this.cond(q.visibleIf, `${where} (visibleIf)`),
      readOnly: q.readOnly,
      enableIf: this.cond(q.enableIf, `${where} (enableIf)`),
      isRequired: q.isRequired,
      requiredIf: this.cond(q.requiredIf, `${where} (requiredIf)`),
      requiredText: toLocText(json.requiredErrorText),
      allowSpace: q.allowSpaceAsAnswer === true,
      validators: this.validators(q.validators, where),
      commentKey: null,
      showCommentArea: q.showCommentArea === true,
      keepHidden,
    };
    const plan = this.questionSpec(q, type, base, where);
    if (!plan) return;
    const index = this.questions.length;
    if (plan.kind === "single" || plan.kind === "multi") {
      if (plan.showCommentArea || (plan.choices.other !== null && plan.choices.otherAsComment)) {
        plan.commentKey = plan.key + settings.commentSuffix;
      }
    } else if (plan.showCommentArea) {
      plan.commentKey = plan.key + settings.commentSuffix;
    }
    this.questions.push(plan);
    if (plan.kind === "expression") {
      if (plan.runner) this.derived.push({ key: plan.key, runner: plan.runner, precision: plan.precision, output: false });
      this.claimKey(plan.key, index, "derived", where);
      return;
    }
    this.claimKey(plan.key, index, "value", where);
    if (plan.commentKey) this.claimKey(plan.commentKey, index, "comment", where);
    for (let c = container; c >= 0; c = this.containers[c].parent) this.containers[c].questions.push(index);
  }

  private questionSpec(q: Question, type: string, base: QuestionBase, where: string): QuestionPlan | null {
    switch (type) {
      case "radiogroup":
      case "dropdown":
        return { ...base, kind: "single", choices: this.choices(q as QuestionSelectBase, where) };
      case "imagepicker": {
        const choices = this.choices(q as QuestionSelectBase, where);
        const multi = (q as unknown as { multiSelect?: boolean }).multiSelect === true;
        return multi
          ? { ...base, kind: "multi", choices, minSelected: 0, maxSelected: 0 }
          : { ...base, kind: "single", choices };
      }
      case "checkbox":
      case "tagbox": {
        const cb = q as QuestionCheckboxModel;
        if (cb.valuePropertyName) {
          this.issues.errors.push(`${where}: valuePropertyName stöds inte.`);
        }
        return {
          ...base, kind: "multi", choices: this.choices(cb, where),
          minSelected: cb.minSelectedChoices || 0, maxSelected: cb.maxSelectedChoices || 0,
        };
      }
      case "ranking": {
        const rk = q as QuestionRankingModel;
        return {
          ...base, kind: "ranking", choices: this.choices(rk, where), selectToRank: rk.selectToRankEnabled === true,
          minSelected: rk.minSelectedChoices || 0, maxSelected: rk.maxSelectedChoices || 0,
        };
      }
      case "rating":
        return this.rating(q as QuestionRatingModel, base, where);
      case "boolean": {
        const b = q as QuestionBooleanModel;
        return { ...base, kind: "boolean", valueTrue: b.getValueTrue(), valueFalse: b.getValueFalse() };
      }
      case "text":
        return { ...base, kind: "text", text: this.text(q as QuestionTextModel, where) };
      case "comment": {
        const max = (q as QuestionCommentModel).getMaxLength() as number | null;
        return { ...base, kind: "comment", maxLength: this.maxLength(max, DEFAULT_COMMENT_MAX, where) };
      }
      case "matrix":
        return this.matrix(q as QuestionMatrixModel, base, where);
      case "multipletext":
        return this.multipleText(q as QuestionMultipleTextModel, base, where);
      case "expression": {
        const e = q as QuestionExpressionModel;
        return {
          ...base, kind: "expression", runner: this.expr(e.expression, `${where} (expression)`),
          precision: typeof e.precision === "number" ? e.precision : -1,
        };
      }
      default:
        return null;
    }
  }

  private choices(q: QuestionSelectBase, where: string): ChoiceSpec {
    if (q.choicesByUrl && q.choicesByUrl.url) {
      this.issues.errors.push(`${where}: alternativ från en URL (choicesByUrl) stöds inte.`);
    }
    const any = q as unknown as Record<string, unknown>;
    if (any.choicesLazyLoadEnabled === true) {
      this.issues.errors.push(`${where}: choicesLazyLoadEnabled stöds inte.`);
    }
    if (any.choiceValuesFromQuestion || any.choiceTextsFromQuestion) {
      this.issues.errors.push(`${where}: choiceValuesFromQuestion stöds inte.`);
    }
    const items = this.items(q.choices as ItemValue[], where, "alternativ");
    if (q.getType() === "dropdown") {
      const d = q as QuestionDropdownModel;
      if (d.choicesMax > d.choicesMin && d.choicesStep > 0) {
        for (let i = d.choicesMin; i <= d.choicesMax; i += d.choicesStep) {
          items.push({ value: i, visibleIf: null, exclusive: false });
        }
      }
    }
    for (const item of q.choices as ItemValue[]) {
      const ci = item as unknown as { showCommentArea?: boolean; elements?: unknown[] };
      if (ci.showCommentArea) this.issues.errors.push(`${where}: kommentarsfält på enskilda alternativ stöds inte.`);
      if (Array.isArray(ci.elements) && ci.elements.length > 0) {
        this.issues.errors.push(`${where}: frågor inuti alternativ stöds inte.`);
      }
      if (item.enableIf) this.warnEnable(where);
    }
    if (q.choicesEnableIf) this.warnEnable(where);
    if (any.keepIncorrectValues === true || (this.model as unknown as Record<string, unknown>).keepIncorrectValues === true) {
      this.warnOnce(`keep:${where}`, `${where}: keepIncorrectValues – värden som inte finns bland de synliga alternativen avvisas ändå av servern.`);
    }
    const other = q.showOtherItem && q.supportOther() ? (q.otherItem.value as Scalar) : null;
    const specials: Scalar[] = [];
    if (q.showNoneItem && q.supportNone()) specials.push(q.noneItem.value as Scalar);
    if (q.showRefuseItem && q.supportRefuse()) specials.push(q.refuseItem.value as Scalar);
    if (q.showDontKnowItem && q.supportDontKnow()) specials.push(q.dontKnowItem.value as Scalar);
    for (const s of other === null ? specials : [other, ...specials]) {
      if (items.some((i) => String(i.value) === String(s))) {
        this.issues.errors.push(`${where}: alternativet ${String(s)} krockar med ett inbyggt alternativ (Annat/Inget ...).`);
      }
    }
    checkDuplicates(items, where, "alternativ", this.issues);
    const index = this.questions.length;
    if (q.choicesFromQuestion) {
      this.carryNames.set(index, { name: q.choicesFromQuestion, mode: q.choicesFromQuestionMode || "all" });
    }
    return {
      items,
      choicesVisibleIf: this.cond(q.choicesVisibleIf, `${where} (choicesVisibleIf)`),
      carry: null,
      other,
      otherAsComment: q.getStoreOthersAsComment(),
      specials,
      customAllowed: any.allowCustomChoices === true,
      hideIfEmpty: q.hideIfChoicesEmpty === true,
    };
  }

  private items(list: ItemValue[], where: string, what: string): ChoiceItem[] {
    const out: ChoiceItem[] = [];
    for (const item of list) {
      const v: unknown = item.value;
      if (!isScalar(v)) {
        this.issues.errors.push(`${where}: ett ${what} har ett värde som inte är text, tal eller sant/falskt.`);
        continue;
      }
      out.push({
        value: v,
        visibleIf: this.cond(item.visibleIf, `${what} ${String(v)} i ${where} (visibleIf)`),
        exclusive: (item as unknown as { isExclusive?: boolean }).isExclusive === true,
      });
    }
    return out;
  }

  private rating(r: QuestionRatingModel, base: QuestionBase, where: string): QuestionPlan {
    const useRateValues = r.rateValues.length > 0 && !r.autoGenerate; // survey-core's private useRateValues()
    const items = useRateValues
      ? this.items(r.rateValues as ItemValue[], where, "skalvärde")
      : this.items(r.visibleRateValues as ItemValue[], where, "skalvärde");
    checkDuplicates(items, where, "skalvärde", this.issues);
    const nums = items.every((i) => typeof i.value === "number") ? items.map((i) => i.value as number) : null;
    return {
      ...base, kind: "rating", items,
      cap: r.rateType === "smileys" ? 10 : null,
      numeric: nums && nums.length > 0 ? { min: Math.min(...nums), max: Math.max(...nums) } : null,
    };
  }

  private text(t: QuestionTextModel, where: string): TextSpec {
    const maskType = t.maskType && t.maskType !== "none" ? t.maskType : "";
    let format: TextFormat;
    if (maskType) {
      const saveMasked = (t.maskSettings as unknown as { saveMaskedValue?: boolean } | undefined)?.saveMaskedValue;
      format = (maskType === "numeric" || maskType === "currency") && !saveMasked ? "number" : "text";
      this.warnOnce(`mask:${where}`, `${where}: inmatningsmasken (${maskType}) kontrolleras bara som ${format === "number" ? "tal" : "text"}.`);
    } else {
      const it = t.inputType;
      format = it === "number" || it === "range" ? "number"
        : it === "date" ? "date"
        : it === "datetime-local" ? "datetime"
        : it === "month" || it === "week" || it === "time" || it === "color" || it === "email" ? it
        : "text";
    }
    const maxLength = format === "text" || format === "email"
      ? this.maxLength(t.getMaxLength() as number | null, DEFAULT_TEXT_MAX, where)
      : FORMATTED_MAX;
    const bound = (raw: unknown, expr: string, prop: string): Bound => ({
      value: raw === undefined || raw === null || raw === "" ? null
        : format === "number" ? (Helpers.isNumber(raw) ? Helpers.getNumber(raw) : null)
        : String(raw),
      expr: this.expr(expr, `${where} (${prop})`),
    });
    const step = format === "number" && t.inputType === "number" && Helpers.isNumber(t.step)
      ? Helpers.getNumber(t.step) as number
      : null;
    return {
      format, maxLength,
      min: bound(t.min, t.minValueExpression, "minValueExpression"),
      max: bound(t.max, t.maxValueExpression, "maxValueExpression"),
      step: step !== null && step > 0 ? step : null,
    };
  }

  private matrix(m: QuestionMatrixModel, base: QuestionBase, where: string): QuestionPlan {
    const rows = this.items(m.rows as ItemValue[], where, "rad");
    const columns = this.items(m.columns as ItemValue[], where, "kolumn");
    checkDuplicates(rows, where, "rad", this.issues);
    checkDuplicates(columns, where, "kolumn", this.issues);
    return {
      ...base, kind: "matrix", rows, columns,
      rowsVisibleIf: this.cond(m.rowsVisibleIf, `${where} (rowsVisibleIf)`),
      columnsVisibleIf: this.cond(m.columnsVisibleIf, `${where} (columnsVisibleIf)`),
      multi: m.isMultiSelect === true,
      eachRowRequired: m.eachRowRequired === true,
      eachRowUnique: m.eachRowUnique === true,
      hideIfRowsEmpty: m.hideIfRowsEmpty === true,
    };
  }

  private multipleText(m: QuestionMultipleTextModel, base: QuestionBase, where: string): QuestionPlan {
    const names = new Set<string>();
    const items: MultiTextItem[] = [];
    for (const it of m.items) {
      const name = it.name;
      if (!name || FORBIDDEN_NAMES.has(name)) {
        this.issues.errors.push(`${where}: ett fält saknar giltigt namn.`);
        continue;
      }
      if (names.has(name)) this.issues.errors.push(`${where}: fältnamnet ${name} används flera gånger.`);
      names.add(name);
      const itemWhere = `${where}, fält ${name}`;
      items.push({
        name,
        text: this.text(it.editor as unknown as QuestionTextModel, itemWhere),
        isRequired: it.isRequired === true,
        requiredText: toLocText((it.toJSON() as Record<string, unknown>).requiredErrorText),
        validators: this.validators(it.validators, itemWhere),
      });
    }
    return { ...base, kind: "multipletext", items };
  }

  private validators(list: SurveyValidator[], where: string): ValidatorSpec[] {
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
            type: "text", minLength: num(json.minLength) ?? 0, maxLength: num(json.maxLength) ?? 0,
            allowDigits: json.allowDigits !== false, text,
          });
          break;
        case "answercountvalidator":
          out.push({ type: "answercount", min: num(json.minCount) ?? 0, max: num(json.maxCount) ?? 0, text });
          break;
        case "regexvalidator": {
          if (typeof json.regex !== "string" || !json.regex) break;
          try {
            out.push({ type: "regex", re: new RegExp(json.regex, json.caseInsensitive || json.insensitive ? "i" : ""), text });
          } catch {
            this.issues.errors.push(`${where}: det reguljära uttrycket ${json.regex} är ogiltigt.`);
          }
          break;
        }
        case "emailvalidator":
          out.push({ type: "email", text });
          break;
        case "expressionvalidator": {
          const cond = this.cond(typeof json.expression === "string" ? json.expression : "", `${where} (validator)`);
          if (cond) out.push({ type: "expression", cond, text });
          break;
        }
        default:
          this.issues.errors.push(`${where}: valideringen ${v.getType()} stöds inte.`);
      }
    }
    return out;
  }

  private resolveCarryForward(): void {
    for (const [index, { name, mode }] of this.carryNames) {
      const q = this.questions[index];
      if (!q || !("choices" in q)) continue;
      let source = this.questions.findIndex((s) => s.name === name);
      if (source < 0) source = this.questions.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
      const s = this.questions[source];
      if (!s || !("choices" in s) || source === index) {
        this.issues.errors.push(`fråga ${q.name}: choicesFromQuestion pekar på ${name}, som inte är en flervalsfråga i enkäten.`);
        continue;
      }
      q.choices.carry = {
        source,
        mode: mode === "selected" || mode === "unselected" ? mode : "all",
      };
    }
    for (let i = 0; i < this.questions.length; i++) {
      const seen = new Set<number>();
      for (let j = i; ; ) {
        const q = this.questions[j];
        if (!("choices" in q) || !q.choices.carry) break;
        if (seen.has(j)) {
          this.issues.errors.push(`fråga ${this.questions[i].name}: choicesFromQuestion bildar en cirkel.`);
          break;
        }
        seen.add(j);
        j = q.choices.carry.source;
      }
    }
  }

  private claimKey(key: string, question: number, role: "value" | "comment" | "derived", where: string): void {
    if (FORBIDDEN_NAMES.has(key)) {
      this.issues.errors.push(`${where}: datanyckeln ${key} är inte tillåten.`);
      return;
    }
    if (this.keys.has(key)) {
      this.issues.errors.push(`${where}: datanyckeln ${key} används redan av en annan fråga (valueName/-Comment).`);
      return;
    }
    this.keys.set(key, { question, role });
  }

  private cond(expression: string | undefined, where: string): Cond | null {
    const vars = this.inspect(expression, where);
    if (!vars || !expression) return null;
    return {
      runner: new ConditionRunner(expression),
      usesSelf: vars.some((v) => v === "self" || v.startsWith("self.")),
    };
  }

  private expr(expression: string | undefined, where: string): ExpressionRunner | null {
    return this.inspect(expression, where) && expression ? new ExpressionRunner(expression) : null;
  }

  /** Parses an expression the server will evaluate; returns its variables (lower-case) or null. */
  private inspect(expression: string | undefined, where: string): string[] | null {
    if (typeof expression !== "string" || !expression.trim()) return null;
    const parser = new ConditionsParser();
    const op = parser.parseExpression(expression);
    if (!op) {
      this.issues.errors.push(`Uttrycket "${expression}" i ${where} kan inte tolkas.`);
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
        this.issues.errors.push(`Uttrycket "${expression}" i ${where} använder den okända funktionen ${fn}.`);
        ok = false;
      } else if (SERVER_UNSUPPORTED_FUNCTIONS.has(fn.toLowerCase()) || FunctionFactory.Instance.isAsyncFunction(fn)) {
        this.issues.errors.push(`Uttrycket "${expression}" i ${where} använder funktionen ${fn}, som inte kan beräknas på servern.`);
        ok = false;
      }
    }
    const lower = vars.map((v) => v.toLowerCase());
    for (const v of lower) {
      if (v.startsWith(settings.expressionElementPropertyPrefix || "$")) {
        this.issues.errors.push(`Uttrycket "${expression}" i ${where} läser en egenskap ({${v}}), vilket inte stöds på servern.`);
        ok = false;
      } else if (v.startsWith("panel.") || v.startsWith("row.") || v.startsWith("composite.") || v.startsWith("parentpanel.")) {
        this.issues.warnings.push(`Uttrycket "${expression}" i ${where} använder {${v}}, som alltid är tomt på servern.`);
      } else if (SURVEY_BUILTIN_VARIABLES.has(v)) {
        this.issues.warnings.push(`Uttrycket "${expression}" i ${where} använder {${v}}, som inte finns på servern.`);
      }
    }
    return ok ? lower : null;
  }

  private maxLength(defined: number | null, fallback: number, where: string): number {
    if (typeof defined === "number" && defined > HARD_MAX_LENGTH) {
      this.issues.warnings.push(`${where}: maxLength ${defined} är över serverns gräns; högst ${HARD_MAX_LENGTH} tecken tas emot.`);
    }
    return capLength(defined, fallback);
  }

  private warnEnable(where: string): void {
    this.warnOnce(`enable:${where}`, `${where}: choicesEnableIf/enableIf på alternativ kontrolleras inte på servern.`);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warnedFeatures.has(key)) return;
    this.warnedFeatures.add(key);
    this.issues.warnings.push(message);
  }
}

function compileModel(model: SurveyModel, issues: Issues): ValidationPlan {
  return new Compiler(model, issues).run();
}

function checkDuplicates(items: ChoiceItem[], where: string, what: string, issues: Issues): void {
  const seen = new Set<string>();
  for (const i of items) {
    const k = String(i.value);
    if (seen.has(k)) issues.errors.push(`${where}: flera ${what} har värdet ${k}.`);
    seen.add(k);
  }
}

function capLength(defined: number | null | undefined, fallback: number): number {
  return Math.min(typeof defined === "number" && defined > 0 ? defined : fallback, HARD_MAX_LENGTH);
}

/**
 * survey-core reports expression problems through console.error while a Model loads (its ConsoleWarnings class
 * is not exported); capture them during the synchronous constructor so that a definition check does not spam the
 * server log. The problems themselves are reported through validateExpressions.
 */
function withConsoleCaptured<T>(sink: string[], fn: () => T): T {
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

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

type Values = Record<string, unknown>;

/** Per-answer evaluation state: memoised visibility, read-only state and visible choices. */
class Evaluation {
  readonly values: Values;
  private readonly cVis: Int8Array;
  private readonly cRO: Int8Array;
  private readonly qVis: Int8Array;
  private readonly qRO: Int8Array;
  private readonly choiceMemo: Array<ChoiceItem[] | undefined>;
  private readonly rowMemo: Array<ChoiceItem[] | undefined>;
  private readonly colMemo: Array<ChoiceItem[] | undefined>;

  constructor(readonly plan: ValidationPlan, readonly data: Values, locale: Locale) {
    // survey-core resolves {locale} before any data key; plain spread keeps a "__proto__" key inert.
    this.values = { ...data, locale };
    const nq = plan.questions.length;
    const nc = plan.containers.length;
    this.cVis = new Int8Array(nc);
    this.cRO = new Int8Array(nc);
    this.qVis = new Int8Array(nq);
    this.qRO = new Int8Array(nq);
    this.choiceMemo = new Array(nq);
    this.rowMemo = new Array(nq);
    this.colMemo = new Array(nq);
    if (plan.derived.length > 0) this.computeDerived();
  }

  private computeDerived(): void {
    const derived = this.plan.derived;
    // Calculated values and expression questions may depend on each other; iterate to a fixed point.
    for (let pass = 0; pass <= derived.length; pass++) {
      let changed = false;
      for (const d of derived) {
        const v = roundValue(safeRun(d.runner, this.values), d.precision);
        if (!sameJson(this.values[d.key], v)) changed = true;
        this.values[d.key] = v;
      }
      if (!changed) break;
    }
  }

  cond(c: Cond, self?: unknown): boolean {
    if (!c.usesSelf) return safeRun(c.runner, this.values) === true;
    const scoped: Values = Object.create(this.values) as Values;
    scoped.self = self;
    return safeRun(c.runner, scoped) === true;
  }

  /** survey-core evaluates {item}/{choice}/{self} in choice conditions as the item's value. */
  private itemVisible(item: ChoiceItem, fallback: Cond | null): boolean {
    const c = item.visibleIf ?? fallback;
    if (!c) return true;
    const scoped: Values = Object.create(this.values) as Values;
    scoped.item = item.value;
    scoped.choice = item.value;
    scoped.self = item.value;
    return safeRun(c.runner, scoped) === true;
  }

  containerVisible(i: number): boolean {
    const memo = this.cVis[i];
    if (memo !== 0) return memo === 1;
    const c = this.plan.containers[i];
    let v = c.visibleIf ? this.cond(c.visibleIf) : c.visible;
    if (v && c.parent >= 0) v = this.containerVisible(c.parent);
    this.cVis[i] = v ? 1 : 2;
    return v;
  }

  containerReadOnly(i: number): boolean {
    const memo = this.cRO[i];
    if (memo !== 0) return memo === 1;
    const c = this.plan.containers[i];
    let ro = this.plan.readOnlyAll || (c.enableIf ? !this.cond(c.enableIf) : c.readOnly);
    if (!ro && c.parent >= 0) ro = this.containerReadOnly(c.parent);
    this.cRO[i] = ro ? 1 : 2;
    return ro;
  }

  questionVisible(i: number): boolean {
    const memo = this.qVis[i];
    if (memo !== 0) return memo === 1;
    const q = this.plan.questions[i];
    let v = q.visibleIf ? this.cond(q.visibleIf, own(this.values, q.key)) : q.visible;
    if (v) v = this.containerVisible(q.container);
    if (v && "choices" in q && q.choices.hideIfEmpty && this.visibleChoices(i).length === 0) {
      // With carried choices survey-core counts the built-in items (Other, None ...) too.
      v = q.choices.carry !== null && (q.choices.other !== null || q.choices.specials.length > 0);
    }
    if (v && q.kind === "matrix" && q.hideIfRowsEmpty && this.visibleRows(i).length === 0) v = false;
    this.qVis[i] = v ? 1 : 2;
    return v;
  }

  questionReadOnly(i: number): boolean {
    const memo = this.qRO[i];
    if (memo !== 0) return memo === 1;
    const q = this.plan.questions[i];
    const ro = (q.enableIf ? !this.cond(q.enableIf, own(this.values, q.key)) : q.readOnly) || this.containerReadOnly(q.container);
    this.qRO[i] = ro ? 1 : 2;
    return ro;
  }

  questionRequired(i: number): boolean {
    const q = this.plan.questions[i];
    return q.requiredIf ? this.cond(q.requiredIf, own(this.values, q.key)) : q.isRequired;
  }

  containerRequired(i: number): boolean {
    const c = this.plan.containers[i];
    return c.requiredIf ? this.cond(c.requiredIf) : c.isRequired;
  }

  /** The visible regular choices (no Other/None items) of a choice question for this answer. */
  visibleChoices(i: number): ChoiceItem[] {
    const memo = this.choiceMemo[i];
    if (memo) return memo;
    const q = this.plan.questions[i];
    if (!("choices" in q)) return [];
    const cs = q.choices;
    let base = cs.items;
    if (cs.carry) {
      const src = this.plan.questions[cs.carry.source];
      base = this.visibleChoices(cs.carry.source);
      if (cs.carry.mode !== "all" && "choices" in src) {
        const raw = own(this.values, src.key);
        const selected = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
        const isSel = (v: Scalar) => selected.some((s) => looseEquals(s, v));
        base = base.filter((c) => isSel(c.value) === (cs.carry!.mode === "selected"));
        const srcOther = src.choices.other;
        if (cs.carry.mode === "selected" && cs.other === null && srcOther !== null) {
          const otherText = src.choices.otherAsComment && src.commentKey ? own(this.values, src.commentKey) : null;
          const otherSelected = src.choices.otherAsComment
            ? isSel(srcOther)
            : selected.some((s) => typeof s === "string" && !src.choices.items.some((c) => looseEquals(s, c.value)));
          if (otherSelected && (!src.choices.otherAsComment || (typeof otherText === "string" && otherText))) {
            base = [...base, { value: srcOther, visibleIf: null, exclusive: false }];
          }
        }
      }
    }
    const out = base.filter((item) => this.itemVisible(item, cs.choicesVisibleIf));
    this.choiceMemo[i] = out;
    return out;
  }

  visibleRows(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "matrix") return [];
    return (this.rowMemo[i] ??= q.rows.filter((r) => this.itemVisible(r, q.rowsVisibleIf)));
  }

  visibleColumns(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "matrix") return [];
    return (this.colMemo[i] ??= q.columns.filter((c) => this.itemVisible(c, q.columnsVisibleIf)));
  }

  visibleRateItems(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "rating") return [];
    const memo = this.choiceMemo[i];
    if (memo) return memo;
    let items = q.items.filter((it) => this.itemVisible(it, null));
    if (q.cap !== null && items.length > q.cap) items = items.slice(0, q.cap);
    this.choiceMemo[i] = items;
    return items;
  }

  bound(b: Bound, numeric: boolean): number | string | null {
    if (b.expr) {
      const v: unknown = safeRun(b.expr, this.values);
      if (v !== undefined && v !== null && v !== "") {
        if (numeric) return Helpers.isNumber(v) ? (Helpers.getNumber(v) as number) : null;
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      }
    }
    return b.value;
  }
}

/** Validates one answer against a compiled plan. Never throws for bad input. */
export function validateAnswers(
  plan: ValidationPlan,
  data: unknown,
  locale: Locale,
): { ok: true; data: Record<string, unknown> } | { ok: false; errors: ValidationError[] } {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [{ question: "", message: formatMessage(locale, { key: "not_an_object" }) }] };
  }
  // The walks below recurse; refuse hostile nesting before them (iteratively).
  const tooDeep = Object.keys(data).filter((k) => nestedDeeperThan(data[k], MAX_ANSWER_DEPTH - 1));
  if (tooDeep.length) {
    return { ok: false, errors: tooDeep.map((question) => ({ question, message: formatMessage(locale, { key: "too_deep" }) })) };
  }
  const errors: ValidationError[] = [];
  const failed = new Set<string>();
  const fail = (question: string, f: Failure) => {
    if (failed.has(question)) return;
    failed.add(question);
    errors.push({ question, message: formatMessage(locale, f) });
  };

  let unknown = 0;
  for (const key of Object.keys(data)) {
    if (!plan.keys.has(key) && unknown++ < MAX_UNKNOWN_KEY_ERRORS) fail(key, { key: "unknown_question" });
  }

  const ev = new Evaluation(plan, data, locale);
  const out: Record<string, unknown> = {};
  const qs = plan.questions;
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i];
    if (q.kind === "expression") {
      const v = own(ev.values, q.key);
      if (!Helpers.isValueEmpty(v) && ev.questionVisible(i)) out[q.key] = v instanceof Date ? v.toISOString() : v;
      continue;
    }
    const raw = own(data, q.key);
    const present = !isEmptyValue(raw);
    const rawComment = q.commentKey !== null ? own(data, q.commentKey) : undefined;
    const commentPresent = !isEmptyValue(rawComment);
    const visible = ev.questionVisible(i);
    if (!visible && !present && !commentPresent) continue;
    if (!visible && !q.keepHidden) {
      fail(q.name, { key: "hidden_question" });
      continue;
    }
    if ((present && hasBadChars(raw)) || (commentPresent && hasBadChars(rawComment))) {
      fail(q.name, { key: "invalid_characters" });
      continue;
    }
    let value: unknown = undefined;
    if (present) {
      const r = checkValue(ev, i, raw);
      if ("key" in r) {
        fail(q.name, r);
        continue;
      }
      value = r.value;
    }
    let comment: string | undefined;
    if (commentPresent) {
      if (typeof rawComment !== "string") {
        fail(q.name, { key: "wrong_type" });
        continue;
      }
      if (!q.showCommentArea && !isOtherSelected(q, value)) {
        fail(q.name, { key: "comment_not_allowed" });
        continue;
      }
      if (rawComment.length > capLength(null, DEFAULT_COMMENT_MAX)) {
        fail(q.name, { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } });
        continue;
      }
      comment = rawComment;
    }
    const editable = visible && !ev.questionReadOnly(i);
    if (editable) {
      const f = checkAnswered(ev, i, value, raw, comment);
      if (f) {
        fail(q.name, f);
        continue;
      }
    }
    if (present) out[q.key] = value;
    if (comment !== undefined && q.commentKey) out[q.commentKey] = comment;
  }

  for (let c = 0; c < plan.containers.length; c++) {
    const cont = plan.containers[c];
    if (cont.kind !== "panel" || cont.questions.length === 0) continue;
    if (!ev.containerVisible(c) || !ev.containerRequired(c)) continue;
    const visibleQs = cont.questions.filter((i) => ev.questionVisible(i));
    if (visibleQs.length === 0) continue;
    if (visibleQs.every((i) => isEmptyValue(own(data, qs[i].key)))) {
      fail(cont.name || qs[visibleQs[0]].name, { key: "panel_required", custom: cont.requiredText });
    }
  }

  for (const d of plan.derived) {
    if (d.output && !Helpers.isValueEmpty(ev.values[d.key])) {
      const v = ev.values[d.key];
      out[d.key] = v instanceof Date ? v.toISOString() : v;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: out };
}

type CheckResult = { value: unknown } | Failure;

/** Type, choice and range checks of a non-empty value; returns the value to store. */
function checkValue(ev: Evaluation, i: number, raw: unknown): CheckResult {
  const q = ev.plan.questions[i];
  switch (q.kind) {
    case "single":
      return checkSingle(ev, i, q.choices, raw);
    case "multi":
      return checkMulti(ev, i, q.choices, raw, q.maxSelected);
    case "ranking": {
      if (!Array.isArray(raw)) return { key: "wrong_type" };
      const vis = ev.visibleChoices(i);
      for (const v of raw) {
        if (!isScalar(v)) return { key: "wrong_type" };
        if (!vis.some((c) => c.value === v)) return { key: "not_a_choice" };
      }
      if (new Set(raw).size !== raw.length) return { key: "duplicate_choice" };
      if (q.selectToRank && q.maxSelected > 0 && raw.length > q.maxSelected) {
        return { key: "too_many_choices", params: { max: q.maxSelected } };
      }
      return { value: raw.slice() };
    }
    case "rating": {
      if (!isScalar(raw)) return { key: "wrong_type" };
      if (ev.visibleRateItems(i).some((it) => it.value === raw)) return { value: raw };
      if (q.numeric) {
        if (typeof raw !== "number") return { key: "not_a_number" };
        if (raw < q.numeric.min || raw > q.numeric.max) {
          return { key: "out_of_range", params: { min: q.numeric.min, max: q.numeric.max } };
        }
      }
      return { key: "not_a_choice" };
    }
    case "boolean":
      return raw === q.valueTrue || raw === q.valueFalse ? { value: raw } : { key: "not_a_boolean" };
    case "text":
      return checkText(ev, q.text, raw);
    case "comment":
      if (typeof raw !== "string") return { key: "wrong_type" };
      return raw.length > q.maxLength ? { key: "too_long", params: { max: q.maxLength } } : { value: raw };
    case "matrix":
      return checkMatrix(ev, i, raw);
    case "multipletext": {
      if (!isPlainObject(raw)) return { key: "wrong_type" };
      const value: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        if (!q.items.some((it) => it.name === k)) return { key: "unknown_item" };
      }
      for (const it of q.items) {
        const v = own(raw, it.name);
        if (isEmptyValue(v)) continue;
        const r = checkText(ev, it.text, v);
        if ("key" in r) return r;
        value[it.name] = r.value;
      }
      return { value };
    }
    default:
      return { key: "wrong_type" };
  }
}

function checkSingle(ev: Evaluation, i: number, cs: ChoiceSpec, raw: unknown): CheckResult {
  if (!isScalar(raw)) return { key: "wrong_type" };
  if (ev.visibleChoices(i).some((c) => c.value === raw)) return { value: raw };
  if (cs.other !== null && raw === cs.other) return { value: raw };
  if (cs.specials.includes(raw)) return { value: raw };
  if (typeof raw === "string" && ((cs.other !== null && !cs.otherAsComment) || cs.customAllowed)) {
    // The Other text stored in place of the value (storeOthersAsComment false), or a custom choice.
    return raw.length > DEFAULT_COMMENT_MAX ? { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } } : { value: raw };
  }
  return { key: "not_a_choice" };
}

function checkMulti(ev: Evaluation, i: number, cs: ChoiceSpec, raw: unknown, maxSelected: number): CheckResult {
  if (!Array.isArray(raw)) return { key: "wrong_type" };
  const vis = ev.visibleChoices(i);
  let freeText = 0;
  let exclusive: Scalar | null = null;
  for (const v of raw) {
    if (!isScalar(v)) return { key: "wrong_type" };
    const item = vis.find((c) => c.value === v);
    if (item) {
      if (item.exclusive) exclusive = v;
      continue;
    }
    if (cs.other !== null && v === cs.other) continue;
    if (cs.specials.includes(v)) {
      exclusive = v;
      continue;
    }
    if (typeof v === "string" && cs.customAllowed) continue;
    if (typeof v === "string" && cs.other !== null && !cs.otherAsComment && freeText++ === 0) {
      if (v.length > DEFAULT_COMMENT_MAX) return { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } };
      continue;
    }
    return { key: "not_a_choice" };
  }
  if (new Set(raw).size !== raw.length) return { key: "duplicate_choice" };
  if (exclusive !== null && raw.length > 1) return { key: "exclusive_choice", params: { value: String(exclusive) } };
  if (maxSelected > 0 && raw.length > maxSelected) return { key: "too_many_choices", params: { max: maxSelected } };
  return { value: raw.slice() };
}

const FORMAT_RE: Partial<Record<TextFormat, RegExp>> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  datetime: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  time: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/,
  color: /^#[0-9a-fA-F]{6}$/,
};

function checkText(ev: Evaluation, t: TextSpec, raw: unknown): CheckResult {
  if (t.format === "number") {
    if (typeof raw !== "number" || !Number.isFinite(raw)) return { key: "not_a_number" };
    const min = ev.bound(t.min, true) as number | null;
    const max = ev.bound(t.max, true) as number | null;
    if ((min !== null && raw < min) || (max !== null && raw > max)) {
      if (min !== null && max !== null) return { key: "out_of_range", params: { min, max } };
      return min !== null ? { key: "below_min", params: { min } } : { key: "above_max", params: { max: max! } };
    }
    if (t.step !== null && !isStepMultiple(raw, t.step)) return { key: "step", params: { step: t.step } };
    return { value: raw };
  }
  if (typeof raw !== "string") return { key: "wrong_type" };
  if (raw.length > t.maxLength) {
    return t.format === "text" || t.format === "email"
      ? { key: "too_long", params: { max: t.maxLength } }
      : { key: "invalid_format" };
  }
  if (t.format === "text") return { value: raw };
  if (t.format === "email") return EMAIL_RE.test(raw) ? { value: raw } : { key: "invalid_email" };
  const re = FORMAT_RE[t.format];
  const badFormat: Failure = { key: t.format === "date" ? "invalid_date" : "invalid_format" };
  if (re && !re.test(raw)) return badFormat;
  if ((t.format === "date" || t.format === "datetime") && !isRealDate(raw)) return badFormat;
  const min = ev.bound(t.min, false);
  const max = ev.bound(t.max, false);
  if (typeof min === "string" && raw < min) return max !== null ? { key: "out_of_range", params: { min, max } } : { key: "below_min", params: { min } };
  if (typeof max === "string" && raw > max) return min !== null ? { key: "out_of_range", params: { min, max } } : { key: "above_max", params: { max } };
  return { value: raw };
}

function checkMatrix(ev: Evaluation, i: number, raw: unknown): CheckResult {
  const q = ev.plan.questions[i];
  if (q.kind !== "matrix") return { key: "wrong_type" };
  if (!isPlainObject(raw)) return { key: "wrong_type" };
  const rows = ev.visibleRows(i);
  const cols = ev.visibleColumns(i);
  for (const key of Object.keys(raw)) {
    if (isEmptyValue(raw[key])) continue;
    if (!rows.some((r) => String(r.value) === key)) return { key: "not_in_matrix" };
  }
  const value: Record<string, unknown> = {};
  for (const row of q.rows) {
    const key = String(row.value);
    const v = own(raw, key);
    if (isEmptyValue(v)) continue;
    if (q.multi) {
      if (!Array.isArray(v)) return { key: "wrong_type" };
      let exclusive = false;
      for (const x of v) {
        const col = cols.find((c) => c.value === x);
        if (!col) return isScalar(x) ? { key: "not_in_matrix" } : { key: "wrong_type" };
        exclusive ||= col.exclusive;
      }
      if (new Set(v).size !== v.length) return { key: "duplicate_choice" };
      if (exclusive && v.length > 1) return { key: "exclusive_choice", params: { value: String(v.find((x) => cols.some((c) => c.exclusive && c.value === x))) } };
      value[key] = v.slice();
    } else {
      if (!isScalar(v)) return { key: "wrong_type" };
      if (!cols.some((c) => c.value === v)) return { key: "not_in_matrix" };
      value[key] = v;
    }
  }
  return { value };
}

/** Required, completeness and definition-validator checks for a visible, editable question. */
function checkAnswered(ev: Evaluation, i: number, value: unknown, raw: unknown, comment: string | undefined): Failure | null {
  const q = ev.plan.questions[i];
  const answered = !isEmptyValue(raw) && !(typeof raw === "string" && !q.allowSpace && raw.trim() === "");
  if ("choices" in q && q.choices.other !== null && isOtherSelected(q, value)) {
    const hasText = q.choices.otherAsComment ? !!comment && comment.trim() !== "" : !valueIncludes(value, q.choices.other);
    if (!hasText) return { key: "other_required" };
  }
  if (!answered && ev.questionRequired(i)) return { key: "required", custom: q.requiredText };
  if (q.kind === "multi" && q.minSelected > 0) {
    const n = Array.isArray(value) ? value.length : 0;
    const onlyExclusive = n === 1 && (q.choices.specials.includes((value as Scalar[])[0]) ||
      q.choices.items.some((c) => c.exclusive && c.value === (value as Scalar[])[0]));
    if (n < q.minSelected && !onlyExclusive) return { key: "too_few_choices", params: { min: q.minSelected } };
  }
  if (q.kind === "ranking" && q.selectToRank && q.minSelected > 0 && answered) {
    if ((value as unknown[]).length < q.minSelected) return { key: "too_few_choices", params: { min: q.minSelected } };
  }
  if (q.kind === "matrix" && (q.eachRowRequired || q.eachRowUnique)) {
    const obj = (value ?? {}) as Record<string, unknown>;
    const seen = new Set<string>();
    for (const row of ev.visibleRows(i)) {
      const v = own(obj, String(row.value));
      if (isEmptyValue(v)) {
        if (q.eachRowRequired) return { key: "all_rows_required" };
        continue;
      }
      if (q.eachRowUnique) {
        const k = JSON.stringify(v);
        if (seen.has(k)) return { key: "rows_unique" };
        seen.add(k);
      }
    }
  }
  if (q.kind === "multipletext") {
    const obj = (value ?? {}) as Record<string, unknown>;
    for (const it of q.items) {
      const v = own(obj, it.name);
      if (it.isRequired && (isEmptyValue(v) || (typeof v === "string" && v.trim() === ""))) {
        return { key: "required", custom: it.requiredText };
      }
      const f = runValidators(ev, it.validators, v);
      if (f) return f;
    }
  }
  return runValidators(ev, q.validators, value);
}

function runValidators(ev: Evaluation, validators: readonly ValidatorSpec[], value: unknown): Failure | null {
  for (const v of validators) {
    const custom = v.text;
    switch (v.type) {
      case "expression":
        // survey-core runs expression validators even on empty values.
        if (!ev.cond(v.cond, value)) return { key: "expression_failed", custom };
        break;
      case "numeric": {
        if (Helpers.isValueEmpty(value)) break;
        if (!Helpers.isNumber(value)) return { key: "not_a_number", custom };
        const n = Helpers.getNumber(value) as number;
        if ((v.min !== null && n < v.min) || (v.max !== null && n > v.max)) {
          if (v.min !== null && v.max !== null) return { key: "out_of_range", params: { min: v.min, max: v.max }, custom };
          return v.min !== null
            ? { key: "below_min", params: { min: v.min }, custom }
            : { key: "above_max", params: { max: v.max! }, custom };
        }
        break;
      }
      case "text": {
        if (typeof value !== "string" || value === "") break;
        // survey-core's TextValidator tests /\d+$/ (digits at the end only); mirror it, not stricter.
        if (!v.allowDigits && /\d+$/.test(value)) return { key: "no_digits", custom };
        if (v.minLength > 0 && value.length < v.minLength) return { key: "too_short", params: { min: v.minLength }, custom };
        if (v.maxLength > 0 && value.length > v.maxLength) return { key: "too_long", params: { max: v.maxLength }, custom };
        break;
      }
      case "answercount": {
        if (!Array.isArray(value) || value.length === 0) break;
        if (v.min > 0 && value.length < v.min) return { key: "too_few_choices", params: { min: v.min }, custom };
        if (v.max > 0 && value.length > v.max) return { key: "too_many_choices", params: { max: v.max }, custom };
        break;
      }
      case "regex": {
        if (Helpers.isValueEmpty(value)) break;
        const list = Array.isArray(value) ? value : [value];
        if (list.some((x) => !v.re.test(String(x)))) return { key: "invalid_format", custom };
        break;
      }
      case "email":
        if (typeof value === "string" && value && !EMAIL_RE.test(value)) return { key: "invalid_email", custom };
        break;
    }
  }
  return null;
}

/** Which questions are visible for this answer (question name → visible), as survey-core would show them. */
export function getQuestionVisibility(plan: ValidationPlan, data: unknown, locale: Locale = "sv"): Record<string, boolean> {
  const ev = new Evaluation(plan, isPlainObject(data) ? data : {}, locale);
  const out: Record<string, boolean> = {};
  plan.questions.forEach((q, i) => {
    out[q.name] = ev.questionVisible(i);
  });
  return out;
}

/**
 * Lists the (question, value) pairs of the choice-like answers in cleaned data (from `validateAnswers`), in
 * definition order: radiogroup/dropdown/imagepicker → the choice; checkbox/tagbox → one per ticked choice;
 * boolean → "true"/"false"; rating → String(value); matrix → `name.row` with the column; ranking → `name.choice`
 * with the 1-based rank. Other answers give the Other item's value ("other"); free text and custom choices are
 * never listed.
 */
export function encodeChoiceAnswers(plan: ValidationPlan, data: Record<string, unknown>): Array<{ question: string; value: string }> {
  const out: Array<{ question: string; value: string }> = [];
  for (const q of plan.questions) {
    const v = own(data, q.key);
    if (isEmptyValue(v)) continue;
    switch (q.kind) {
      case "single":
      case "multi": {
        const known = knownChoiceValues(plan, q.choices);
        const given = Array.isArray(v) ? v : [v];
        const has = (x: Scalar) => given.some((g) => g === x);
        for (const c of known) if (has(c)) out.push({ question: q.name, value: String(c) });
        const other = q.choices.other;
        if (other !== null) {
          const otherText = !q.choices.otherAsComment && given.some((g) => typeof g === "string" && !known.includes(g) && !q.choices.specials.includes(g) && !q.choices.customAllowed);
          if (has(other) || otherText) out.push({ question: q.name, value: String(other) });
        }
        for (const s of q.choices.specials) if (has(s)) out.push({ question: q.name, value: String(s) });
        break;
      }
      case "ranking": {
        if (!Array.isArray(v)) break;
        for (const c of knownChoiceValues(plan, q.choices)) {
          const rank = v.indexOf(c);
          if (rank >= 0) out.push({ question: `${q.name}.${String(c)}`, value: String(rank + 1) });
        }
        break;
      }
      case "rating":
        if (isScalar(v)) out.push({ question: q.name, value: String(v) });
        break;
      case "boolean":
        if (v === q.valueTrue) out.push({ question: q.name, value: "true" });
        else if (v === q.valueFalse) out.push({ question: q.name, value: "false" });
        break;
      case "matrix": {
        if (!isPlainObject(v)) break;
        for (const row of q.rows) {
          const key = String(row.value);
          const cell = own(v, key);
          if (isEmptyValue(cell)) continue;
          const cells = Array.isArray(cell) ? cell : [cell];
          for (const col of q.columns) {
            if (cells.some((c) => c === col.value)) out.push({ question: `${q.name}.${key}`, value: String(col.value) });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function knownChoiceValues(plan: ValidationPlan, cs: ChoiceSpec, depth = 0): Scalar[] {
  if (!cs.carry || depth > plan.questions.length) return cs.items.map((c) => c.value);
  const src = plan.questions[cs.carry.source];
  if (!("choices" in src)) return [];
  const base = knownChoiceValues(plan, src.choices, depth + 1);
  return cs.carry.mode === "selected" && cs.other === null && src.choices.other !== null
    ? [...base, src.choices.other]
    : base;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

function isOtherSelected(q: QuestionPlan, value: unknown): boolean {
  if (!("choices" in q) || q.choices.other === null || value === undefined) return false;
  const cs = q.choices;
  if (valueIncludes(value, cs.other!)) return true;
  if (cs.otherAsComment) return false;
  // The Other text in place of the value: any string that is not a known choice.
  const list = Array.isArray(value) ? value : [value];
  return list.some((v) => typeof v === "string" && !cs.items.some((c) => c.value === v) && !cs.specials.includes(v) && !cs.customAllowed);
}

function valueIncludes(value: unknown, x: Scalar): boolean {
  return Array.isArray(value) ? value.includes(x) : value === x;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** o[k] without inherited members: a question or row named "toString" must not read Object.prototype. */
function own(o: Record<string, unknown>, k: string): unknown {
  return hasOwn(o, k) ? o[k] : undefined;
}

/** survey-core's notion of "no answer": undefined, null, "", [], or an object whose values are all empty. */
function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) if (!isEmptyValue(v[k])) return false;
    return true;
  }
  return false;
}

function hasBadChars(v: unknown): boolean {
  if (typeof v === "string") return BAD_CHARS_RE.test(v);
  if (Array.isArray(v)) return v.some(hasBadChars);
  if (isPlainObject(v)) return Object.keys(v).some((k) => BAD_CHARS_RE.test(k) || hasBadChars(v[k]));
  return false;
}

function looseEquals(a: unknown, b: unknown): boolean {
  return a === b || ((typeof a === "number" || typeof a === "string") && (typeof b === "number" || typeof b === "string") && String(a) === String(b));
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs a compiled expression on answer data. survey-core can throw on hostile values (e.g. an object whose
 * own `toString` is not a function); such a value always fails its own question's type check, so treating the
 * expression as false/empty cannot turn an invalid answer into a valid one.
 */
function safeRun(runner: ConditionRunner | ExpressionRunner, values: Values): unknown {
  try {
    return runner.runValues(values);
  } catch {
    return undefined;
  }
}

function roundValue(v: unknown, precision: number): unknown {
  if (v === Infinity || v === -Infinity) return undefined;
  if (precision < 0 || typeof v !== "number") return v;
  return parseFloat(v.toFixed(precision));
}

function isStepMultiple(value: number, step: number): boolean {
  // survey-core's isStepNumberIncorrect: scale both to integers before the modulo.
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(value * pw) / pw !== value) && pw < 1000000) pw *= 10;
  return Math.round(value * pw) % Math.round(step * pw) === 0;
}

function isRealDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
