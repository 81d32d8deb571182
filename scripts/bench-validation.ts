/**
 * Micro-benchmark of server-side answer validation: compiles a ~25-question definition once and validates
 * 20,000 random valid answers on one core. Run: npx tsx scripts/bench-validation.ts [count]
 * The target is ≥ 1,000 answers/s on two cores (the submission target, docs/benchmarks.md#targets); a survey-core Model per answer manages ~100–180/s.
 */
import { performance } from "node:perf_hooks";
import {
  compileValidationPlan,
  encodeChoiceAnswers,
  getQuestionVisibility,
  validateAnswers,
} from "../app/features/surveys/validation.server";

const scale = { rateMin: 1, rateMax: 5 };
const definition = {
  pages: [
    {
      name: "about",
      elements: [
        { type: "dropdown", name: "area", isRequired: true, choices: ["north", "south", "east", "west", "centre"] },
        { type: "radiogroup", name: "ageGroup", choices: ["16-24", "25-44", "45-64", "65+"], showOtherItem: false },
        { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"], showNoneItem: true },
        { type: "text", name: "yearsHere", inputType: "number", min: 0, max: 100 },
        { type: "boolean", name: "hasChildren" },
        {
          type: "text",
          name: "childrenCount",
          inputType: "number",
          min: 1,
          max: 15,
          visibleIf: "{hasChildren} = true",
        },
      ],
    },
    {
      name: "safety",
      elements: [
        { type: "rating", name: "safeDay", isRequired: true, ...scale },
        { type: "rating", name: "safeNight", isRequired: true, ...scale },
        { type: "rating", name: "nps", rateMin: 0, rateMax: 10 },
        {
          type: "checkbox",
          name: "unsafePlaces",
          choices: ["park", "square", "station", "school", "underpass", "parking"],
          showOtherItem: true,
          showNoneItem: true,
          maxSelectedChoices: 3,
        },
        { type: "comment", name: "unsafeWhy", visibleIf: "{safeNight} <= 2 or {unsafePlaces} contains 'underpass'" },
        {
          type: "radiogroup",
          name: "worstPlace",
          hideIfChoicesEmpty: true,
          choicesFromQuestion: "unsafePlaces",
          choicesFromQuestionMode: "selected",
        },
        {
          type: "matrix",
          name: "problems",
          rows: ["litter", "noise", "drugs", "traffic", "lighting"],
          columns: [1, 2, 3, 4],
          isAllRowRequired: true,
        },
        { type: "ranking", name: "priorities", choices: ["police", "lighting", "youth", "cleaning"] },
      ],
    },
    {
      name: "experience",
      elements: [
        { type: "boolean", name: "victim", isRequired: true },
        {
          type: "panel",
          name: "incident",
          visibleIf: "{victim} = true",
          elements: [
            {
              type: "radiogroup",
              name: "crimeType",
              choices: ["theft", "violence", "threat", "vandalism", "fraud"],
              showOtherItem: true,
            },
            { type: "boolean", name: "reported", isRequired: true },
            {
              type: "radiogroup",
              name: "whyNotReported",
              choices: ["pointless", "afraid", "minor"],
              visibleIf: "{reported} = false",
            },
            { type: "rating", name: "policeSatisfaction", ...scale, visibleIf: "{reported} = true" },
          ],
        },
        { type: "tagbox", name: "wants", choices: ["meetings", "walks", "app", "newsletter"] },
        { type: "text", name: "email", inputType: "email" },
        { type: "text", name: "visitDate", inputType: "date", min: "2020-01-01" },
        { type: "text", name: "postcode", validators: [{ type: "regex", regex: "^[0-9]{3} ?[0-9]{2}$" }] },
        { type: "comment", name: "ideas", maxLength: 2000 },
        { type: "multipletext", name: "contact", items: [{ name: "first" }, { name: "phone" }] },
      ],
    },
  ],
};

/** Deterministic LCG so runs are comparable. */
function lcg(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

function randomAnswer(r: ReturnType<typeof lcg>): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const maybe = (k: string, p: number, f: () => unknown) => {
    if (r.next() < p) d[k] = f();
  };
  d.area = r.pick(["north", "south", "east", "west", "centre"]);
  maybe("ageGroup", 0.9, () => r.pick(["16-24", "25-44", "45-64", "65+"]));
  maybe("gender", 0.8, () => r.pick(["woman", "man", "other", "none"]));
  maybe("yearsHere", 0.7, () => r.int(60));
  maybe("hasChildren", 0.8, () => r.next() < 0.4);
  maybe("childrenCount", 1, () => 1 + r.int(4));
  d.safeDay = 1 + r.int(5);
  d.safeNight = 1 + r.int(5);
  maybe("nps", 0.6, () => r.int(11));
  maybe("unsafePlaces", 0.7, () => {
    if (r.next() < 0.1) return ["none"];
    const picked = ["park", "square", "station", "school", "underpass", "parking"]
      .filter(() => r.next() < 0.3)
      .slice(0, 3);
    return picked;
  });
  maybe("unsafeWhy", 0.8, () => "Det är mörkt och folk hänger där på kvällarna.");
  const places = Array.isArray(d.unsafePlaces) ? (d.unsafePlaces as string[]).filter((p) => p !== "none") : [];
  if (places.length > 0) maybe("worstPlace", 0.9, () => r.pick(places));
  d.problems = {
    litter: 1 + r.int(4),
    noise: 1 + r.int(4),
    drugs: 1 + r.int(4),
    traffic: 1 + r.int(4),
    lighting: 1 + r.int(4),
  };
  maybe("priorities", 0.5, () => ["police", "lighting", "youth", "cleaning"].sort(() => r.next() - 0.5));
  d.victim = r.next() < 0.3;
  maybe("crimeType", 0.9, () => r.pick(["theft", "violence", "threat", "vandalism", "fraud"]));
  d.reported = r.next() < 0.5;
  maybe("whyNotReported", 0.8, () => r.pick(["pointless", "afraid", "minor"]));
  maybe("policeSatisfaction", 0.8, () => 1 + r.int(5));
  maybe("wants", 0.5, () => ["meetings", "walks", "app", "newsletter"].filter(() => r.next() < 0.5));
  maybe("email", 0.3, () => `person${r.int(10000)}@example.se`);
  maybe("visitDate", 0.3, () => `2025-0${1 + r.int(9)}-1${r.int(10)}`);
  maybe("postcode", 0.5, () => `${100 + r.int(900)} ${10 + r.int(90)}`);
  maybe("ideas", 0.4, () => "Mer belysning vid gångtunneln och fler vuxna ute på kvällarna.");
  maybe("contact", 0.3, () => ({ first: "Anna", phone: "070-1234567" }));
  return d;
}

const plan = (() => {
  const t0 = performance.now();
  const p = compileValidationPlan(definition);
  console.log(`compile: ${(performance.now() - t0).toFixed(1)} ms (once per definition version)`);
  return p;
})();

// Drop answers to questions that end up hidden (to a fixed point, as a SurveyJS client clears them).
function makeValid(d: Record<string, unknown>): Record<string, unknown> {
  for (;;) {
    const vis = getQuestionVisibility(plan, d);
    const hidden = Object.keys(d).filter((k) => vis[k] === false);
    if (hidden.length === 0) return d;
    for (const k of hidden) delete d[k];
  }
}

const count = Number(process.argv[2] ?? 20000);
const r = lcg(42);
const answers = Array.from({ length: count }, () => makeValid(randomAnswer(r)));
const questions = Object.keys(plan.questions).length;

for (let i = 0; i < 500; i++) validateAnswers(plan, answers[i % answers.length], "sv"); // warm-up

let invalid = 0;
let pairs = 0;
const t0 = performance.now();
for (const a of answers) {
  const res = validateAnswers(plan, a, "sv");
  if (!res.ok) {
    if (invalid++ === 0) console.error("unexpected errors:", JSON.stringify(res.errors), JSON.stringify(a));
  }
}
const elapsed = performance.now() - t0;
const t1 = performance.now();
for (const a of answers) {
  const res = validateAnswers(plan, a, "sv");
  if (res.ok) pairs += encodeChoiceAnswers(plan, res.data).length;
}
const elapsedWithEncode = performance.now() - t1;

console.log(`${questions} questions, ${count} answers, ${invalid} rejected`);
console.log(
  `validateAnswers: ${Math.round(count / (elapsed / 1000))} answers/s on one core (${((elapsed * 1000) / count).toFixed(1)} µs each)`,
);
console.log(
  `validate + encodeChoiceAnswers: ${Math.round(count / (elapsedWithEncode / 1000))} answers/s (${(pairs / count).toFixed(1)} pairs each)`,
);
if (invalid > 0) process.exitCode = 1;
