import type { Kysely } from "kysely";
import type { Channel, DB } from "../schema";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import {
  DEMO_PROFILES,
  generateAnswerList,
  generateSubmittedDates,
  profileAreaChoices,
  rngFor,
  standardCitizenDefinition,
  type SyntheticProfile,
} from "./synthetic";
import type { Log } from "../../app/platform/log.server";

/** Answers per kommun in the current wave, roughly by population; earlier waves are smaller. */
const CURRENT_WAVE_SIZE: Record<string, number> = {
  kalix: 2400,
  haparanda: 2000,
  harjedalen: 1800,
  pajala: 1200,
  overtornea: 900,
};

/** Three waves, so the problembild has a comparison and a trend; the current one is open. */
export const DEMO_WAVES = [
  { year: 2022, share: 0.6, status: "closed" as const, from: "2022-03-01", to: "2022-04-15", drift: 0.15 },
  { year: 2024, share: 0.75, status: "closed" as const, from: "2024-03-01", to: "2024-04-15", drift: 0.07 },
  { year: 2026, share: 1, status: "open" as const, from: "2026-10-20", to: "2026-11-22", drift: 0 },
];

/** Earlier waves saw somewhat more drug and moped problems, so the trend has something to show. */
function drifted(profile: SyntheticProfile, drift: number): SyntheticProfile {
  if (!drift) return profile;
  const shift = { ...profile.problemShift };
  for (const row of ["drug_dealing", "youth_alcohol", "mopeds_atraktor", "intoxicated_public"] as const)
    shift[row] = (shift[row] ?? 0) + drift;
  return { ...profile, problemShift: shift, unsafeShift: profile.unsafeShift + drift / 2 };
}

/** Channel mix of a postal trygghet survey with a web option. */
function channelOf(i: number): Channel {
  const r = i % 100;
  return r < 80 ? "web" : r < 96 ? "paper" : "phone";
}

/** One standard citizen survey per demo kommun and wave, filled with synthetic answers. Skips what exists. */
export async function seedDemoSurveys({
  db,
  log = () => undefined,
  scale = 1,
}: {
  db: Kysely<DB>;
  log?: Log;
  scale?: number;
}) {
  let created = 0;
  let answers = 0;
  for (const [slug, profile] of Object.entries(DEMO_PROFILES)) {
    const kommun = await db
      .selectFrom("organisation")
      .select(["id", "slug"])
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (!kommun) continue;
    for (const wave of DEMO_WAVES) {
      const surveySlug = `${slug}-${wave.year}`;
      if (await db.selectFrom("survey").select("id").where("slug", "=", surveySlug).executeTakeFirst()) continue;
      const areas = profileAreaChoices(profile);
      const { id } = await createSurvey({
        db,
        kommunId: kommun.id,
        kommunSlug: slug,
        period: String(wave.year),
        kind: "medborgarenkat",
        title: `Trygghetsenkät ${wave.year}`,
        definition: standardCitizenDefinition(profile, areas),
        settings: {
          areas: areas.map((a) =>
            typeof a === "string"
              ? { value: a, text: a }
              : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
          ),
          demographics: { area: "area", age_band: "age_band", gender: "gender" },
        },
      });
      await setSurveyStatus({ db, surveyId: id, status: "open" });
      const count = Math.round((CURRENT_WAVE_SIZE[slug] ?? 1000) * wave.share * scale);
      const data = generateAnswerList({
        seed: 20260000 + wave.year,
        count,
        profile: drifted(profile, wave.drift),
        areas,
      });
      const dates = generateSubmittedDates({
        rng: rngFor(wave.year, slug),
        count,
        from: new Date(`${wave.from}T00:00:00Z`),
        to: new Date(`${wave.to}T23:00:00Z`),
      });
      const byChannel = new Map<Channel, { data: unknown; submittedOn: string }[]>();
      data.forEach((d, i) => {
        const ch = channelOf(i);
        byChannel.set(ch, [
          ...(byChannel.get(ch) ?? []),
          { data: d, submittedOn: dates[i]!.toISOString().slice(0, 10) },
        ]);
      });
      for (const [channel, rows] of byChannel) {
        const r = await storeResponsesAllOrNothing({ db, surveyId: id, rows, channel });
        if (r.errors.length)
          throw new Error(`demo answers for ${surveySlug} failed validation: ${JSON.stringify(r.errors.slice(0, 3))}`);
        answers += r.stored;
      }
      if (wave.status === "closed") await setSurveyStatus({ db, surveyId: id, status: "closed" });
      created++;
      log({ level: "info", msg: "seeded survey", slug: surveySlug, answers: count });
    }
  }
  return { surveys: created, answers };
}
