/**
 * Writes app/styles/survey-core.subset.css: the rules of SurveyJS's stylesheet (survey-core.fontless.min.css,
 * about 300 kB) that can apply to the surveys this app renders, about a third of it. See docs/decisions for why
 * (the survey page's stylesheet blocks the first paint on a slow phone) and docs/benchmarks.md for the effect.
 *
 *   npx tsx scripts/survey-css.ts           regenerate (after upgrading survey-core or supporting a new type)
 *   npx tsx scripts/survey-css.ts --check   exit 1 if the file is not what this script makes (the unit test does this)
 *
 * A rule is kept when every class in one of its selectors can occur on our pages. The classes that can occur:
 * 1. every class survey-core's theme (`defaultCss`) names for the parts and question types we render
 *    (SUPPORTED_TYPES; never timers, files, signatures, dynamic panels or matrices, sliders, image maps,
 *    progress buttons, the table of contents, the completed page or popup surveys);
 * 2. every class in survey-react-ui's server rendering of a survey with each supported type, in the states a
 *    respondent meets (empty, answered, with errors, on a phone, each page's navigation);
 * 3. the popup, list and action-bar families that dropdowns, tag boxes and rankings draw only once opened or
 *    dragged in the browser (KEEP_PREFIXES).
 * Selectors without a class (`:root`, element selectors) are kept; keyframes are kept when a kept rule names them.
 * It uses postcss, which the Remix compiler already depends on.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import postcss, { type AtRule, type Container, type Rule } from "postcss";
import { defaultCss, type Model } from "survey-core";
import "~/components/survey/surveyjs-setup";
import { LocalizedSurvey } from "~/components/survey/LocalizedSurvey";
import { createRespondentModel } from "~/components/survey/model";
import { SUPPORTED_TYPES } from "~/features/surveys/builder-import.server";

const { values: opt } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = path.join(root, "node_modules/survey-core/survey-core.fontless.min.css");
export const TARGET = path.join(root, "app/styles/survey-core.subset.css");

/** Parts of survey-core's theme that our surveys never show (see SurveyRunner and createRespondentModel). */
const UNUSED_THEME_KEYS = [
  /^clockTimer/,
  /^timerRoot$/,
  /^bodyWithTimer$/,
  /^progressButtons/,
  /^progressTextInBar$/,
  /^completedPage$/,
  /^completedBeforePage$/,
  /^saveData$/,
  /^window$/,
  /^rootBackgroundImage$/,
  /^rootWrapperHasImage$/,
  /^rootWrapperFixed$/,
  /^logo/,
  /^headerClose$/,
];
/** Class families drawn only in the browser after an interaction (open a dropdown, drag a ranking item). */
const KEEP_PREFIXES = ["sv-popup", "sv-list", "sd-list", "sv-action", "sd-action", "sv-dragdrop", "sv-ranking"];
/** Families of the parts we never show, even where a shared theme entry names them. */
const DROP_PREFIXES = [
  "sd-summary",
  "sd-file",
  "sd-paneldynamic",
  "sd-slider",
  "sd-timer",
  "sd-completedpage",
  "sd-completed-before-page",
  "sd-progress-buttons",
  "sd-imagemap",
  "sd-signaturepad",
  "sd-matrixdynamic",
  "sv-save-data",
  "sd-tab",
  "sv-brand-info",
  "svc-",
];

/** One question of every type we support, with the options the question bank and the builder use. */
function sampleDefinition() {
  const choices = ["a", "b", "c", "d", "e", "f"].map((v) => ({ value: v, text: `Val ${v}` }));
  const byType: Record<string, Record<string, unknown>> = {
    radiogroup: { choices, showOtherItem: true, showNoneItem: true, colCount: 1, description: "Beskrivning" },
    checkbox: { choices, showOtherItem: true, showNoneItem: true, showSelectAllItem: true, colCount: 2 },
    dropdown: { choices, showOtherItem: true },
    tagbox: { choices },
    ranking: { choices: choices.slice(0, 3) },
    imagepicker: {
      choices: [
        { value: "x", imageLink: "/favicon.svg", text: "X" },
        { value: "y", imageLink: "/favicon.svg", text: "Y" },
      ],
      showLabel: true,
    },
    rating: { rateMin: 0, rateMax: 10, minRateDescription: "Inte alls", maxRateDescription: "Mycket" },
    comment: { maxLength: 500 },
    text: { inputType: "number", min: 0, max: 120 },
    boolean: { renderAs: "radio", labelTrue: "Ja", labelFalse: "Nej" },
    matrix: { columns: choices.slice(0, 4), rows: ["r1", "r2", "r3"], isAllRowRequired: true },
    multipletext: { items: [{ name: "m1" }, { name: "m2" }] },
    panel: { elements: [{ type: "text", name: "inner", title: "Inuti" }], title: "Panel", description: "Om panelen" },
    html: { html: "<p>Text</p>" },
    image: { imageLink: "/favicon.svg", imageHeight: "40px", imageWidth: "40px" },
    empty: {},
    expression: { expression: "1 + 1" },
  };
  const elements = SUPPORTED_TYPES.map((type) => ({
    type,
    name: `q_${type}`,
    title: `Fråga ${type}`,
    ...(type === "panel" || type === "html" || type === "image" || type === "empty" || type === "expression"
      ? {}
      : { isRequired: true }),
    ...(byType[type] ?? {}),
  }));
  const extra = [
    { type: "rating", name: "q_rating_stars", rateType: "stars", rateCount: 5 },
    { type: "rating", name: "q_rating_smileys", rateType: "smileys", rateCount: 5 },
    { type: "rating", name: "q_rating_dropdown", rateMax: 10, displayMode: "dropdown" },
    { type: "boolean", name: "q_boolean_switch" },
    { type: "checkbox", name: "q_checkbox_cols", choices, colCount: 3 },
    { type: "text", name: "q_text_wide", inputType: "text", maxLength: 80, placeholder: "Skriv" },
  ];
  return {
    title: "Exempel",
    description: "Om enkäten",
    pages: [
      { name: "p1", title: "Sida 1", description: "Om sidan", elements: [...elements, ...extra] },
      { name: "p2", elements: [{ type: "radiogroup", name: "last", choices, isRequired: true }] },
      { name: "p3", elements: [{ type: "comment", name: "final" }] },
    ],
  };
}

function classesOfHtml(html: string, into: Set<string>) {
  for (const m of html.matchAll(/\bclass="([^"]*)"/g)) for (const c of m[1]!.split(/\s+/)) if (c) into.add(c);
}

function renderedClasses(): Set<string> {
  const found = new Set<string>();
  const render = (m: Model) => classesOfHtml(renderToString(createElement(LocalizedSurvey, { model: m })), found);
  const make = () => createRespondentModel(sampleDefinition(), { locale: "sv", randomSeed: 1, asServer: true });
  for (const mobile of [false, true]) {
    for (const page of [0, 1, 2]) {
      const m = make();
      if (mobile) m.setIsMobile(true);
      m.currentPageNo = page;
      render(m);
      // With errors: everything required left empty.
      m.validateCurrentPage();
      render(m);
      // Answered: chosen items, filled texts.
      const answered = make();
      if (mobile) answered.setIsMobile(true);
      answered.data = {
        q_radiogroup: "a",
        q_checkbox: ["a", "b"],
        q_dropdown: "b",
        q_tagbox: ["a"],
        q_rating: 7,
        q_rating_stars: 3,
        q_rating_smileys: 2,
        q_boolean: true,
        q_boolean_switch: false,
        q_matrix: { r1: "a" },
        q_text: 42,
        q_comment: "text",
        q_multipletext: { m1: "x" },
        q_imagepicker: "x",
      };
      answered.currentPageNo = page;
      render(answered);
    }
  }
  return found;
}

function themeClasses(): Set<string> {
  const found = new Set<string>();
  const skipTypes = Object.keys(defaultCss).filter(
    (k) =>
      UNUSED_THEME_KEYS.some((re) => re.test(k)) ||
      // A question type's own section, for a type we do not render.
      (typeof (defaultCss as Record<string, unknown>)[k] === "object" &&
        [
          "matrixdropdown",
          "matrixdynamic",
          "paneldynamic",
          "file",
          "signaturepad",
          "slider",
          "imagemap",
          "buttongroup",
        ].includes(k)),
  );
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      for (const c of v.split(/\s+/)) if (c) found.add(c);
    } else if (v && typeof v === "object") {
      for (const x of Object.values(v)) walk(x);
    }
  };
  for (const [k, v] of Object.entries(defaultCss)) if (!skipTypes.includes(k)) walk(v);
  return found;
}

export function subsetCss(): string {
  const usable = new Set([...themeClasses(), ...renderedClasses()]);
  const canOccur = (cls: string) =>
    !DROP_PREFIXES.some((p) => cls.startsWith(p)) && (usable.has(cls) || KEEP_PREFIXES.some((p) => cls.startsWith(p)));
  const source = fs.readFileSync(SOURCE, "utf8");
  const ast = postcss.parse(source);
  const keyframes: AtRule[] = [];
  ast.walkRules((rule: Rule) => {
    if (rule.parent?.type === "atrule" && /keyframes$/.test((rule.parent as AtRule).name)) return;
    const kept = rule.selectors.filter((sel) =>
      [...sel.replace(/\\./g, "").matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].every((m) => canOccur(m[1]!)),
    );
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  // Empty at-rules left behind, then keyframes no kept rule names.
  const prune = (c: Container) => {
    c.each((node) => {
      if (node.type !== "atrule") return;
      if (/keyframes$/.test(node.name)) {
        keyframes.push(node);
        return;
      }
      if (node.nodes) {
        prune(node);
        if (node.nodes.length === 0) node.remove();
      }
    });
  };
  prune(ast);
  const declared: string[] = [];
  ast.walkDecls(/^(-webkit-)?animation(-name)?$/, (d) => void declared.push(d.value));
  const used = declared.join(" ");
  for (const k of keyframes)
    if (!new RegExp(`(^|[\\s,])${k.params.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[\\s,])`).test(used)) k.remove();
  // The variables' `var(--x)` use survives; so does an `@font-face`-free stylesheet (the fontless build).
  const version = JSON.parse(fs.readFileSync(path.join(root, "node_modules/survey-core/package.json"), "utf8"))
    .version as string;
  return (
    `/* Generated by scripts/survey-css.ts from survey-core ${version} survey-core.fontless.min.css (MIT, ` +
    `Devsoft Baltic OU); do not edit, regenerate. */\n` +
    ast.toString() +
    "\n"
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = subsetCss();
  if (opt.check) {
    const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
    if (current !== out) {
      console.error(`${path.relative(root, TARGET)} is out of date: run npx tsx scripts/survey-css.ts`);
      process.exit(1);
    }
    console.log(`${path.relative(root, TARGET)} is up to date`);
  } else {
    fs.writeFileSync(TARGET, out);
    const raw = fs.statSync(SOURCE).size;
    console.log(
      `${path.relative(root, TARGET)}: ${out.length} bytes of ${raw} (${Math.round((100 * out.length) / raw)}%)`,
    );
  }
}
