/**
 * Demo data for the theme ranking, so that the demo shows all four sources: per demo kommun a closed staff survey
 * (medarbetardialog 2026) with synthetic answers, a few dialogue meetings in 2026 themed after the kommun's
 * document, and a first round of free-text coding of the 2026 citizen survey's `suggestions` comments (the lexicon's
 * suggestions accepted, as an analyst would after reading them; two comments pinned as quotes). The
 * `unsafe_places` comments are left uncoded for the demo's analyst. Idempotent: each part is skipped when the
 * kommun already has it.
 */
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { THEME_KEYS, type ThemeKey } from "../../app/features/surveys/domain/themes";
import { suggestCommentThemes } from "../../app/features/surveys/domain/theme-lexicon";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { DEMO_PROFILES, generateStaffAnswers, type SyntheticProfile } from "./synthetic";
import type { Log } from "../../app/platform/log.server";

const STAFF_ANSWERS: Record<string, number> = { kalix: 70, haparanda: 60, harjedalen: 55, pajala: 45, overtornea: 40 };
/** Comments of `suggestions` coded per kommun in the demo. */
const CODED = 120;

/** The kommun's emphasis in its document, strongest first (priorityBoost of its profile). */
const emphasis = (profile: SyntheticProfile): ThemeKey[] =>
  THEME_KEYS.filter((k) => (profile.priorityBoost[k] ?? 0) > 0).sort(
    (a, b) => (profile.priorityBoost[b] ?? 0) - (profile.priorityBoost[a] ?? 0),
  );

async function seedStaffSurvey(db: Kysely<DB>, kommunId: number, slug: string, profile: SyntheticProfile) {
  const exists = await db
    .selectFrom("survey")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .where("kind", "=", "medarbetardialog")
    .executeTakeFirst();
  if (exists) return 0;
  const definition = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
  const s = await createSurvey({
    db,
    kommunId,
    kommunSlug: slug,
    period: "2026",
    kind: "medarbetardialog",
    title: "Medarbetardialog 2026",
    definition,
  });
  await setSurveyStatus({ db, surveyId: s.id, status: "open" });
  const data = [...generateStaffAnswers({ seed: 2026, count: STAFF_ANSWERS[slug] ?? 40, profile })];
  const rows = data.map((d, i) => ({ data: d, submittedOn: `2026-09-${String(7 + (i % 14)).padStart(2, "0")}` }));
  const r = await storeResponsesAllOrNothing({ db, surveyId: s.id, rows, channel: "invitation" });
  if (r.errors.length)
    throw new Error(`demo staff answers for ${slug} failed validation: ${JSON.stringify(r.errors.slice(0, 3))}`);
  await setSurveyStatus({ db, surveyId: s.id, status: "closed" });
  return r.stored;
}

async function seedMeetings(db: Kysely<DB>, kommunId: number, profile: SyntheticProfile) {
  const exists = await db.selectFrom("meeting").select("id").where("kommun_id", "=", kommunId).executeTakeFirst();
  if (exists) return 0;
  const [first = "police_presence", second = "drugs_andt", third = "youth"] = emphasis(profile);
  const centre = profile.areas.find((a) => a.centralort)?.name ?? profile.name;
  const meetings: {
    kind: "medborgardialog" | "trygghetsvandring" | "bra_mote";
    heldOn: string;
    place: string;
    participants: Record<string, number>;
    themes: string[];
  }[] = [
    {
      kind: "medborgardialog",
      heldOn: "2026-03-12",
      place: `${centre}, biblioteket`,
      participants: { boende: 28, polis: 2, kommun: 3 },
      themes: [first, second, "public_safety"],
    },
    {
      kind: "trygghetsvandring",
      heldOn: "2026-05-19",
      place: `${centre} centrum`,
      participants: { boende: 11, kommun: 3, polis: 1 },
      themes: ["public_safety", "physical_environment"],
    },
    {
      kind: "bra_mote",
      heldOn: "2026-09-24",
      place: "Kommunhuset",
      participants: { kommun: 6, polis: 2, forening: 2 },
      themes: [second, third, "cooperation"],
    },
  ];
  for (const m of meetings) {
    const themes = [...new Set(m.themes)].map((theme) => ({
      theme,
      raisedBy: Math.max(1, Math.round((m.participants.boende ?? 4) / 3)),
      votes: null,
    }));
    await createMeeting({
      db,
      kommunId,
      accountId: null,
      input: {
        kind: m.kind,
        heldOn: m.heldOn,
        place: m.place,
        participants: m.participants,
        notes: "Demodata.",
        themes,
      },
    });
  }
  return meetings.length;
}

async function seedCoding(db: Kysely<DB>, kommunId: number) {
  const survey = await db
    .selectFrom("survey")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .where("kind", "=", "medborgarenkat")
    .where("period", "=", "2026")
    .executeTakeFirst();
  if (!survey) return 0;
  if (await db.selectFrom("freetext_code").select("response_id").where("survey_id", "=", survey.id).executeTakeFirst())
    return 0;
  const rows = await db
    .selectFrom("response")
    .select(["id", "data"])
    .where("survey_id", "=", survey.id)
    .orderBy("id")
    .execute();
  const codes: {
    response_id: string;
    question: string;
    theme: string;
    survey_id: number;
    status: "accepted";
    origin: "suggested";
  }[] = [];
  const coded: string[] = [];
  for (const r of rows) {
    if (coded.length >= CODED) break;
    const text = r.data["suggestions"];
    if (typeof text !== "string" || !text.trim()) continue;
    const themes = suggestCommentThemes(text);
    if (!themes.length) continue;
    coded.push(r.id);
    for (const theme of themes)
      codes.push({
        response_id: r.id,
        question: "suggestions",
        theme,
        survey_id: survey.id,
        status: "accepted",
        origin: "suggested",
      });
  }
  for (let i = 0; i < codes.length; i += 500)
    await db
      .insertInto("freetext_code")
      .values(codes.slice(i, i + 500))
      .execute();
  const quotes = coded.slice(0, 2).map((id) => ({ response_id: id, question: "suggestions", survey_id: survey.id }));
  if (quotes.length) await db.insertInto("freetext_quote").values(quotes).execute();
  return coded.length;
}

/** Staff surveys, meetings and free-text codes for every demo kommun that lacks them. */
export async function seedRankingDemo({ db, log = () => undefined }: { db: Kysely<DB>; log?: Log }) {
  for (const [slug, profile] of Object.entries(DEMO_PROFILES)) {
    const kommun = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!kommun) continue;
    const staff = await seedStaffSurvey(db, kommun.id, slug, profile);
    const meetings = await seedMeetings(db, kommun.id, profile);
    const comments = await seedCoding(db, kommun.id);
    if (staff || meetings || comments)
      log({
        level: "info",
        msg: "seeded ranking sources",
        kommun: slug,
        staffAnswers: staff,
        meetings,
        codedComments: comments,
      });
  }
}
