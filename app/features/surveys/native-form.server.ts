// The survey without JavaScript (docs/decisions/015-survey-without-javascript.md): a post of one page is read,
// checked with the compiled validation plan (visibility from the answers so far, required answers, values), and
// answered with the next visible page, the same page with its errors, or the stored answer's thank-you. Nothing is
// stored before the send: earlier pages' answers travel in a hidden field, and the send goes through the same path
// as the JavaScript page's (acceptSubmission, or redeemInvitation for a staff invitation), with a response id made
// with the first page, so that sending twice stores once.
import crypto from "node:crypto";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n";
import { sha256 } from "~/platform/crypto.server";
import { Conflict, Forbidden, Invalid, TooManyRequests } from "~/platform/errors.server";
import {
  FORM_FIELDS,
  mergeAnswers,
  parseCarried,
  readPage,
  type NativeNav,
  type NativePageView,
} from "./domain/native-form";
import { pageQuestions, pageView, questionView, viewModel } from "./native-form-view.server";
import {
  compileValidationPlan,
  getQuestionVisibility,
  validateAnswers,
  type ValidationPlan,
} from "./validation.server";

/**
 * The largest form post read: the answers so far travel in it (the JSON API takes 64 KB of JSON; URL encoding can
 * triple that). A larger declared body is refused before it is read.
 */
export const MAX_FORM_BYTES = 256 * 1024;

/** Reads a posted page of the form (413 past MAX_FORM_BYTES, 415 for what is not a form). */
export async function readSurveyForm(request: Request): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? "0");
  // The connection is closed: the client may still be sending the body the server will not read.
  if (length > MAX_FORM_BYTES)
    throw new Response(translate("sv", "problem.formTooLarge"), { status: 413, headers: { Connection: "close" } });
  const body = await request.arrayBuffer();
  if (body.byteLength > MAX_FORM_BYTES) throw new Response(translate("sv", "problem.formTooLarge"), { status: 413 });
  const type = request.headers.get("content-type") ?? "";
  try {
    return await new Request(request.url, { method: "POST", headers: { "content-type": type }, body }).formData();
  } catch {
    throw new Response(translate("sv", "problem.formRequired"), { status: 415 });
  }
}

/** What a post of the form leads to: a page (next, same with errors, earlier) or the thank-you. */
export type NativeOutcome =
  { state: "page"; view: NativePageView; status: 200 | 403 | 422 | 429 } | { state: "sent"; earlier: boolean };

// Plans by definition (a public survey's frozen version or an invitation's definition for its unit).
const plans = new Map<string, ValidationPlan>();
function planOf(definition: Record<string, unknown>): ValidationPlan {
  const key = sha256(JSON.stringify(definition));
  let plan = plans.get(key);
  if (!plan) {
    plan = compileValidationPlan(definition);
    if (plans.size > 200) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The first page of the form, with a new response id. */
export function firstNativePage({
  definition,
  locale,
}: {
  definition: Record<string, unknown>;
  locale: Locale;
}): NativePageView {
  const plan = planOf(definition);
  const m = viewModel(definition, locale, {});
  const first = m.visiblePages.length ? m.pages.indexOf(m.visiblePages[0]) : 0;
  return pageView({ definition, plan, locale, data: {}, page: first, responseId: crypto.randomUUID() });
}

/**
 * The answers as SurveyJS sends them when the survey completes: values of questions hidden for these answers are
 * dropped (its default `clearInvisibleValues: "onComplete"`), until no more change (a dropped answer can hide
 * another question).
 */
export function completedAnswers(plan: ValidationPlan, data: Record<string, unknown>, locale: Locale) {
  let out = { ...data };
  for (let round = 0; round < 10; round++) {
    const visible = getQuestionVisibility(plan, out, locale);
    let changed = false;
    for (const q of plan.questions) {
      if (visible[q.name] || q.keepHidden) continue;
      for (const k of [q.key, q.commentKey]) {
        if (k && k in out) {
          delete out[k];
          changed = true;
        }
      }
    }
    if (!changed) break;
    out = { ...out };
  }
  return out;
}

/** The page of each question and panel name (the page's index among all pages). */
function pagesByName(plan: ValidationPlan): Map<string, number> {
  const pageOf = (c: number): number => {
    let i = c;
    while (i >= 0 && plan.containers[i].kind !== "page") i = plan.containers[i].parent;
    return i < 0 ? 0 : plan.containers.slice(0, i + 1).filter((x) => x.kind === "page").length - 1;
  };
  const out = new Map<string, number>();
  plan.containers.forEach((c, i) => {
    if (c.kind === "panel" && c.name) out.set(c.name, pageOf(i));
  });
  for (const q of plan.questions) out.set(q.name, pageOf(q.container));
  return out;
}

/**
 * Continues the form from a post. `send` stores the answer (acceptSubmission or redeemInvitation); its domain
 * errors for the answer (invalid, wrong code, rate limit, sent before with other answers) are shown on the page,
 * others (closed, not found) are left to the caller.
 */
export async function continueNativeForm({
  definition,
  locale,
  form,
  send,
}: {
  definition: Record<string, unknown>;
  locale: Locale;
  form: FormData;
  send: (input: { id: string; data: Record<string, unknown>; code: string }) => Promise<unknown>;
}): Promise<NativeOutcome> {
  const plan = planOf(definition);
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const rid = str(FORM_FIELDS.responseId);
  const responseId = UUID.test(rid) ? rid : crypto.randomUUID();
  const code = str(FORM_FIELDS.code).slice(0, 40);
  const nav: NativeNav = (["next", "back", "send"] as const).find((n) => n === str(FORM_FIELDS.nav)) ?? "next";
  const carried = parseCarried(str(FORM_FIELDS.carried));
  const shown = new Set(
    str(FORM_FIELDS.shown)
      .split(/\r?\n/)
      .filter((s) => s),
  );

  // The posted page, read with every question and choice it may have; its answers replace the carried ones.
  const before = viewModel(definition, locale, carried);
  const pageCount = before.pages.length;
  const posted = Number.parseInt(str(FORM_FIELDS.page), 10);
  const page = Number.isInteger(posted) && posted >= 0 && posted < pageCount ? posted : 0;
  const reading = pageQuestions(before, page, { reading: true })
    .filter((q) => shown.has(q.name))
    .map((q) => questionView(q, plan, carried, locale, { reading: true }));
  const entries: [string, string][] = [];
  for (const [k, v] of form.entries()) if (typeof v === "string") entries.push([k, v]);
  const data = mergeAnswers(carried, readPage({ questions: reading }, entries));

  const view = (p: number, extra: Partial<Parameters<typeof pageView>[0]> = {}) =>
    pageView({ definition, plan, locale, data, page: p, responseId, code, ...extra });
  const m = viewModel(definition, locale, data);
  const visiblePages = m.visiblePages.map((p) => m.pages.indexOf(p));

  if (nav === "back") {
    const prev = visiblePages.filter((p) => p < page).pop();
    return { state: "page", view: view(prev ?? page), status: 200 };
  }

  // This page's questions visible now; one that an answer on this page revealed is shown before it is checked.
  const onPage = new Set(pageQuestions(m, page).map((q) => q.name));
  const revealed = [...onPage].filter((n) => !shown.has(n));
  const pageOf = pagesByName(plan);
  const complete = completedAnswers(plan, data, locale);
  const result = validateAnswers(plan, complete, locale);
  const errors = result.ok ? [] : result.errors;
  const here = Object.fromEntries(
    errors.filter((e) => shown.has(e.question) && onPage.has(e.question)).map((e) => [e.question, e.message]),
  );
  // A required panel reports under its own name: shown at its first question on the page.
  for (const e of errors) {
    if (pageOf.get(e.question) === page && !onPage.has(e.question)) {
      const first = pageQuestions(m, page).find(
        (q) => shown.has(q.name) && (q.parent as { name?: string })?.name === e.question,
      );
      if (first && !here[first.name]) here[first.name] = e.message;
    }
  }
  if (Object.keys(here).length > 0) return { state: "page", view: view(page, { errors: here }), status: 422 };
  if (revealed.length > 0) {
    return { state: "page", view: view(page, { notice: translate(locale, "surveyForm.moreQuestions") }), status: 200 };
  }
  const next = visiblePages.find((p) => p > page);
  if (nav === "next" && next !== undefined) return { state: "page", view: view(next), status: 200 };

  // The send. An error left on another page (an answer there made invalid by one changed later) takes the
  // respondent to that page.
  if (errors.length > 0) return errorsOnTheirPage(errors, pageOf, visiblePages, page, view);
  try {
    await send({ id: responseId, data: complete, code });
    return { state: "sent", earlier: false };
  } catch (err) {
    if (err instanceof Invalid) {
      const list = err.errors.map((e) => ({ question: e.field, message: e.message }));
      return errorsOnTheirPage(list, pageOf, visiblePages, page, view);
    }
    if (err instanceof Forbidden) {
      return {
        state: "page",
        view: view(page, { codeError: translate(locale, "survey.codeRejected") }),
        status: 403,
      };
    }
    if (err instanceof TooManyRequests) {
      return { state: "page", view: view(page, { notice: translate(locale, "survey.rateLimited") }), status: 429 };
    }
    // The same id sent before with other answers (a send, Back in the browser, a change, a send again): the
    // first answer is the one stored.
    if (err instanceof Conflict) return { state: "sent", earlier: true };
    throw err;
  }
}

function errorsOnTheirPage(
  errors: { question: string; message: string }[],
  pageOf: Map<string, number>,
  visiblePages: number[],
  current: number,
  view: (p: number, extra: { errors: Record<string, string> }) => NativePageView,
): NativeOutcome {
  const pages = errors
    .map((e) => pageOf.get(e.question))
    .filter((p): p is number => p !== undefined && visiblePages.includes(p));
  const target = pages.length ? Math.min(...pages) : current;
  const here = Object.fromEntries(
    errors.filter((e) => pageOf.get(e.question) === target).map((e) => [e.question, e.message]),
  );
  return { state: "page", view: view(target, { errors: here }), status: 422 };
}
