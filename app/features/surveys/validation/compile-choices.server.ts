/**
 * Compilation of the choice-like parts of a question: the choices of radiogroup, dropdown, checkbox, tagbox,
 * imagepicker and ranking questions (Other/None/Refuse/Don't know items, choicesMin/Max, carried choices,
 * choice conditions, and the unsupported choice features as errors), rating scales, matrix rows and columns,
 * and the duplicate-value check they share.
 */
import type {
  ItemValue,
  QuestionDropdownModel,
  QuestionMatrixModel,
  QuestionRatingModel,
  QuestionSelectBase,
} from "survey-core";
import type { Scalar, ChoiceItem, ChoiceSpec, QuestionBase, QuestionPlan } from "./plan.server";
import { isScalar } from "./helpers.server";
import type { CompileContext, Issues } from "./compile-context.server";

/** The choices of a choice question, with Other/None/... items, carried choices and their conditions. */
export function compileChoices(ctx: CompileContext, q: QuestionSelectBase, where: string): ChoiceSpec {
  if (q.choicesByUrl && q.choicesByUrl.url) {
    ctx.issues.errors.push(`${where}: alternativ från en URL (choicesByUrl) stöds inte.`);
  }
  const any = q as unknown as Record<string, unknown>;
  if (any.choicesLazyLoadEnabled === true) {
    ctx.issues.errors.push(`${where}: choicesLazyLoadEnabled stöds inte.`);
  }
  if (any.choiceValuesFromQuestion || any.choiceTextsFromQuestion) {
    ctx.issues.errors.push(`${where}: choiceValuesFromQuestion stöds inte.`);
  }
  const items = choiceItems(ctx, q.choices as ItemValue[], where, "alternativ");
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
    if (ci.showCommentArea) ctx.issues.errors.push(`${where}: kommentarsfält på enskilda alternativ stöds inte.`);
    if (Array.isArray(ci.elements) && ci.elements.length > 0) {
      ctx.issues.errors.push(`${where}: frågor inuti alternativ stöds inte.`);
    }
    if (item.enableIf) warnEnable(ctx, where);
  }
  if (q.choicesEnableIf) warnEnable(ctx, where);
  if (
    any.keepIncorrectValues === true ||
    (ctx.model as unknown as Record<string, unknown>).keepIncorrectValues === true
  ) {
    ctx.warnOnce(
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
      ctx.issues.errors.push(
        `${where}: alternativet ${String(s)} krockar med ett inbyggt alternativ (Annat/Inget ...).`,
      );
    }
  }
  checkDuplicates(items, where, "alternativ", ctx.issues);
  if (q.choicesFromQuestion) ctx.carryChoicesFrom(q.choicesFromQuestion, q.choicesFromQuestionMode || "all");
  return {
    items,
    choicesVisibleIf: ctx.cond(q.choicesVisibleIf, `${where} (choicesVisibleIf)`),
    carry: null,
    other,
    otherAsComment: q.getStoreOthersAsComment(),
    specials,
    customAllowed: any.allowCustomChoices === true,
    hideIfEmpty: q.hideIfChoicesEmpty === true,
  };
}

/** Choice-like items (choices, rate values, matrix rows and columns): scalar values and their visibleIf. */
export function choiceItems(ctx: CompileContext, list: ItemValue[], where: string, what: string): ChoiceItem[] {
  const out: ChoiceItem[] = [];
  for (const item of list) {
    const v: unknown = item.value;
    if (!isScalar(v)) {
      ctx.issues.errors.push(`${where}: ett ${what} har ett värde som inte är text, tal eller sant/falskt.`);
      continue;
    }
    out.push({
      value: v,
      visibleIf: ctx.cond(item.visibleIf, `${what} ${String(v)} i ${where} (visibleIf)`),
      exclusive: (item as unknown as { isExclusive?: boolean }).isExclusive === true,
    });
  }
  return out;
}

export function compileRating(
  ctx: CompileContext,
  r: QuestionRatingModel,
  base: QuestionBase,
  where: string,
): QuestionPlan {
  const useRateValues = r.rateValues.length > 0 && !r.autoGenerate; // survey-core's private useRateValues()
  const items = useRateValues
    ? choiceItems(ctx, r.rateValues as ItemValue[], where, "skalvärde")
    : choiceItems(ctx, r.visibleRateValues as ItemValue[], where, "skalvärde");
  checkDuplicates(items, where, "skalvärde", ctx.issues);
  const nums = items.every((i) => typeof i.value === "number") ? items.map((i) => i.value as number) : null;
  return {
    ...base,
    kind: "rating",
    items,
    cap: r.rateType === "smileys" ? 10 : null,
    numeric: nums && nums.length > 0 ? { min: Math.min(...nums), max: Math.max(...nums) } : null,
  };
}

export function compileMatrix(
  ctx: CompileContext,
  m: QuestionMatrixModel,
  base: QuestionBase,
  where: string,
): QuestionPlan {
  const rows = choiceItems(ctx, m.rows as ItemValue[], where, "rad");
  const columns = choiceItems(ctx, m.columns as ItemValue[], where, "kolumn");
  checkDuplicates(rows, where, "rad", ctx.issues);
  checkDuplicates(columns, where, "kolumn", ctx.issues);
  return {
    ...base,
    kind: "matrix",
    rows,
    columns,
    rowsVisibleIf: ctx.cond(m.rowsVisibleIf, `${where} (rowsVisibleIf)`),
    columnsVisibleIf: ctx.cond(m.columnsVisibleIf, `${where} (columnsVisibleIf)`),
    multi: m.isMultiSelect === true,
    eachRowRequired: m.eachRowRequired === true,
    eachRowUnique: m.eachRowUnique === true,
    hideIfRowsEmpty: m.hideIfRowsEmpty === true,
  };
}

export function checkDuplicates(items: ChoiceItem[], where: string, what: string, issues: Issues): void {
  const seen = new Set<string>();
  for (const i of items) {
    const k = String(i.value);
    if (seen.has(k)) issues.errors.push(`${where}: flera ${what} har värdet ${k}.`);
    seen.add(k);
  }
}

function warnEnable(ctx: CompileContext, where: string): void {
  ctx.warnOnce(`enable:${where}`, `${where}: choicesEnableIf/enableIf på alternativ kontrolleras inte på servern.`);
}
