/**
 * Demo follow-up for the seeded published documents: entries logged against their measurable promises (monthly
 * rows, some promises fully delivered, some behind, one never started) and, where the demo has the survey waves
 * (2022 and later), outcome indicators with their baseline computed from the survey answers.
 *
 * Idempotent: a document that already has follow-up entries gets no new ones; a document that already has outcome
 * indicators gets no new ones. Deterministic: the same rows every run (no randomness).
 */
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { createOutcomeIndicator } from "../../app/features/promises/outcome-editing.server";
import { indicatorChoices } from "../../app/features/promises/outcome.server";
import { totalExpected } from "../../app/features/promises/domain/progress";
import type { Target } from "../../app/features/promises/domain/target";
import type { Log } from "../../app/platform/log.server";

/** Which documents get demo follow-up, who logged it, where, and which survey gives the indicators' baseline. */
const PLAN = [
  {
    kommun: "kalix",
    period: "2022–2023",
    editor: "redaktor@kalix.example",
    baseline: "kalix-2022",
    places: ["Kalix centrum", "Nyborg", "Töre", "Kalix resecentrum"],
  },
  {
    kommun: "haparanda",
    period: "2020–2022",
    editor: "redaktor@haparanda.example",
    baseline: "haparanda-2022",
    places: ["Haparanda centrum", "Nikkala", "Seskarö", "Torget"],
  },
  {
    kommun: "pajala",
    period: "2022",
    editor: null,
    baseline: "pajala-2022",
    places: ["Pajala centrum", "Korpilombolo", "Tärendö"],
  },
] as const;

/** Share of the period's total delivered, by promise position in the document (cycled): done, behind, etc. */
const DELIVERY = [1.05, 0.7, 1, 0.45, 1.2, 0, 0.85];

const NOTES = [
  "Genomfört tillsammans med kommunens fältassistenter.",
  "Fokus på kvällstid och helger.",
  "Dialog med näringsidkare i centrum.",
  "Information delad i veckobrevet och på sociala medier.",
];

/** What residents read of an entry marked public (demo): plain words on what was done, where. */
const PUBLIC_NOTES = [
  "Polisen och kommunens fältassistenter var ute tillsammans{place}.",
  "Vi var på plats{place} på kvällar och helger, när flest hör av sig om otrygghet.",
  "Vi pratade med butiker och restauranger{place} om vad som kan göras.",
  "Vi berättade om arbetet i kommunens nyhetsbrev och på sociala medier.",
];

function publicNote(i: number, place: string) {
  return PUBLIC_NOTES[i % PUBLIC_NOTES.length]!.replace("{place}", place ? ` i ${place}` : "");
}

function monthsOf(start: string, end: string): string[] {
  const out: string[] = [];
  const [y0, m0] = start.split("-").map(Number) as [number, number];
  const [y1, m1] = end.split("-").map(Number) as [number, number];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? ((m = 1), y++) : m++)
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

/** Spreads `amount` over the months evenly (earlier months get the remainder), one row per month with a count. */
function spread(amount: number, months: readonly string[]): { month: string; quantity: number }[] {
  if (amount <= 0 || months.length === 0) return [];
  const n = Math.min(months.length, amount);
  const step = months.length / n;
  const per = Math.floor(amount / n);
  let rest = amount - per * n;
  return Array.from({ length: n }, (_, i) => {
    const q = per + (rest > 0 ? 1 : 0);
    if (rest > 0) rest--;
    return { month: months[Math.floor(i * step)]!, quantity: q };
  });
}

async function seedEntries(
  db: Kysely<DB>,
  plan: (typeof PLAN)[number],
  doc: { id: number; period_start: string; period_end: string },
) {
  const promises = await db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id", "p.target", "p.places"])
    .where("f.document_id", "=", doc.id)
    .orderBy("f.position")
    .orderBy("p.position")
    .execute();
  if (!promises.length) return 0;
  const existing = await db
    .selectFrom("follow_up_entry")
    .select("id")
    .where(
      "promise_id",
      "in",
      promises.map((p) => p.id),
    )
    .executeTakeFirst();
  if (existing) return 0;
  const editor = plan.editor
    ? await db.selectFrom("account").select("id").where("email", "=", plan.editor).executeTakeFirst()
    : undefined;
  const months = monthsOf(doc.period_start, doc.period_end);
  const rows: {
    promise_id: number;
    done_on: string;
    quantity: number;
    place: string;
    note: string;
    public?: boolean;
    public_note?: string;
    created_by: number | null;
  }[] = [];
  promises.forEach((p, i) => {
    const target = p.target as Target;
    const places = p.places.length ? p.places : plan.places;
    if (target.kind === "milestone") {
      if (i % 2 === 0)
        rows.push({
          promise_id: p.id,
          done_on: target.due < doc.period_end ? target.due : doc.period_end,
          quantity: 1,
          place: "",
          note: "Delmålet redovisat i lokala Brå.",
          created_by: editor?.id ?? null,
        });
      return;
    }
    const total =
      target.kind === "quantity"
        ? (totalExpected({ target, periodStart: doc.period_start, periodEnd: doc.period_end }) ?? 0)
        : 3;
    const amount = Math.round(total * DELIVERY[i % DELIVERY.length]!);
    spread(amount, months).forEach((r, j) => {
      rows.push({
        promise_id: p.id,
        done_on: `${r.month}-${String(5 + ((i * 7 + j * 3) % 20)).padStart(2, "0")}`,
        quantity: r.quantity,
        place: places[(i + j) % places.length] ?? "",
        note: j % 5 === 0 ? NOTES[(i + j) % NOTES.length]! : "",
        // Some entries with a note are told to residents too, in words of their own.
        public: j % 5 === 0,
        public_note: j % 5 === 0 ? publicNote(i + j, places[(i + j) % places.length] ?? "") : "",
        created_by: editor?.id ?? null,
      });
    });
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("follow_up_entry")
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.length;
}

/** Indicator items to tie to focus areas by theme: the first focus area with the theme gets the item. */
const INDICATORS: { theme: string; question: string; filterArea?: string; target?: number }[] = [
  { theme: "traffic_safety", question: "problems.mopeds_atraktor", target: 5 },
  { theme: "drugs_andt", question: "problems.drug_dealing" },
  { theme: "police_presence", question: "safe_night_centre" },
];

async function seedIndicators(db: Kysely<DB>, plan: (typeof PLAN)[number], doc: { id: number; kommun_id: number }) {
  const survey = await db
    .selectFrom("survey")
    .select("id")
    .where("slug", "=", plan.baseline)
    .where("kommun_id", "=", doc.kommun_id)
    .executeTakeFirst();
  if (!survey) return 0;
  const areas = await db
    .selectFrom("focus_area")
    .select(["id", "themes"])
    .where("document_id", "=", doc.id)
    .orderBy("position")
    .execute();
  if (!areas.length) return 0;
  const existing = await db
    .selectFrom("outcome_indicator")
    .select("id")
    .where(
      "focus_area_id",
      "in",
      areas.map((a) => a.id),
    )
    .executeTakeFirst();
  if (existing) return 0;
  const choices = await indicatorChoices({ db, kommunId: doc.kommun_id, surveySlug: plan.baseline });
  let created = 0;
  for (const spec of INDICATORS) {
    const area = areas.find((a) => a.themes.includes(spec.theme));
    const item = choices.items.find((i) => i.question === spec.question);
    if (!area || !item || item.suppressed || item.share === null) continue;
    // A target a few points below the baseline, where the spec asks for one.
    const target = spec.target ? Math.max(0, Math.floor(item.share * 100) - spec.target) : null;
    await createOutcomeIndicator({
      db,
      kommunId: doc.kommun_id,
      documentId: doc.id,
      accountId: null,
      input: {
        focusAreaId: area.id,
        surveySlug: plan.baseline,
        question: spec.question,
        direction: "decrease",
        targetPercent: target === null ? "" : String(target),
      },
    });
    created++;
  }
  return created;
}

/** Follow-up entries and outcome indicators for the demo documents; safe to run twice. */
export async function seedFollowUp({ db, log = () => undefined }: { db: Kysely<DB>; log?: Log }) {
  let entries = 0;
  let indicators = 0;
  for (const plan of PLAN) {
    const doc = await db
      .selectFrom("promise_document as d")
      .innerJoin("organisation as o", "o.id", "d.kommun_id")
      .select(["d.id", "d.kommun_id", "d.period_start", "d.period_end"])
      .where("o.slug", "=", plan.kommun)
      .where("d.period_label", "=", plan.period)
      .where("d.status", "=", "publicerat")
      .orderBy("d.version", "desc")
      .executeTakeFirst();
    if (!doc) continue;
    entries += await seedEntries(db, plan, doc);
    indicators += await seedIndicators(db, plan, doc);
  }
  if (entries || indicators) log({ level: "info", msg: "seeded follow-up", entries, indicators });
  return { entries, indicators };
}
