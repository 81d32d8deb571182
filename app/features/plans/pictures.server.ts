/**
 * The lägesbild (situation picture): drafted from the evidence sources (evidence.server.ts), then edited section
 * by section by the kommun's analysts and editors, decided, and revised as a new version. A decided version is
 * never changed; the drafted figures are stored apart from the text with the link to the view behind each.
 */
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { documentOfKommun, lockDraft } from "./owned.server";
import { addComment, commentsOf } from "./comments.server";
import { isCalendarDay } from "./domain/revision";
import {
  PICTURE_SECTIONS,
  draftSourcesText,
  type EvidenceResult,
  type PictureSection,
  type SourceStatement,
} from "./domain/documents";
import { collectEvidence, evidenceSources, rankingForPicture, type EvidenceSource } from "./evidence.server";
import type { ThemeRankingDetails } from "~/features/results/index.server";
import { parseInput } from "~/platform/parse.server";

const MAX_SECTION = 20_000;
const day = z.string().trim().refine(isCalendarDay, "plans.error.date");

export const pictureInputSchema = z
  .object({
    periodLabel: z.string().trim().min(1, "plans.error.periodLabel").max(40, "plans.error.max40"),
    periodStart: day,
    periodEnd: day,
    title: z.string().trim().max(300, "plans.error.max300").default(""),
  })
  .refine((d) => d.periodEnd >= d.periodStart, { path: ["periodEnd"], message: "plans.error.periodOrder" });
export type PictureInput = z.infer<typeof pictureInputSchema>;

/** The new-lägesbild form, checked: 422 with a message per field. */
export function parsePictureInput(input: unknown): PictureInput {
  const r = parseInput(pictureInputSchema, input);
  return r;
}

export type Tx = Database;
export const inTransaction = <T>(db: Database, fn: (trx: Database) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

async function kommunOf(db: Database, kommunId: number) {
  return db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("id", "=", kommunId)
    .where("kind", "=", "kommun")
    .executeTakeFirstOrThrow();
}

function inSentence(label: string) {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase("sv-SE") + label.slice(1) : label;
}

/** The drafted text of every section, from the sources' results and the ranking (pure apart from its inputs). */
export function draftSections({
  kommunName,
  periodLabel,
  results,
  ranking,
}: {
  kommunName: string;
  periodLabel: string;
  results: readonly EvidenceResult[];
  ranking: ThemeRankingDetails | null;
}): Record<PictureSection, string> {
  const used = results.filter((r) => r.state === "used");
  const figures = results.flatMap((r) => r.figures);
  const ranked = [...(ranking?.themes ?? [])].filter((t) => t.score !== null).sort((a, b) => a.rank - b.rank);
  const mapping: string[] = [
    `Kartläggningen av brottsligheten och otryggheten i ${kommunName} ${periodLabel} bygger på ${
      used.length ? used.map((r) => inSentence(r.labelSv)).join(", ") : "ännu inga källor med data"
    }.`,
  ];
  for (const t of ranked) {
    const own = figures.filter((f) => f.section === "mapping" && f.theme === t.theme).map((f) => f.label);
    if (own.length) mapping.push(`${t.labelSv} (plats ${t.rank} av ${ranking!.themes.length}): ${own.join(" ")}`);
  }
  const comparisonFigures = figures.filter((f) => f.section === "comparison").map((f) => f.label);
  const placeFigures = figures.filter((f) => f.section === "places_times").map((f) => f.label);
  const top = ranked.slice(0, 3).map((t) => `${inSentence(t.labelSv)} (plats ${t.rank})`);
  return {
    mapping: mapping.join("\n\n"),
    comparison: comparisonFigures.length
      ? comparisonFigures.join("\n")
      : "Underlaget har ännu ingen referensdata (län, riket) och ingen tidsserie att jämföra med; se källorna. Jämför med tidigare enkätomgångar i problembildens jämförelse över tid när de finns.",
    places_times: placeFigures.length
      ? placeFigures.join("\n")
      : "Underlaget visar inga platser som återkommer i flera möten eller vandringar under perioden.",
    analysis: top.length
      ? `Problembilden rangordnar ${ranked.length} teman. Tyngst väger ${
          top.length === 1 ? top[0] : `${top.slice(0, -1).join(", ")} och ${top[top.length - 1]}`
        }. Analysen av orsaker, samband och konsekvenser skrivs här av kommunens analytiker; orsaksanalysen per prioriterat problem står under prioriterade problem.`
      : "Underlaget räcker ännu inte för en rangordning. Analysen skrivs av kommunens analytiker.",
    sources: draftSourcesText(results),
  };
}

/**
 * Drafts a lägesbild for the kommun and period from every evidence source (a new version when the period already
 * has one, superseding its latest version); returns its id.
 */
export async function draftSituationPicture({
  db,
  kommunId,
  accountId,
  input,
  sources = evidenceSources,
  demo = false,
}: {
  db: Database;
  kommunId: number;
  accountId: number | null;
  input: PictureInput;
  sources?: readonly EvidenceSource[];
  demo?: boolean;
}): Promise<number> {
  const kommun = await kommunOf(db, kommunId);
  const ranking = await rankingForPicture(db, kommunId);
  const results = await collectEvidence(
    { db, kommun, periodStart: input.periodStart, periodEnd: input.periodEnd, ranking },
    sources,
  );
  const sections = draftSections({ kommunName: kommun.name, periodLabel: input.periodLabel, results, ranking });
  const statement: SourceStatement[] = results.map((r) => ({ key: r.key, state: r.state, note: r.note }));
  return inTransaction(db, async (trx) => {
    const latest = await trx
      .selectFrom("situation_picture")
      .select(["id", "version"])
      .where("kommun_id", "=", kommunId)
      .where("period_label", "=", input.periodLabel)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto("situation_picture")
      .values({
        kommun_id: kommunId,
        period_label: input.periodLabel,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        title: input.title || `Lägesbild ${kommun.name} ${input.periodLabel}`,
        version: (latest?.version ?? 0) + 1,
        supersedes_id: latest?.id ?? null,
        sections: JSON.stringify(sections),
        sources: JSON.stringify(statement),
        demo,
        created_by: accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const figures = results.flatMap((r) => r.figures);
    const position: Record<string, number> = {};
    if (figures.length)
      await trx
        .insertInto("situation_figure")
        .values(
          figures.map((f) => ({
            picture_id: row.id,
            section: f.section,
            position: (position[f.section] = (position[f.section] ?? 0) + 1),
            source: f.source,
            theme: f.theme,
            label: f.label,
            href: f.href,
          })),
        )
        .execute();
    return row.id;
  });
}

/** A kommun's lägesbilder, newest period and version first. */
export async function listPictures({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("situation_picture")
    .select([
      "id",
      "title",
      "period_label as periodLabel",
      "period_start as periodStart",
      "period_end as periodEnd",
      "status",
      "version",
      "demo",
      "updated_at as updatedAt",
    ])
    .where("kommun_id", "=", kommunId)
    .orderBy("period_start", "desc")
    .orderBy("version", "desc")
    .execute();
}

/** The lägesbild row if it is the kommun's; NotFound otherwise (another kommun's id names nothing). */
export const pictureOfKommun = (db: Database, kommunId: number, pictureId: number) =>
  documentOfKommun(db, "situation_picture", kommunId, pictureId);

/** One lägesbild with its figures per section, its prioritised problems and its comments. */
export async function getSituationPicture({
  db,
  kommunId,
  pictureId,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
}) {
  const p = await pictureOfKommun(db, kommunId, pictureId);
  const figures = await db
    .selectFrom("situation_figure")
    .select(["id", "section", "source", "theme", "label", "href"])
    .where("picture_id", "=", pictureId)
    .orderBy("section")
    .orderBy("position")
    .execute();
  const problems = await db
    .selectFrom("priority_problem")
    .select([
      "id",
      "rank",
      "theme",
      "problem",
      "causes",
      "affected",
      "where_when as whereWhen",
      "already_done as alreadyDone",
      "updated_at as updatedAt",
    ])
    .where("picture_id", "=", pictureId)
    .orderBy("rank")
    .orderBy("id")
    .execute();
  const comments = await commentsOf(db, "situation_picture", pictureId);
  const sections = Object.fromEntries(PICTURE_SECTIONS.map((s) => [s, p.sections[s] ?? ""])) as Record<
    PictureSection,
    string
  >;
  return {
    id: p.id,
    title: p.title,
    periodLabel: p.period_label,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    status: p.status,
    version: p.version,
    supersedesId: p.supersedes_id,
    demo: p.demo,
    decidedAt: p.decided_at,
    updatedAt: p.updated_at,
    sections,
    sources: p.sources,
    figures: PICTURE_SECTIONS.map((s) => ({ section: s, figures: figures.filter((f) => f.section === s) })),
    problems,
    comments,
  };
}

/** Saves one section's text of a draft lägesbild. */
export async function savePictureSection({
  db,
  kommunId,
  pictureId,
  section,
  text,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
  section: string;
  text: string;
}) {
  const errors = [];
  if (!(PICTURE_SECTIONS as readonly string[]).includes(section))
    errors.push(fieldError("section", "plans.error.section"));
  if (text.length > MAX_SECTION) errors.push(fieldError("text", "plans.error.maxText", { max: MAX_SECTION }));
  if (errors.length) throw new Invalid(errors);
  await inTransaction(db, async (trx) => {
    const p = await lockDraft(trx, "situation_picture", kommunId, pictureId);
    await trx
      .updateTable("situation_picture")
      .set({ sections: JSON.stringify({ ...p.sections, [section]: text.trim() }), updated_at: new Date() })
      .where("id", "=", pictureId)
      .execute();
  });
}

/** Marks a draft lägesbild as decided (beslutad); from then on it is read-only. */
export async function decidePicture({
  db,
  kommunId,
  pictureId,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
}) {
  await inTransaction(db, async (trx) => {
    await lockDraft(trx, "situation_picture", kommunId, pictureId);
    const now = new Date();
    await trx
      .updateTable("situation_picture")
      .set({ status: "beslutad", decided_at: now, updated_at: now })
      .where("id", "=", pictureId)
      .execute();
  });
}

/** A comment on a section of a lägesbild (or the whole document, "dokument"). */
export async function addPictureComment({
  db,
  kommunId,
  pictureId,
  accountId,
  section,
  body,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
  accountId: number;
  section: string;
  body: string;
}) {
  const sections = ["dokument", ...PICTURE_SECTIONS];
  await addComment({ db, kommunId, table: "situation_picture", id: pictureId, accountId, section, body, sections });
}
