/**
 * The per-answer evaluation state used while validating one answer against a compiled plan: the data with the
 * derived values (calculated values, expression questions) recomputed, and memoised visibility, read-only and
 * required state of questions and containers, the visible choices, matrix rows/columns and rating items, and
 * expression-valued bounds. Everything the value and answered checks ask about the answer goes through it.
 */
import { Helpers } from "survey-core";
import type { Locale } from "./limits.server";
import type { Values, Scalar, Cond, Bound, ChoiceItem, ValidationPlan } from "./plan.server";
import { own, looseEquals, sameJson, safeRun, roundValue } from "./helpers.server";

/** Per-answer evaluation state: memoised visibility, read-only state and visible choices. */
export class Evaluation {
  readonly values: Values;
  private readonly cVis: Int8Array;
  private readonly cRO: Int8Array;
  private readonly qVis: Int8Array;
  private readonly qRO: Int8Array;
  private readonly choiceMemo: Array<ChoiceItem[] | undefined>;
  private readonly rowMemo: Array<ChoiceItem[] | undefined>;
  private readonly colMemo: Array<ChoiceItem[] | undefined>;

  constructor(
    readonly plan: ValidationPlan,
    readonly data: Values,
    locale: Locale,
  ) {
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
    const ro =
      (q.enableIf ? !this.cond(q.enableIf, own(this.values, q.key)) : q.readOnly) ||
      this.containerReadOnly(q.container);
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
