// Shared by the benchmarks: a standard citizen survey in Haparanda filled with N synthetic answers in bulk, each row
// built as a submission builds it (validated and encoded with the codebook), 5,000 rows per statement.
import crypto from "node:crypto";
import type { Insertable } from "kysely";
import { canonicalJson, planFor } from "../../app/features/surveys/responses.server";
import { codesFor } from "../../app/features/surveys/codebook.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { encodeChoiceAnswers, validateAnswers } from "../../app/features/surveys/validation.server";
import { sha256 } from "../../app/platform/crypto.server";
import type { Database } from "../../app/platform/db.server";
import type { Channel, ResponseTable } from "../../db/schema";
import { DEMO_PROFILES, generateAnswers, profileAreaChoices, standardCitizenDefinition } from "../../db/seed/synthetic";

/** Rows per insert statement. */
export const CHUNK = 5000;

const channelOf = (i: number): Channel => (i % 100 < 80 ? "web" : i % 100 < 96 ? "paper" : "phone");

export interface FilledSurvey {
  surveyId: number;
  slug: string;
}

/**
 * Opens a standard citizen survey of Haparanda's profile in `kommunId` and stores `count` answers from the demo
 * generator; `onChunk` is called with the number stored after each full statement.
 */
export async function fillSurvey({
  db,
  kommunId,
  title,
  seed,
  count,
  onChunk,
}: {
  db: Database;
  kommunId: number;
  title: string;
  seed: number;
  count: number;
  onChunk?: (stored: number) => void;
}): Promise<FilledSurvey> {
  const profile = DEMO_PROFILES.haparanda!;
  const areas = profileAreaChoices(profile);
  const definition = standardCitizenDefinition(profile, areas);
  const { id: surveyId, slug } = await createSurvey({
    db,
    kommunId,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title,
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  await setSurveyStatus({ db, surveyId, status: "open" });
  const { current_version_id } = await db
    .selectFrom("survey")
    .select("current_version_id")
    .where("id", "=", surveyId)
    .executeTakeFirstOrThrow();
  const versionId = current_version_id!;
  const plan = planFor(versionId, definition as Record<string, unknown>);
  let batch: Insertable<ResponseTable>[] = [];
  const flush = async () => {
    if (batch.length) await db.insertInto("response").values(batch).execute();
    batch = [];
  };
  let i = 0;
  for (const answer of generateAnswers({ seed, count, profile, areas })) {
    const r = validateAnswers(plan, answer, "sv");
    if (!r.ok) throw new Error(`generated answer ${i} is invalid: ${JSON.stringify(r.errors.slice(0, 2))}`);
    const codes = await codesFor({ db, surveyId, pairs: encodeChoiceAnswers(plan, r.data) });
    const pick = (k: string) => (typeof r.data[k] === "string" ? (r.data[k] as string) : null);
    batch.push({
      id: crypto.randomUUID(),
      survey_id: surveyId,
      version_id: versionId,
      channel: channelOf(i),
      locale: "sv",
      submitted_on: `2026-${i % 2 ? "10" : "11"}-${String((i % 28) + 1).padStart(2, "0")}`,
      data: JSON.stringify(r.data),
      data_hash: sha256(canonicalJson(r.data)),
      codes,
      area: pick("area"),
      age_band: pick("age_band"),
      gender: pick("gender"),
    });
    i++;
    if (batch.length === CHUNK) {
      await flush();
      onChunk?.(i);
    }
  }
  await flush();
  return { surveyId, slug };
}
