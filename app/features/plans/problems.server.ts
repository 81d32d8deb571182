/**
 * Prioritised problems of a lägesbild, each with its cause analysis (problem, causes, who is affected, where and
 * when, what is already done): created from the problembild's ranked themes, then deepened by the kommun.
 */
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { checkPartOf, lockDraft } from "./owned.server";
import { inTransaction } from "./pictures.server";
import { rankingForPicture } from "./evidence.server";
import { asSentence } from "./domain/documents";
import { parseInput } from "~/platform/parse.server";

const text = (max: number) => z.string().trim().max(max, "plans.error.tooLong");

export const problemSchema = z.object({
  problem: z.string().trim().min(1, "plans.error.problem").max(2000, "plans.error.tooLong"),
  causes: text(8000).default(""),
  affected: text(4000).default(""),
  whereWhen: text(4000).default(""),
  alreadyDone: text(4000).default(""),
  rank: z.coerce
    .number({ message: "plans.error.rank" })
    .int("plans.error.rank")
    .min(1, "plans.error.rank")
    .max(99, "plans.error.rank"),
});
export type ProblemInput = z.infer<typeof problemSchema>;

export function parseProblem(input: unknown): ProblemInput {
  const r = parseInput(problemSchema, input);
  return r;
}

/**
 * One problem per chosen theme (in the ranking's order, after those already there), its text drafted from the
 * theme's place in the ranking and the figures behind it. Themes the ranking does not know are refused (422);
 * a theme already among the picture's problems is skipped. Returns how many were added.
 */
export async function addProblemsFromRanking({
  db,
  kommunId,
  pictureId,
  themes,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
  themes: readonly string[];
}): Promise<number> {
  if (!themes.length) throw new Invalid([fieldError("themes", "plans.error.themes")]);
  const ranking = await rankingForPicture(db, kommunId);
  const ranked = new Map((ranking?.themes ?? []).filter((t) => t.score !== null).map((t) => [t.theme, t]));
  const unknown = themes.filter((t) => !ranked.has(t));
  if (unknown.length)
    throw new Invalid([fieldError("themes", "plans.error.themeUnknown", { themes: unknown.join(", ") })]);
  return inTransaction(db, async (trx) => {
    await lockDraft(trx, "situation_picture", kommunId, pictureId);
    const existing = await trx
      .selectFrom("priority_problem")
      .select(["theme", "rank"])
      .where("picture_id", "=", pictureId)
      .execute();
    const have = new Set(existing.map((e) => e.theme));
    let rank = existing.reduce((m, e) => Math.max(m, e.rank), 0);
    const chosen = [...new Set(themes)]
      .filter((t) => !have.has(t))
      .map((t) => ranked.get(t)!)
      .sort((a, b) => a.rank - b.rank);
    for (const t of chosen) {
      const figures = t.evidence.filter((e) => e.sentenceSv.trim()).map((e) => asSentence(e.sentenceSv));
      await trx
        .insertInto("priority_problem")
        .values({
          picture_id: pictureId,
          rank: ++rank,
          theme: t.theme,
          problem:
            `${t.labelSv}: plats ${t.rank} av ${ranking!.themes.length} i problembilden. ${figures.join(" ")}`.trim(),
        })
        .execute();
    }
    return chosen.length;
  });
}

const problemOfPicture = (db: Database, pictureId: number, problemId: number) =>
  checkPartOf(db, "priority_problem", pictureId, problemId);

/** Saves a problem's cause analysis and rank. */
export async function saveProblem({
  db,
  kommunId,
  pictureId,
  problemId,
  input,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
  problemId: number;
  input: ProblemInput;
}) {
  await inTransaction(db, async (trx) => {
    await lockDraft(trx, "situation_picture", kommunId, pictureId);
    await problemOfPicture(trx, pictureId, problemId);
    await trx
      .updateTable("priority_problem")
      .set({
        problem: input.problem,
        causes: input.causes,
        affected: input.affected,
        where_when: input.whereWhen,
        already_done: input.alreadyDone,
        rank: input.rank,
        updated_at: new Date(),
      })
      .where("id", "=", problemId)
      .execute();
  });
}

/** Removes a problem from a draft lägesbild (its links to measures go with it). */
export async function deleteProblem({
  db,
  kommunId,
  pictureId,
  problemId,
}: {
  db: Database;
  kommunId: number;
  pictureId: number;
  problemId: number;
}) {
  await inTransaction(db, async (trx) => {
    await lockDraft(trx, "situation_picture", kommunId, pictureId);
    await problemOfPicture(trx, pictureId, problemId);
    await trx.deleteFrom("priority_problem").where("id", "=", problemId).execute();
  });
}

/** The ranked themes a lägesbild's problems can be created from (those with data), in rank order. */
export async function rankedThemeChoices({ db, kommunId }: { db: Database; kommunId: number }) {
  const ranking = await rankingForPicture(db, kommunId);
  return [...(ranking?.themes ?? [])]
    .filter((t) => t.score !== null)
    .sort((a, b) => a.rank - b.rank)
    .map((t) => ({ theme: t.theme, labelSv: t.labelSv, rank: t.rank }));
}
