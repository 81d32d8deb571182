/**
 * Starting and listing a kommun's promise documents: a new draft for a period from chosen themes (focus areas
 * prefilled from the problembild's ranking, with the figures' links stored apart from the text), and the list
 * of every document of the kommun, all statuses and versions.
 */
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { DomainError } from "~/platform/errors.server";
import type { FocusAreaDraft } from "./domain/draft";
import type { ThemeRanking } from "~/features/results/index";
import { isIsoDate } from "./domain/progress";
import { inTransaction, recordCreated } from "./workflow.server";
import { getThemeRanking, savedWeights } from "~/features/results/index.server";
import { parseInput } from "~/platform/parse.server";

const isoDate = z.string().trim().refine(isIsoDate, "problem.dateFormat");

export const newDocumentSchema = z
  .object({
    title: z.string().trim().max(300, "loften.error.max300").default(""),
    periodLabel: z.string().trim().min(1, "loften.error.periodLabel").max(40, "loften.error.max40"),
    periodStart: isoDate,
    periodEnd: isoDate,
    themes: z.array(z.string().trim().min(1).max(60)).max(20, "loften.error.themesMax").default([]),
    survey: z.string().trim().max(200).default(""),
  })
  .refine((d) => d.periodEnd >= d.periodStart, {
    path: ["periodEnd"],
    message: "loften.error.periodOrder",
  });

export type NewDocumentInput = z.infer<typeof newDocumentSchema>;

export function parseNewDocument(input: unknown): NewDocumentInput {
  const r = parseInput(newDocumentSchema, input);
  return r;
}

/**
 * Creates a draft (utkast) for the kommun and its LPO (the kommun's parent organisation, when it is an LPO) with
 * one focus area per draft; returns its id.
 */
export async function createDraftDocument({
  db,
  kommunId,
  accountId,
  input,
  focusAreas,
  problemPicture = "",
}: {
  db: Database;
  kommunId: number;
  accountId: number;
  input: NewDocumentInput;
  focusAreas: FocusAreaDraft[];
  /** A drafted problembild section (promise-draft.ts draftProblemPicture); empty leaves it to the editors. */
  problemPicture?: string;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const kommun = await trx
      .selectFrom("organisation as k")
      .leftJoin("organisation as p", "p.id", "k.parent_id")
      .select(["k.name", "p.id as parentId", "p.kind as parentKind"])
      .where("k.id", "=", kommunId)
      .executeTakeFirstOrThrow();
    const doc = await trx
      .insertInto("promise_document")
      .values({
        kommun_id: kommunId,
        lpo_id: kommun.parentKind === "lpo" ? kommun.parentId : null,
        period_label: input.periodLabel,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        title: input.title || `Medborgarlöften ${kommun.name} ${input.periodLabel}`,
        status: "utkast",
        sections: JSON.stringify(problemPicture ? { problembild: problemPicture } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, fa] of focusAreas.entries()) {
      const f = await trx
        .insertInto("focus_area")
        .values({ document_id: doc.id, position: i + 1, title: fa.title, themes: fa.themes, background: fa.background })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (fa.links.length)
        await trx
          .insertInto("figure_link")
          .values(
            fa.links.map((l, j) => ({
              focus_area_id: f.id,
              position: j + 1,
              source: l.source,
              label: l.label,
              href: l.href,
            })),
          )
          .execute();
    }
    await recordCreated({
      db: trx,
      documentId: doc.id,
      accountId,
      summary: focusAreas.length ? `Utkast skapat från ${focusAreas.length} teman` : "Utkast skapat",
    });
    return doc.id;
  });
}

/** Every document of the kommun (all statuses and versions), newest period and version first. */
export async function listDocuments({ db, kommunId }: { db: Database; kommunId: number }) {
  const rows = await db
    .selectFrom("promise_document as d")
    .select([
      "d.id",
      "d.title",
      "d.period_label as periodLabel",
      "d.period_start as periodStart",
      "d.period_end as periodEnd",
      "d.status",
      "d.version",
      "d.supersedes_id as supersedesId",
      "d.updated_at as updatedAt",
      "d.published_at as publishedAt",
    ])
    .select((eb) =>
      eb
        .selectFrom("promise as p")
        .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
        .whereRef("f.document_id", "=", "d.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("promiseCount"),
    )
    .where("d.kommun_id", "=", kommunId)
    .orderBy("d.period_start", "desc")
    .orderBy("d.version", "desc")
    .orderBy("d.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, promiseCount: Number(r.promiseCount ?? 0) }));
}

/** The figure links of the document's focus areas, by focus area id. */
export async function figureLinksOf({ db, documentId }: { db: Database; documentId: number }) {
  const rows = await db
    .selectFrom("figure_link as l")
    .innerJoin("focus_area as f", "f.id", "l.focus_area_id")
    .select(["l.id", "l.focus_area_id as focusAreaId", "l.source", "l.label", "l.href"])
    .where("f.document_id", "=", documentId)
    .orderBy("l.focus_area_id")
    .orderBy("l.position")
    .execute();
  const by: Record<number, { id: number; source: string; label: string; href: string }[]> = {};
  for (const r of rows) (by[r.focusAreaId] ??= []).push({ id: r.id, source: r.source, label: r.label, href: r.href });
  return by;
}

/**
 * The problembild's theme ranking for the kommun (on the given citizen survey, else its latest, with the weights
 * its analysts saved), or null while no source has data for any theme. The drafting then works from the standard
 * themes without figures. A survey that is not the kommun's (a stale link) falls back to the latest one.
 */
export async function themeRankingFor({
  db,
  kommunId,
  surveySlug,
}: {
  db: Database;
  kommunId: number;
  surveySlug?: string;
}): Promise<ThemeRanking | null> {
  const weights = (await savedWeights({ db, kommunId })) ?? undefined;
  let ranking: ThemeRanking;
  try {
    ranking = await getThemeRanking({ db, kommunId, surveySlug: surveySlug || null, weights });
  } catch (err) {
    if (!surveySlug || !(err instanceof DomainError)) throw err;
    ranking = await getThemeRanking({ db, kommunId, weights });
  }
  return ranking.themes.some((t) => t.score !== null) ? ranking : null;
}

/**
 * The period a new document's form suggests. Follow-up can be logged only for days within a document's period, so a
 * period starting next year leaves nothing to log until then. With a document in force (or published for later),
 * the new one continues where the latest of them ends, as editors writing the next promises expect. With none, the
 * gap is now: the period starts on 1 January this year, so follow-up can be logged from today; only in the last
 * quarter, when promises are written for the coming year, it starts on 1 January next year. Two calendar years.
 * The form says from when follow-up can be logged either way.
 */
export async function suggestedPeriod({ db, kommunId, today }: { db: Database; kommunId: number; today: string }) {
  const rows = await db
    .selectFrom("promise_document as d")
    .select(["d.period_end"])
    .where("d.kommun_id", "=", kommunId)
    .where("d.status", "=", "publicerat")
    .where("d.period_end", ">=", today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("promise_document as s")
            .select("s.id")
            .whereRef("s.supersedes_id", "=", "d.id")
            .where("s.status", "=", "publicerat"),
        ),
      ),
    )
    .orderBy("d.period_end", "desc")
    .limit(1)
    .execute();
  const after = rows[0]?.period_end;
  const year = Number(today.slice(0, 4));
  const start = after
    ? new Date(Date.parse(`${after}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    : `${today.slice(5, 7) >= "10" ? year + 1 : year}-01-01`;
  const endYear = Number(start.slice(0, 4)) + (start.endsWith("-01-01") ? 1 : 2);
  const label = `${start.slice(0, 4)}–${endYear}`;
  return { label, start, end: `${endYear}-12-31`, startsLater: start > today };
}
