import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { placeQuestionElements } from "~/features/surveys/index";
import { LocalizedSurvey } from "./LocalizedSurvey";
import { createRespondentModel } from "./model";

// The place question as SurveyJS draws it (on the server for hydration, and in the browser): the map above the
// named radio list, the chosen zone filled, the map hidden from assistive technology (the list is the named way).

const ZONES = [
  { code: "kalix", name: "Kalix centralort", d: "M10,10L50,10L50,50Z" },
  { code: "tore", name: "Töre", d: "M60,10L90,10L90,40Z" },
];
const definition = {
  pages: [{ name: "p1", elements: placeQuestionElements({ name: "place", zones: ZONES, width: 100, height: 60 }) }],
};

describe("the place question in SurveyJS", () => {
  it("draws the zones as a map above the list of named radio buttons", () => {
    const model = createRespondentModel(definition, { locale: "sv", randomSeed: 1, asServer: true });
    const html = renderToString(<LocalizedSurvey model={model} />);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"[^>]*>/);
    expect(html).toContain('d="M60,10L90,10L90,40Z"');
    expect(html).toContain("<title>Töre</title>");
    expect(html).toMatch(/type="radio"[^>]*value="tore"|value="tore"[^>]*type="radio"/);
    // The parts are hidden until a zone is chosen.
    expect(html).not.toContain("Hur känns platsen?");
  });

  it("fills the chosen zone and shows the parts", () => {
    const model = createRespondentModel(definition, { locale: "sv", randomSeed: 1, asServer: true });
    model.data = { place: "tore" };
    const html = renderToString(<LocalizedSurvey model={model} />);
    expect(html).toMatch(/<path d="M60,10L90,10L90,40Z" fill="#1d4c8a"/);
    expect(html).toMatch(/<path d="M10,10L50,10L50,50Z" fill="#dbe7f5"/);
    expect(html).toContain("Hur känns platsen?");
  });
});
