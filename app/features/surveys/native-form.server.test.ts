import { describe, expect, it } from "vitest";
import { continueNativeForm, firstNativePage } from "./native-form.server";

const DEFINITION = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe"] },
        { type: "comment", name: "why", visibleIf: "{feel} = 'unsafe'", isRequired: true },
      ],
    },
    { name: "p2", elements: [{ type: "rating", name: "score", rateMin: 1, rateMax: 5 }] },
  ],
};

function formOf(fields: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

describe("the survey as a plain form", () => {
  it("reads a page and reveals a conditional question on it", async () => {
    const first = firstNativePage({ definition: DEFINITION, locale: "sv" });
    const out = await continueNativeForm({
      definition: DEFINITION,
      locale: "sv",
      form: formOf([
        ["_rid", first.responseId],
        ["_page", "0"],
        ["_answers", first.carried],
        ["_shown", first.shown.join("\n")],
        ["q:feel", "unsafe"],
        ["_nav", "next"],
      ]),
      send: async () => undefined,
    });
    expect(out.state === "page" && out.view.questions.map((q) => [q.name, q.error])).toEqual([
      ["feel", null],
      ["why", null],
    ]);
  });
});
