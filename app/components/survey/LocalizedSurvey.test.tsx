import { renderToString } from "react-dom/server";
import { Survey } from "survey-react-ui";
import { LocalizedSurvey } from "./LocalizedSurvey";
import { createRespondentModel } from "./model";

const DEFINITION = {
  pages: [
    {
      name: "p",
      elements: [
        {
          type: "radiogroup",
          name: "safe",
          title: {
            default: "Hur trygg känner du dig?",
            en: "How safe do you feel?",
            fi: "Kuinka turvalliseksi tunnet olosi?",
          },
          choices: ["a", "b"],
        },
      ],
    },
  ],
};
const rootLang = (html: string) => /<div[^>]* lang="([^"]*)"/.exec(html)?.[1];

describe("the survey's language attribute", () => {
  it("names the language the survey is shown in, Swedish included", () => {
    for (const locale of ["sv", "en", "fi"]) {
      const model = createRespondentModel(DEFINITION, { locale, randomSeed: 1, asServer: true });
      expect(rootLang(renderToString(<LocalizedSurvey model={model} />)), locale).toBe(locale);
    }
  });

  it("differs from survey-react-ui's own, which calls a Swedish survey English", () => {
    const model = createRespondentModel(DEFINITION, { locale: "sv", randomSeed: 1, asServer: true });
    expect(rootLang(renderToString(<Survey model={model} />))).toBe("en");
  });
});

describe("a yes/no question drawn as radios", () => {
  it("is a radiogroup labelled by its title (the id SurveyJS gives the title), not an unnamed presentation", () => {
    const def = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "boolean",
              name: "contact",
              title: "Har du haft kontakt med polisen?",
              renderAs: "radio",
              swapOrder: true,
              isRequired: true,
            },
          ],
        },
      ],
    };
    const html = renderToString(
      <LocalizedSurvey model={createRespondentModel(def, { locale: "sv", randomSeed: 1, asServer: true })} />,
    );
    const fieldset = /<fieldset[^>]*>/.exec(html)?.[0] ?? "";
    expect(fieldset).toContain('role="radiogroup"');
    expect(fieldset).toContain('aria-required="true"');
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(fieldset)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toMatch(new RegExp(`id="${labelledBy}"[^>]*>(?:<[^>]+>)*[^<]*Har du haft kontakt med polisen\\?`));
    expect((html.match(/type="radio"/g) ?? []).length).toBe(2);
  });
});
