// The answer bitmaps (ADR 011) with the default 8192 positions per segment: a survey of its own where one value has no
// code until a tail answer chooses it, counted like the scan before and after folds.
import { describe, expect, it } from "vitest";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { codesOf, loadResultsSource, type RawResultFilters } from "../../app/features/results/counting/source.server";
import { resultsAnswers } from "../support/results-fixture";
import {
  BREAKDOWNS,
  count,
  createBitsSurvey,
  expectBitmapsHoldEachAnswerOnce,
  expectBitsEqualScan,
  foldAll,
  nextPos,
  open,
  openBitsDatabase,
  storedAnswers,
  VIEWS,
} from "../support/results-bits";
import { testEngine } from "../support/test-db";
import { sql } from "kysely";

let defaultSurveyId: number;

openBitsDatabase(async () => {
  defaultSurveyId = await createBitsSurvey("bitar-standard", "Standardbitar");
});

describe(`answer bitmaps on ${testEngine()}`, () => {
  it("with the default 8192 positions per segment, and a value nobody chose (an empty view) until a tail answer has it", async () => {
    // Answers that never choose feel:dont_know, so it has no code yet.
    const own = resultsAnswers(23);
    const addOwn = async (n: number, channel: "web" | "paper", dontKnow: boolean) => {
      const rows = Array.from({ length: n }, (_, i) => {
        const data = own.answer();
        if (data.feel === "dont_know") delete data.feel;
        if (dontKnow && i % 5 === 0) data.feel = "dont_know";
        return { data, submittedOn: `2026-10-${String(1 + (i % 20)).padStart(2, "0")}` };
      });
      expect(
        (await storeResponsesAllOrNothing({ db: open.db, surveyId: defaultSurveyId, rows, channel })).errors,
      ).toEqual([]);
    };
    await addOwn(250, "web", false);
    await addOwn(50, "paper", false);
    const nobody: RawResultFilters[] = [
      { where: ["feel:dont_know"] },
      { where: ["feel:dont_know", "area:norr"] },
      { where: ["feel:dont_know", "where:park"], from: "2026-10-03" },
    ];
    const nobodyBreakdowns: typeof BREAKDOWNS = [{ filters: nobody[0]!, by: ["area"], question: "where" }];
    let source = await loadResultsSource(open.db, defaultSurveyId);
    expect(codesOf(source, "feel", ["dont_know"])).toEqual([]);
    const views = VIEWS.filter((v) => !v.where!.some((w) => w.startsWith("feel:dont_know")));
    await expectBitsEqualScan(defaultSurveyId, views, BREAKDOWNS, { empty: nobody, emptyBreakdowns: nobodyBreakdowns });

    await foldAll(defaultSurveyId);
    expect(await nextPos(defaultSurveyId)).toBe(await storedAnswers(defaultSurveyId));
    expect(
      await count(
        sql<{ n: number }>`select segment_bits as n from response_bits_state where survey_id = ${defaultSurveyId}`,
      ),
    ).toBe(8192);
    await expectBitmapsHoldEachAnswerOnce(defaultSurveyId);
    await expectBitsEqualScan(defaultSurveyId, views, BREAKDOWNS, { empty: nobody, emptyBreakdowns: nobodyBreakdowns });

    // feel:dont_know gets a code, held only by answers in the tail; then folded into the same (open) segment.
    await addOwn(40, "web", true);
    source = await loadResultsSource(open.db, defaultSurveyId);
    expect(codesOf(source, "feel", ["dont_know"]).length).toBe(1);
    await expectBitsEqualScan(defaultSurveyId, [...VIEWS, ...nobody], [...BREAKDOWNS, ...nobodyBreakdowns], {
      unsized: nobody,
    });
    await foldAll(defaultSurveyId);
    expect(await nextPos(defaultSurveyId)).toBe(await storedAnswers(defaultSurveyId));
    await expectBitmapsHoldEachAnswerOnce(defaultSurveyId);
    await expectBitsEqualScan(defaultSurveyId, [...VIEWS, ...nobody], [...BREAKDOWNS, ...nobodyBreakdowns], {
      unsized: nobody,
    });
  });
});
