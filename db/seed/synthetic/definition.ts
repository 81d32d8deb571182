/** What a survey definition asks, and an answer builder that keeps only what it can hold. */
import {
  BANK,
  type SurveyDefinition,
  type SurveyElementJson,
} from "../../../app/features/surveys/domain/question-bank";

export interface QuestionInfo {
  name: string;
  type: string;
  /** Choice values (with "none" when `showNoneItem`), for select-type questions. */
  choices: readonly string[];
  /** Matrix rows and columns. */
  rows: readonly string[];
  columns: readonly string[];
  maxSelectedChoices: number | null;
  maxLength: number | null;
  visibleIf: string | null;
}

export interface DefinitionInfo {
  /** Question names in page order; answers are built in this order. */
  order: readonly string[];
  questions: ReadonlyMap<string, QuestionInfo>;
  /** Values of the `area` question's choices. */
  areas: readonly string[];
}

function choiceValue(choice: unknown): string | undefined {
  if (typeof choice === "string" || typeof choice === "number") return String(choice);
  if (typeof choice === "object" && choice !== null && "value" in choice) {
    const value: unknown = choice.value;
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

function valuesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map(choiceValue).filter((v): v is string => v !== undefined);
}

function collectQuestions(elements: readonly SurveyElementJson[] | undefined, out: QuestionInfo[]): void {
  for (const element of elements ?? []) {
    if (element.type === "panel") {
      collectQuestions(element["elements"] as SurveyElementJson[] | undefined, out);
      continue;
    }
    // Dynamic panels and other containers: the generator does not answer them.
    if (element.type === "paneldynamic" || element.type === "html" || element.type === "image") continue;
    const choices = valuesOf(element["choices"]);
    // SurveyJS's special items have fixed default values (settings.noneItemValue, settings.otherItemValue).
    if (element["showNoneItem"] === true) choices.push("none");
    const max = element["maxSelectedChoices"];
    const maxLength = element["maxLength"];
    const visibleIf = element["visibleIf"];
    out.push({
      name: element.name,
      type: element.type,
      choices,
      rows: valuesOf(element["rows"]),
      columns: valuesOf(element["columns"]),
      maxSelectedChoices: typeof max === "number" && max > 0 ? max : null,
      maxLength: typeof maxLength === "number" && maxLength > 0 ? maxLength : null,
      visibleIf: typeof visibleIf === "string" && visibleIf.trim() !== "" ? visibleIf : null,
    });
  }
}

/** Reads which questions, choices and conditions a definition has, once, for many generated answers. */
export function describeDefinition(definition: SurveyDefinition): DefinitionInfo {
  const list: QuestionInfo[] = [];
  collectQuestions(definition.elements, list);
  for (const page of definition.pages ?? []) collectQuestions(page.elements, list);
  const questions = new Map(list.map((q) => [q.name, q]));
  return { order: list.map((q) => q.name), questions, areas: questions.get("area")?.choices ?? [] };
}

/** `visibleIf` of the bank; a definition whose condition differs is not answered (its truth is unknown here). */
const KNOWN_VISIBLE_IF: ReadonlyMap<string, string> = new Map(
  BANK.flatMap((e) => (typeof e.element["visibleIf"] === "string" ? [[e.name, e.element["visibleIf"]] as const] : [])),
);

export type AnswerValue = string | boolean | string[] | Record<string, string>;
/** One SurveyJS data object. */
export type SyntheticAnswer = Record<string, AnswerValue>;

/**
 * Collects values, keeping only what the definition can hold, and emits them in page order.
 * Conditional questions are only set by callers that know the condition holds (`conditionMet`).
 */
export class AnswerBuilder {
  private readonly values = new Map<string, AnswerValue>();
  constructor(private readonly info: DefinitionInfo) {}

  set(name: string, value: AnswerValue | undefined, conditionMet = false): void {
    if (value === undefined) return;
    const q = this.info.questions.get(name);
    if (!q) return;
    if (q.visibleIf !== null && !(conditionMet && KNOWN_VISIBLE_IF.get(name) === q.visibleIf)) return;
    const valid = this.coerce(q, value);
    if (valid !== undefined) this.values.set(name, valid);
  }

  private coerce(q: QuestionInfo, value: AnswerValue): AnswerValue | undefined {
    switch (q.type) {
      case "radiogroup":
      case "dropdown":
        return typeof value === "string" && q.choices.includes(value) ? value : undefined;
      case "checkbox":
      case "tagbox": {
        if (!Array.isArray(value)) return undefined;
        const kept = value.filter((v) => q.choices.includes(v));
        // SurveyJS's "none" clears every other tick, so the two never appear together.
        const clean = kept.includes("none") ? ["none"] : kept;
        const capped = q.maxSelectedChoices === null ? clean : clean.slice(0, q.maxSelectedChoices);
        return capped.length > 0 ? capped : undefined;
      }
      case "boolean":
        return typeof value === "boolean" ? value : undefined;
      case "comment":
      case "text": {
        if (typeof value !== "string" || value.trim() === "") return undefined;
        return q.maxLength === null ? value : value.slice(0, q.maxLength);
      }
      case "matrix": {
        if (typeof value !== "object" || Array.isArray(value)) return undefined;
        const kept = Object.entries(value).filter(([row, col]) => q.rows.includes(row) && q.columns.includes(col));
        return kept.length > 0 ? Object.fromEntries(kept) : undefined;
      }
      default:
        return undefined;
    }
  }

  build(): SyntheticAnswer {
    const answer: SyntheticAnswer = {};
    for (const name of this.info.order) {
      const value = this.values.get(name);
      if (value !== undefined) answer[name] = value;
    }
    return answer;
  }
}
