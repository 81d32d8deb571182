// One page of a survey as plain HTML form controls (docs/decisions/015-survey-without-javascript.md): the view the
// page renders without JavaScript, built from a survey-core Model so that texts, piping, choice and page visibility
// are SurveyJS's own, as the JavaScript page shows them.
import {
  Model,
  surveyLocalization,
  type ItemValue,
  type PanelModel,
  type Question,
  type QuestionBooleanModel,
  type QuestionMatrixModel,
  type QuestionMultipleTextModel,
  type QuestionRankingModel,
  type QuestionRatingModel,
  type QuestionSelectBase,
  type QuestionTextModel,
} from "survey-core";
import "survey-core/i18n/swedish";
import "survey-core/i18n/finnish";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n";
import type { NativeChoice, NativeOther, NativePageView, NativeQuestion } from "./domain/native-form";
import { sanitizeHtml } from "./domain/html";
import { registerPlaceType } from "./domain/place-type";
import type { ValidationPlan } from "./validation.server";

// The definitions' untranslated texts are Swedish (the `default` of each localizable string), as in the browser
// (app/components/survey/surveyjs-setup.ts, which a feature may not import).
surveyLocalization.defaultLocale = "sv";

const NUMERIC_INPUTS = new Set(["number", "range"]);
/** HTML input types a text question may have; anything else is a plain text box. */
const INPUT_TYPES = new Set([
  "text",
  "email",
  "number",
  "date",
  "datetime-local",
  "month",
  "week",
  "time",
  "tel",
  "url",
  "color",
  "range",
]);

/** A survey-core model of the definition in the locale, with the answers so far (conditions and piping run). */
export function viewModel(definition: Record<string, unknown>, locale: Locale, data: Record<string, unknown>): Model {
  registerPlaceType();
  const m = new Model(definition);
  m.locale = locale;
  m.data = data;
  return m;
}

const raw = (v: unknown): string | number | boolean =>
  typeof v === "number" || typeof v === "boolean" ? v : typeof v === "string" ? v : String(v);
const choice = (item: ItemValue): NativeChoice => ({
  value: String(item.value),
  raw: raw(item.value),
  text: item.text,
});
const textOf = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "object" ? "" : String(v));

export interface ViewOptions {
  /** Every choice and row of the definition, visible or not: for reading a post (validation judges the rest). */
  reading?: boolean;
}

/** The page's questions and display elements, in order, panels flattened (their questions in place). */
export function pageQuestions(m: Model, page: number, options: ViewOptions = {}): Question[] {
  const out: Question[] = [];
  const walk = (els: readonly unknown[]) => {
    for (const el of els as (Question | PanelModel)[]) {
      if (!options.reading && !el.isVisible) continue;
      if (el.isPanel) walk((el as PanelModel).elements);
      else out.push(el as Question);
    }
  };
  walk(m.pages[page]?.elements ?? []);
  return out;
}

function selectChoices(q: QuestionSelectBase, reading: boolean): ItemValue[] {
  if (!reading) return q.visibleChoices;
  const specials = [
    q.noneItem,
    q.otherItem,
    (q as { refuseItem?: ItemValue }).refuseItem,
    (q as { dontKnowItem?: ItemValue }).dontKnowItem,
  ];
  return [...q.choices, ...specials.filter((s): s is ItemValue => !!s)];
}

/** One question as form controls, its current answer filled in. */
export function questionView(
  q: Question,
  plan: ValidationPlan,
  data: Record<string, unknown>,
  locale: Locale,
  options: ViewOptions = {},
): NativeQuestion {
  const reading = options.reading === true;
  const key = q.getValueName();
  const planQ = plan.questions.find((p) => p.name === q.name);
  const value = data[key];
  const base = {
    name: q.name,
    key,
    id: `nq-${q.name.replace(/[^A-Za-z0-9_-]/g, "_")}`,
    title: q.processedTitle || q.name,
    description: q.description ? q.locDescription.renderedHtml.replace(/<[^>]*>/g, "") : "",
    required: q.isRequired,
    error: null,
    comment:
      planQ?.showCommentArea && planQ.commentKey
        ? {
            key: planQ.commentKey,
            label: (q as { commentText?: string }).commentText || translate(locale, "surveyForm.comment"),
            value: textOf(data[planQ.commentKey]),
          }
        : null,
  };
  const type = q.getType();
  const other = (sq: QuestionSelectBase, selected: unknown[]): NativeOther | null => {
    if (!sq.hasOther || !planQ || !("choices" in planQ)) return null;
    const asComment = planQ.choices.otherAsComment;
    const commentKey = asComment ? planQ.commentKey : null;
    // Without the comment key, the text stands in the value itself in place of "other" (SurveyJS's storeOthersAsComment: false).
    const known = new Set(sq.choices.map((c) => String(c.value)));
    const inValue = selected.find((v) => typeof v === "string" && !known.has(v) && v !== String(sq.otherItem.value));
    return {
      choice: String(sq.otherItem.value),
      label: translate(locale, "surveyForm.otherText"),
      commentKey,
      text: commentKey ? textOf(data[commentKey]) : textOf(inValue),
    };
  };

  switch (type) {
    case "radiogroup":
    case "place":
    case "dropdown":
    case "imagepicker":
    case "checkbox":
    case "tagbox": {
      const sq = q as QuestionSelectBase;
      const multi =
        type === "checkbox" ||
        type === "tagbox" ||
        (type === "imagepicker" && (q as { multiSelect?: boolean }).multiSelect === true);
      const selected = Array.isArray(value) ? value : value === undefined ? [] : [value];
      const o = other(sq, selected);
      const known = new Set(sq.choices.map((c) => String(c.value)));
      // An Other text stored in the value itself shows as Other chosen.
      const asForm = selected.map((v) =>
        o && !o.commentKey && typeof v === "string" && !known.has(v) && !isSpecial(sq, v) ? o.choice : String(v),
      );
      const choices = selectChoices(sq, reading).map(choice);
      if (multi) return { ...base, kind: "checkbox", choices, value: asForm, other: o };
      return { ...base, kind: type === "dropdown" ? "select" : "radio", choices, value: asForm[0] ?? "", other: o };
    }
    case "rating": {
      const rq = q as QuestionRatingModel;
      return { ...base, kind: "radio", choices: rq.visibleRateValues.map(choice), value: textOf(value), other: null };
    }
    case "boolean": {
      const bq = q as QuestionBooleanModel;
      const choices: NativeChoice[] = [
        { value: "true", raw: raw(bq.getValueTrue()), text: bq.locLabelTrue.renderedHtml },
        { value: "false", raw: raw(bq.getValueFalse()), text: bq.locLabelFalse.renderedHtml },
      ];
      const current = choices.find((c) => value !== undefined && c.raw === value)?.value ?? "";
      return { ...base, kind: "radio", choices, value: current, other: null };
    }
    case "text": {
      const tq = q as QuestionTextModel;
      const inputType = INPUT_TYPES.has(tq.inputType) ? tq.inputType : "text";
      return {
        ...base,
        kind: "text",
        inputType,
        value: textOf(value),
        maxLength: tq.maxLength > 0 ? tq.maxLength : null,
        numeric: NUMERIC_INPUTS.has(inputType),
      };
    }
    case "comment": {
      const max = (q as { maxLength?: number }).maxLength;
      return { ...base, kind: "comment", value: textOf(value), maxLength: max && max > 0 ? max : null };
    }
    case "matrix": {
      const mq = q as QuestionMatrixModel;
      const rows = (reading ? mq.rows : mq.visibleRows.map((r) => r.item)).map(choice);
      const columns = (reading ? mq.columns : mq.visibleColumns).map(choice);
      const v = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      const current: Record<string, string[]> = {};
      for (const r of rows) {
        const cell = v[r.value];
        if (cell !== undefined) current[r.value] = (Array.isArray(cell) ? cell : [cell]).map(String);
      }
      return { ...base, kind: "matrix", rows, columns, multi: mq.cellType === "checkbox", value: current };
    }
    case "multipletext": {
      const mq = q as QuestionMultipleTextModel;
      const v = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      return {
        ...base,
        kind: "multipletext",
        items: mq.items.map((item) => {
          const inputType = INPUT_TYPES.has(item.inputType) ? item.inputType : "text";
          return {
            name: item.name,
            title: item.fullTitle || item.name,
            inputType,
            value: textOf(v[item.name]),
            numeric: NUMERIC_INPUTS.has(inputType),
          };
        }),
      };
    }
    case "ranking": {
      const rq = q as QuestionRankingModel;
      const order = Array.isArray(value) ? value.map(String) : [];
      const choices = (reading ? rq.choices : rq.visibleChoices).map(choice);
      const current: Record<string, string> = {};
      for (const c of choices) {
        const at = order.indexOf(c.value);
        current[c.value] = at >= 0 ? String(at + 1) : "";
      }
      return { ...base, kind: "ranking", choices, value: current, partial: rq.selectToRankEnabled === true };
    }
    case "html":
      return {
        ...base,
        kind: "html",
        html: sanitizeHtml((q as unknown as { processedHtml: string }).processedHtml ?? ""),
      };
    case "expression":
    case "image":
    case "empty":
      return { ...base, kind: "html", html: "" };
    default:
      return { ...base, kind: "unsupported" };
  }
}

function isSpecial(q: QuestionSelectBase, v: string) {
  return [q.noneItem, q.otherItem].some((s) => s && String(s.value) === v);
}

/** The navigation texts as SurveyJS shows them (the definition's own, or survey-core's in the locale). */
function navTexts(m: Model, locale: Locale) {
  return {
    next: m.pageNextText,
    back: m.pagePrevText,
    send: m.completeText,
    placeholder: surveyLocalization.getString("placeholder", locale),
    required: translate(locale, "surveyForm.required"),
  };
}

/** "Sida 2 av 5" as SurveyJS words it. */
function progressText(locale: Locale, position: number, of: number) {
  return surveyLocalization
    .getString("progressText", locale)
    .replace("{0}", String(position))
    .replace("{1}", String(of));
}

/** The view of one page for the answers so far; `keys` of the page are left out of the carried answers. */
export function pageView({
  definition,
  plan,
  locale,
  data,
  page,
  responseId,
  code = "",
  errors = {},
  codeError = null,
  notice = null,
}: {
  definition: Record<string, unknown>;
  plan: ValidationPlan;
  locale: Locale;
  data: Record<string, unknown>;
  page: number;
  responseId: string;
  code?: string;
  errors?: Record<string, string>;
  codeError?: string | null;
  notice?: string | null;
}): NativePageView {
  const m = viewModel(definition, locale, data);
  const visible = m.visiblePages.map((p) => m.pages.indexOf(p));
  const at = Math.max(0, visible.indexOf(page));
  const pageModel = m.pages[page];
  const questions = pageQuestions(m, page).map((q) => {
    const v = questionView(q, plan, data, locale);
    return { ...v, error: errors[q.name] ?? null };
  });
  // Every key a question of the page may write stays out of the carried answers: the page's fields hold them.
  const own = new Set<string>();
  for (const q of pageQuestions(m, page, { reading: true })) {
    own.add(q.getValueName());
    const pq = plan.questions.find((p) => p.name === q.name);
    if (pq?.commentKey) own.add(pq.commentKey);
  }
  const carried = Object.fromEntries(Object.entries(data).filter(([k]) => !own.has(k)));
  return {
    page,
    position: at + 1,
    of: visible.length,
    title: pageModel?.processedTitle ?? "",
    description: pageModel?.description ? pageModel.locDescription.renderedHtml.replace(/<[^>]*>/g, "") : "",
    progress: progressText(locale, at + 1, visible.length),
    questions,
    carried: JSON.stringify(carried),
    responseId,
    shown: questions.map((q) => q.name),
    code,
    codeError,
    notice,
    texts: navTexts(m, locale),
    isFirst: at === 0,
    isLast: at === visible.length - 1,
  };
}
