import { renderToString } from "react-dom/server";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { createRespondentModel } from "./model";

// Every question type the builder offers, with the settings it writes (and a random order, which imports may bring).
const DEFINITION = {
  pages: [
    {
      name: "first",
      elements: [
        {
          type: "radiogroup",
          name: "safe",
          title: { default: "Hur trygg känner du dig?", en: "How safe do you feel?" },
          choices: ["a", "b", "c"],
          showOtherItem: true,
        },
        { type: "checkbox", name: "problems", choices: ["x", "y", "z"], showNoneItem: true, choicesOrder: "random" },
        { type: "dropdown", name: "area", choices: ["Nikkala", "Centrum", "Vuono"] },
        { type: "tagbox", name: "places", choices: ["park", "station", "school"] },
        { type: "rating", name: "trust", rateMin: 0, rateMax: 10 },
        { type: "comment", name: "free", maxLength: 2000 },
        { type: "text", name: "short", maxLength: 200 },
        { type: "boolean", name: "contact", renderAs: "radio", swapOrder: true },
        { type: "ranking", name: "priorities", choices: ["p1", "p2", "p3"] },
        { type: "matrix", name: "grid", columns: ["1", "2", "3"], rows: ["r1", "r2"] },
        { type: "panel", name: "group", elements: [{ type: "dropdown", name: "inner", choices: ["i1", "i2"] }] },
      ],
    },
    { name: "second", elements: [{ type: "dropdown", name: "later", choices: ["l1", "l2"] }] },
  ],
};

const build = (randomSeed = 42, locale = "sv") =>
  createRespondentModel(DEFINITION, { locale, randomSeed, asServer: true });
const render = (model: Model) => renderToString(<Survey model={model} />);
const microtasksAndTimers = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the respondent's SurveyJS model", () => {
  it("is settled before the first render: what SurveyJS finishes later does not change the page", async () => {
    // The server renders in one synchronous pass; the browser hydrates in slices with microtasks between them.
    // Both must draw the same tree, so nothing may be pending when the first render starts.
    const model = build();
    const first = render(model);
    await microtasksAndTimers();
    expect(render(model)).toBe(first);
    expect(first).toContain("sd-editor-chevron-button");
  });

  it("gets the same element ids whatever SurveyJS built before in the same process", () => {
    const fresh = render(build());
    // Other traffic: other surveys, other languages.
    for (let i = 0; i < 20; i++) render(new Model(DEFINITION));
    render(build(7, "en"));
    const later = render(build());
    expect(later).toBe(fresh);
    expect(fresh).toMatch(/aria-labelledby="(sq_\d+)_ariaTitle"/);
    const labelled = fresh.match(/aria-labelledby="(sq_\d+_ariaTitle)"/)![1]!;
    expect(fresh).toContain(`id="${labelled}"`);
  });

  it("shuffles random orders by the seed it is given, the same way each time", () => {
    const order = (seed: number) =>
      build(seed)
        .getQuestionByName("problems")
        .visibleChoices.map((c: { value: string }) => c.value)
        .join();
    expect(order(1)).toBe(order(1));
    expect(order(123456)).toBe(order(123456));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(order));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("keeps the locale and leaves SurveyJS's progress bar and completed page to the app", () => {
    const model = build(42, "en");
    expect(model.locale).toBe("en");
    expect(model.showProgressBar).toBe(false);
    expect(model.showCompletedPage).toBe(false);
    expect(render(model)).toContain("How safe do you feel?");
  });
});
