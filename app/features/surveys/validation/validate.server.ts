import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "~/platform/json-depth";
import { Helpers } from "survey-core";
import {
  type Locale,
  type ValidationError,
  DEFAULT_COMMENT_MAX,
  MAX_UNKNOWN_KEY_ERRORS,
  capLength,
} from "./limits.server";
import { type Failure, formatMessage } from "./messages.server";
import type { Values, ValidationPlan } from "./plan.server";
import { isOtherSelected, isPlainObject, own, isEmptyValue, hasBadChars } from "./helpers.server";
import { Evaluation } from "./evaluation.server";
import { checkValue } from "./value-checks.server";
import { checkAnswered } from "./answered-checks.server";

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

export type { Values };

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
    return {
      ok: false,
      errors: tooDeep.map((question) => ({ question, message: formatMessage(locale, { key: "too_deep" }) })),
    };
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

/** Which questions are visible for this answer (question name → visible), as survey-core would show them. */
export function getQuestionVisibility(
  plan: ValidationPlan,
  data: unknown,
  locale: Locale = "sv",
): Record<string, boolean> {
  const ev = new Evaluation(plan, isPlainObject(data) ? data : {}, locale);
  const out: Record<string, boolean> = {};
  plan.questions.forEach((q, i) => {
    out[q.name] = ev.questionVisible(i);
  });
  return out;
}
