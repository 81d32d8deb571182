import { Model } from "survey-core";
import { buildStandardSurvey } from "../../app/features/surveys/domain/question-bank";
import {
  DEMO_KOMMUNER,
  DEMO_PROFILES,
  describeDefinition,
  generateAnswerList,
  profileAreaChoices,
  standardCitizenDefinition,
  type SyntheticAnswer,
} from "./synthetic";
import { COUNT, answersByKommun, SLOW, validateAll } from "./synthetic.fixture";

// The synthetic citizen answers are valid for the standard survey and for an edited one, by survey-core's own Model,
// and the checks that say so do catch invalid answers.

describe("synthetic citizen answers", () => {
  describe.each(DEMO_KOMMUNER)("%s", (kommun) => {
    it(`${COUNT} answers are all valid for the standard survey according to survey-core`, SLOW, () => {
      const model = new Model(standardCitizenDefinition(DEMO_PROFILES[kommun]!));
      const answers = answersByKommun.get(kommun)!;
      expect(answers).toHaveLength(COUNT);
      expect(validateAll(model, answers)).toEqual([]);
    });
  });

  it("the checks above do catch invalid answers", () => {
    const model = new Model(standardCitizenDefinition(DEMO_PROFILES["pajala"]!));
    const bad: SyntheticAnswer[] = [
      { area: "pajala", victim_12m: ["none"], victim_reported: "all" },
      { area: "pajala", priorities: ["youth", "drugs_andt", "traffic_safety", "police_presence"] },
      { area: "kalix" },
      { area: "pajala", problems: { litter: "5" } },
      { area: "pajala", no_such_question: "x" },
      { gender: "woman" },
    ];
    for (const answer of bad) expect(validateAll(model, [answer], 0), JSON.stringify(answer)).not.toEqual([]);
    for (const answer of bad) expect(validateAll(model, [answer], 1), JSON.stringify(answer)).not.toEqual([]);
  });

  it("keeps to an edited definition: no removed questions, no unknown areas", SLOW, () => {
    const profile = DEMO_PROFILES["haparanda"]!;
    const definition = buildStandardSurvey({ kind: "medborgarenkat", areas: ["Haparanda", "Övriga"] });
    for (const page of definition.pages ?? []) {
      page.elements = (page.elements ?? []).filter((e) => e.name !== "priorities" && e.name !== "victim_reported");
    }
    const model = new Model(definition);
    const answers = generateAnswerList({ seed: 3, count: 300, profile, definition });
    // Few full checks here: the point is that the removed questions never appear.
    expect(validateAll(model, answers, 20)).toEqual([]);
    for (const a of answers) {
      expect(a["priorities"]).toBeUndefined();
      expect(a["victim_reported"]).toBeUndefined();
      expect(["Haparanda", "Övriga"]).toContain(a["area"]);
    }
    expect(describeDefinition(definition).areas).toEqual(["Haparanda", "Övriga"]);
  });

  it("uses proper area values and texts", () => {
    for (const kommun of DEMO_KOMMUNER) {
      for (const choice of profileAreaChoices(DEMO_PROFILES[kommun]!)) {
        if (typeof choice === "string") throw new Error("expected value and text");
        expect(choice.value).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(typeof choice.text === "string" && choice.text.length > 0).toBe(true);
      }
    }
  });
});
