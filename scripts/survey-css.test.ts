import fs from "node:fs";
import { subsetCss, TARGET } from "./survey-css";

// The survey pages' stylesheet carries a generated subset of SurveyJS's; this fails when survey-core, the supported
// question types or the theme changed without regenerating it (npx tsx scripts/survey-css.ts).
test("the SurveyJS stylesheet subset is the one scripts/survey-css.ts makes", () => {
  const generated = subsetCss();
  expect(fs.readFileSync(TARGET, "utf8") === generated).toBe(true);
  // And it keeps what a respondent's first screen needs: a radio item, its checked state, errors, the buttons.
  for (const cls of [".sd-item--checked", ".sd-radio__decorator", ".sd-question--error", ".sd-btn", ".sv-popup"])
    expect(generated).toContain(cls);
  expect(generated).not.toContain(".sd-file");
}, 60_000);
