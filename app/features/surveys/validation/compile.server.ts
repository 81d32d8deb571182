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
import {
  type DefinitionCheck,
  DEFAULT_TEXT_MAX,
  DEFAULT_COMMENT_MAX,
  HARD_MAX_LENGTH,
  FORMATTED_MAX,
  INPUT_TYPES,
  DISPLAY_TYPES,
  SERVER_UNSUPPORTED_FUNCTIONS,
  SURVEY_BUILTIN_VARIABLES,
  FORBIDDEN_NAMES,
} from "./limits.server";
import { compileSafeRegExp, MAX_PATTERN_LENGTH } from "~/platform/safe-regexp.server";
import { toLocText } from "./messages.server";
import type {
  Scalar,
  Cond,
  Bound,
  ChoiceItem,
  ChoiceSpec,
  TextFormat,
  TextSpec,
  ValidatorSpec,
  MultiTextItem,
  QuestionBase,
  QuestionPlan,
  ContainerPlan,
  DerivedPlan,
  ValidationPlan,
} from "./plan.server";
import { isPlainObject, isScalar, unique } from "./helpers.server";

// ---------------------------------------------------------------------------------------------------------
// Definition check and compilation
// ---------------------------------------------------------------------------------------------------------

/** Why a regex validator's pattern is refused (utils/safe-regexp.server.ts), in Swedish like every check message. */
const REGEX_REFUSAL = {
  invalid: (p: string) => `det reguljära uttrycket ${p} är ogiltigt.`,
  too_long: (p: string) => `det reguljära uttrycket ${p.slice(0, 40)}… är längre än ${MAX_PATTERN_LENGTH} tecken.`,
  unsafe: (p: string) =>
    `det reguljära uttrycket ${p} kan ta orimligt lång tid att pröva (en upprepad grupp som själv innehåller upprepning eller alternativ, eller en bakåtreferens). Förenkla uttrycket.`,
} as const;

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

export interface Issues {
  errors: string[];
  warnings: string[];
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

/** Structural check on the raw JSON: survey-core silently drops elements of unknown types, so check first. */
export function walkRaw(json: Record<string, unknown>, issues: Issues): void {
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

export class Compiler {
  readonly questions: QuestionPlan[] = [];
  readonly containers: ContainerPlan[] = [];
  readonly derived: DerivedPlan[] = [];
  readonly keys = new Map<string, { question: number; role: "value" | "comment" | "derived" }>();
  private readonly carryNames = new Map<number, { name: string; mode: string }>();
  private readonly warnedFeatures = new Set<string>();

  constructor(
    private readonly model: SurveyModel,
    private readonly issues: Issues,
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
          ...base,
          kind: "multi",
          choices: this.choices(cb, where),
          minSelected: cb.minSelectedChoices || 0,
          maxSelected: cb.maxSelectedChoices || 0,
        };
      }
      case "ranking": {
        const rk = q as QuestionRankingModel;
        return {
          ...base,
          kind: "ranking",
          choices: this.choices(rk, where),
          selectToRank: rk.selectToRankEnabled === true,
          minSelected: rk.minSelectedChoices || 0,
          maxSelected: rk.maxSelectedChoices || 0,
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
    if (
      any.keepIncorrectValues === true ||
      (this.model as unknown as Record<string, unknown>).keepIncorrectValues === true
    ) {
      this.warnOnce(
        `keep:${where}`,
        `${where}: keepIncorrectValues – värden som inte finns bland de synliga alternativen avvisas ändå av servern.`,
      );
    }
    const other = q.showOtherItem && q.supportOther() ? (q.otherItem.value as Scalar) : null;
    const specials: Scalar[] = [];
    if (q.showNoneItem && q.supportNone()) specials.push(q.noneItem.value as Scalar);
    if (q.showRefuseItem && q.supportRefuse()) specials.push(q.refuseItem.value as Scalar);
    if (q.showDontKnowItem && q.supportDontKnow()) specials.push(q.dontKnowItem.value as Scalar);
    for (const s of other === null ? specials : [other, ...specials]) {
      if (items.some((i) => String(i.value) === String(s))) {
        this.issues.errors.push(
          `${where}: alternativet ${String(s)} krockar med ett inbyggt alternativ (Annat/Inget ...).`,
        );
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
      ...base,
      kind: "rating",
      items,
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
      this.warnOnce(
        `mask:${where}`,
        `${where}: inmatningsmasken (${maskType}) kontrolleras bara som ${format === "number" ? "tal" : "text"}.`,
      );
    } else {
      const it = t.inputType;
      format =
        it === "number" || it === "range"
          ? "number"
          : it === "date"
            ? "date"
            : it === "datetime-local"
              ? "datetime"
              : it === "month" || it === "week" || it === "time" || it === "color" || it === "email"
                ? it
                : "text";
    }
    const maxLength =
      format === "text" || format === "email"
        ? this.maxLength(t.getMaxLength() as number | null, DEFAULT_TEXT_MAX, where)
        : FORMATTED_MAX;
    const bound = (raw: unknown, expr: string, prop: string): Bound => ({
      value:
        raw === undefined || raw === null || raw === ""
          ? null
          : format === "number"
            ? Helpers.isNumber(raw)
              ? Helpers.getNumber(raw)
              : null
            : String(raw),
      expr: this.expr(expr, `${where} (${prop})`),
    });
    const step =
      format === "number" && t.inputType === "number" && Helpers.isNumber(t.step)
        ? (Helpers.getNumber(t.step) as number)
        : null;
    return {
      format,
      maxLength,
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
      ...base,
      kind: "matrix",
      rows,
      columns,
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
          else this.issues.errors.push(`${where}: ${REGEX_REFUSAL[compiled.reason](json.regex)}`);
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
        this.issues.errors.push(
          `Uttrycket "${expression}" i ${where} använder funktionen ${fn}, som inte kan beräknas på servern.`,
        );
        ok = false;
      }
    }
    const lower = vars.map((v) => v.toLowerCase());
    for (const v of lower) {
      if (v.startsWith(settings.expressionElementPropertyPrefix || "$")) {
        this.issues.errors.push(
          `Uttrycket "${expression}" i ${where} läser en egenskap ({${v}}), vilket inte stöds på servern.`,
        );
        ok = false;
      } else if (
        v.startsWith("panel.") ||
        v.startsWith("row.") ||
        v.startsWith("composite.") ||
        v.startsWith("parentpanel.")
      ) {
        this.issues.warnings.push(
          `Uttrycket "${expression}" i ${where} använder {${v}}, som alltid är tomt på servern.`,
        );
      } else if (SURVEY_BUILTIN_VARIABLES.has(v)) {
        this.issues.warnings.push(`Uttrycket "${expression}" i ${where} använder {${v}}, som inte finns på servern.`);
      }
    }
    return ok ? lower : null;
  }

  private maxLength(defined: number | null, fallback: number, where: string): number {
    if (typeof defined === "number" && defined > HARD_MAX_LENGTH) {
      this.issues.warnings.push(
        `${where}: maxLength ${defined} är över serverns gräns; högst ${HARD_MAX_LENGTH} tecken tas emot.`,
      );
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

export function compileModel(model: SurveyModel, issues: Issues): ValidationPlan {
  return new Compiler(model, issues).run();
}

export function checkDuplicates(items: ChoiceItem[], where: string, what: string, issues: Issues): void {
  const seen = new Set<string>();
  for (const i of items) {
    const k = String(i.value);
    if (seen.has(k)) issues.errors.push(`${where}: flera ${what} har värdet ${k}.`);
    seen.add(k);
  }
}

export function capLength(defined: number | null | undefined, fallback: number): number {
  return Math.min(typeof defined === "number" && defined > 0 ? defined : fallback, HARD_MAX_LENGTH);
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
