import { ConditionRunner, ExpressionRunner } from "survey-core";

// ---------------------------------------------------------------------------------------------------------
// Plan types
// ---------------------------------------------------------------------------------------------------------

/** A text as a definition gives it: plain, per locale, or absent. */
export type LocText = string | Record<string, string> | null;
/** The answers being validated, by question name. */
export type Values = Record<string, unknown>;
export type Scalar = string | number | boolean;
export type Cond = { runner: ConditionRunner; usesSelf: boolean };
export type Bound = { value: number | string | null; expr: ExpressionRunner | null };

export interface ChoiceItem {
  value: Scalar;
  visibleIf: Cond | null;
  exclusive: boolean;
}

export interface ChoiceSpec {
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

export type TextFormat = "text" | "email" | "number" | "date" | "datetime" | "month" | "week" | "time" | "color";

export interface TextSpec {
  format: TextFormat;
  maxLength: number;
  min: Bound;
  max: Bound;
  step: number | null;
}

export type ValidatorSpec = { text: LocText } & (
  | { type: "numeric"; min: number | null; max: number | null }
  | { type: "text"; minLength: number; maxLength: number; allowDigits: boolean }
  | { type: "answercount"; min: number; max: number }
  | { type: "regex"; re: RegExp }
  | { type: "email" }
  | { type: "expression"; cond: Cond }
);

export interface MultiTextItem {
  name: string;
  text: TextSpec;
  isRequired: boolean;
  requiredText: LocText;
  validators: ValidatorSpec[];
}

/** What a question, a page and a panel share: whether it shows, may be answered, and must be. */
export interface ElementConditions {
  visible: boolean;
  visibleIf: Cond | null;
  readOnly: boolean;
  enableIf: Cond | null;
  isRequired: boolean;
  requiredIf: Cond | null;
  requiredText: LocText;
}

export interface QuestionBase extends ElementConditions {
  name: string;
  /** The data key: `valueName` or `name`. */
  key: string;
  type: string;
  container: number;
  allowSpace: boolean;
  validators: ValidatorSpec[];
  /** `<key>-Comment` when the question can store a comment (showCommentArea, or Other stored as comment). */
  commentKey: string | null;
  showCommentArea: boolean;
  keepHidden: boolean;
}

export type QuestionPlan = QuestionBase &
  (
    | { kind: "single"; choices: ChoiceSpec }
    | { kind: "multi"; choices: ChoiceSpec; minSelected: number; maxSelected: number }
    | { kind: "ranking"; choices: ChoiceSpec; selectToRank: boolean; minSelected: number; maxSelected: number }
    | { kind: "rating"; items: ChoiceItem[]; cap: number | null; numeric: { min: number; max: number } | null }
    | { kind: "boolean"; valueTrue: unknown; valueFalse: unknown }
    | { kind: "text"; text: TextSpec }
    | { kind: "comment"; maxLength: number }
    | {
        kind: "matrix";
        rows: ChoiceItem[];
        rowsVisibleIf: Cond | null;
        columns: ChoiceItem[];
        columnsVisibleIf: Cond | null;
        multi: boolean;
        eachRowRequired: boolean;
        eachRowUnique: boolean;
        hideIfRowsEmpty: boolean;
      }
    | { kind: "multipletext"; items: MultiTextItem[] }
    | { kind: "expression"; runner: ExpressionRunner | null; precision: number }
  );

export interface ContainerPlan extends ElementConditions {
  kind: "page" | "panel";
  name: string;
  parent: number;
  /** Indices of the answerable questions anywhere inside (for a required panel). */
  questions: number[];
}

export interface DerivedPlan {
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
