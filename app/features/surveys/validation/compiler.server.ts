/**
 * The Compiler: walks a survey-core Model of a definition (pages, panels, questions, calculated values) into a
 * validation plan of plain data: containers and questions with their visibility, read-only and required state
 * and conditions, the data keys each question owns, derived values (expression questions, calculated values)
 * and carried-forward choices. The question-type parts live in compile-choices, compile-text and
 * compile-validators; conditions and expressions are parsed by compile-expressions.
 */
import { settings } from "survey-core";
import type {
  ExpressionRunner,
  IElement,
  PanelModelBase,
  Question,
  QuestionBooleanModel,
  QuestionCheckboxModel,
  QuestionCommentModel,
  QuestionExpressionModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionRankingModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionTextModel,
  SurveyModel,
} from "survey-core";
import { DEFAULT_COMMENT_MAX, INPUT_TYPES, DISPLAY_TYPES, FORBIDDEN_NAMES } from "./limits.server";
import { toLocText } from "./messages.server";
import type { Cond, QuestionBase, QuestionPlan, ContainerPlan, DerivedPlan, ValidationPlan } from "./plan.server";
import type { CompileContext, Issues } from "./compile-context.server";
import { compileCondition, compileExpression } from "./compile-expressions.server";
import { compileChoices, compileMatrix, compileRating } from "./compile-choices.server";
import { compileMultipleText, compileText, textMaxLength } from "./compile-text.server";
import { compileValidators } from "./compile-validators.server";

export class Compiler implements CompileContext {
  readonly questions: QuestionPlan[] = [];
  readonly containers: ContainerPlan[] = [];
  readonly derived: DerivedPlan[] = [];
  readonly keys = new Map<string, { question: number; role: "value" | "comment" | "derived" }>();
  private readonly carryNames = new Map<number, { name: string; mode: string }>();
  private readonly warnedFeatures = new Set<string>();

  constructor(
    readonly model: SurveyModel,
    readonly issues: Issues,
  ) {}

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
        this.issues.warnings.push(`${where}: ${prop} körs bara i webbläsaren; värdet valideras som ett vanligt svar.`);
      }
    }
    const clearIf =
      q.clearIfInvisible && q.clearIfInvisible !== "default"
        ? q.clearIfInvisible
        : String(this.model.clearInvisibleValues);
    const keepHidden = clearIf === "none";
    if (keepHidden) {
      this.warnOnce(
        "keepHidden",
        'Svar på dolda frågor sparas (clearInvisibleValues/clearIfInvisible "none"): de typkontrolleras men avvisas inte.',
      );
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
      validators: compileValidators(this, q.validators, where),
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
      if (plan.runner)
        this.derived.push({ key: plan.key, runner: plan.runner, precision: plan.precision, output: false });
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
      case "place":
        return { ...base, kind: "single", choices: compileChoices(this, q as QuestionSelectBase, where) };
      case "imagepicker": {
        const choices = compileChoices(this, q as QuestionSelectBase, where);
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
          ...base,
          kind: "multi",
          choices: compileChoices(this, cb, where),
          minSelected: cb.minSelectedChoices || 0,
          maxSelected: cb.maxSelectedChoices || 0,
        };
      }
      case "ranking": {
        const rk = q as QuestionRankingModel;
        return {
          ...base,
          kind: "ranking",
          choices: compileChoices(this, rk, where),
          selectToRank: rk.selectToRankEnabled === true,
          minSelected: rk.minSelectedChoices || 0,
          maxSelected: rk.maxSelectedChoices || 0,
        };
      }
      case "rating":
        return compileRating(this, q as QuestionRatingModel, base, where);
      case "boolean": {
        const b = q as QuestionBooleanModel;
        return { ...base, kind: "boolean", valueTrue: b.getValueTrue(), valueFalse: b.getValueFalse() };
      }
      case "text":
        return { ...base, kind: "text", text: compileText(this, q as QuestionTextModel, where) };
      case "comment": {
        const max = (q as QuestionCommentModel).getMaxLength() as number | null;
        return { ...base, kind: "comment", maxLength: textMaxLength(this, max, DEFAULT_COMMENT_MAX, where) };
      }
      case "matrix":
        return compileMatrix(this, q as QuestionMatrixModel, base, where);
      case "multipletext":
        return compileMultipleText(this, q as QuestionMultipleTextModel, base, where);
      case "expression": {
        const e = q as QuestionExpressionModel;
        return {
          ...base,
          kind: "expression",
          runner: this.expr(e.expression, `${where} (expression)`),
          precision: typeof e.precision === "number" ? e.precision : -1,
        };
      }
      default:
        return null;
    }
  }

  private resolveCarryForward(): void {
    for (const [index, { name, mode }] of this.carryNames) {
      const q = this.questions[index];
      if (!q || !("choices" in q)) continue;
      let source = this.questions.findIndex((s) => s.name === name);
      if (source < 0) source = this.questions.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
      const s = this.questions[source];
      if (!s || !("choices" in s) || source === index) {
        this.issues.errors.push(
          `fråga ${q.name}: choicesFromQuestion pekar på ${name}, som inte är en flervalsfråga i enkäten.`,
        );
        continue;
      }
      q.choices.carry = {
        source,
        mode: mode === "selected" || mode === "unselected" ? mode : "all",
      };
    }
    for (let i = 0; i < this.questions.length; i++) {
      const seen = new Set<number>();
      for (let j = i; ;) {
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

  cond(expression: string | undefined, where: string): Cond | null {
    return compileCondition(this.issues, expression, where);
  }

  expr(expression: string | undefined, where: string): ExpressionRunner | null {
    return compileExpression(this.issues, expression, where);
  }

  warnOnce(key: string, message: string): void {
    if (this.warnedFeatures.has(key)) return;
    this.warnedFeatures.add(key);
    this.issues.warnings.push(message);
  }

  carryChoicesFrom(name: string, mode: string): void {
    this.carryNames.set(this.questions.length, { name, mode });
  }
}

export function compileModel(model: SurveyModel, issues: Issues): ValidationPlan {
  return new Compiler(model, issues).run();
}
