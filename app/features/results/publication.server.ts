/**
 * "Det här svarade ni" (docs/domain/feedback-to-citizens.md): which questions of a closed citizen survey are shown
 * to the public, and the public page's figures. The selection is stored; the figures are always the results'
 * published (protected) figures of the whole survey (`getResults` without filters), never raw counts.
 */
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError, type FieldError } from "~/platform/errors.server";
import { effectiveStatus, getKommunSurvey } from "~/features/surveys/index.server";
import { getResults, type ResultIndicator, type ResultQuestion } from "./results.server";
import type { Protection } from "./domain/cell-key";
import { MAX_INTRO_LENGTH, MAX_PUBLISHED_QUESTIONS, pickProblemQuestions } from "./domain/public-links";
import { questionThemes, type SurveyDefinition } from "~/features/surveys/index";

export interface Publication {
  questions: string[];
  intro: string;
  published: boolean;
  publishedBy: string | null;
  publishedAt: string | null;
}

const EMPTY: Publication = { questions: [], intro: "", published: false, publishedBy: null, publishedAt: null };

/** A survey's stored selection (empty and unpublished when none is stored). */
export async function getPublication({ db, surveyId }: { db: Database; surveyId: number }): Promise<Publication> {
  const row = await db
    .selectFrom("result_publication as p")
    .leftJoin("account as a", "a.id", "p.published_by")
    .select(["p.questions", "p.intro", "p.published", "p.published_at", "a.display_name"])
    .where("p.survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return { ...EMPTY };
  return {
    questions: row.questions,
    intro: row.intro,
    published: row.published,
    publishedBy: row.display_name ?? null,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
  };
}

/** A question that may be published: a choice question (or matrix row) of the results, with its indicator kind. */
export interface PublishableQuestion {
  name: string;
  title: string;
  indicator: ResultIndicator["kind"] | null;
}

/** The questions of a survey an analyst may choose from: exactly the ones the results API returns. */
export async function publishableQuestions({
  db,
  surveyId,
}: {
  db: Database;
  surveyId: number;
}): Promise<PublishableQuestion[]> {
  const results = await getResults({ db, surveyId });
  const kinds = new Map(results.indicators.map((i) => [i.question, i.kind]));
  return results.questions.map((q) => ({
    name: q.name,
    title: fullTitle(q),
    indicator: kinds.get(q.name) ?? null,
  }));
}

const fullTitle = (q: Pick<ResultQuestion, "title" | "group">) => (q.group ? `${q.group.title}: ${q.title}` : q.title);

/**
 * Stores a citizen survey's selection, intro and publication switch (analysts of its kommun; the route checks the
 * role). Invalid per field and nothing stored for an unknown question, too long an intro or publishing nothing.
 */
export async function savePublication({
  db,
  kommunId,
  slug,
  accountId,
  input,
}: {
  db: Database;
  kommunId: number;
  slug: string;
  accountId: number;
  input: { questions: string[]; intro: string; published: string | null };
}): Promise<void> {
  const survey = await getKommunSurvey({ db, slug, kommunId });
  if (survey.kind !== "medborgarenkat") throw new NotFound("public.error.notCitizen");
  const allowed = new Set((await publishableQuestions({ db, surveyId: survey.id })).map((q) => q.name));
  const errors: FieldError[] = [];
  const questions = [...new Set(input.questions)];
  if (questions.length > MAX_PUBLISHED_QUESTIONS)
    errors.push(fieldError("questions", "public.error.tooMany", { max: MAX_PUBLISHED_QUESTIONS }));
  const unknown = questions.filter((q) => !allowed.has(q));
  if (unknown.length) errors.push(fieldError("questions", "public.error.unknownQuestion"));
  const intro = input.intro.replace(/\r\n/g, "\n").trim();
  if (intro.length > MAX_INTRO_LENGTH)
    errors.push(fieldError("intro", "public.error.introTooLong", { max: MAX_INTRO_LENGTH }));
  if (input.published !== null && input.published !== "on" && input.published !== "off")
    errors.push(fieldError("published", "public.error.published"));
  const published = input.published === "on";
  if (published && questions.length === 0) errors.push(fieldError("questions", "public.error.none"));
  if (errors.length) throw new Invalid(errors, "public.error.invalid");

  const before = await getPublication({ db, surveyId: survey.id });
  // Who published and when is kept while the page stays published; it changes only when the switch is turned on.
  const publishedNow = published && !before.published;
  const values = {
    questions: JSON.stringify(questions),
    intro,
    published,
    updated_by: accountId,
    updated_at: new Date(),
    ...(publishedNow ? { published_by: accountId, published_at: new Date() } : {}),
  };
  await db
    .insertInto("result_publication")
    .values({ survey_id: survey.id, ...values })
    .onConflict((oc) => oc.column("survey_id").doUpdateSet(values))
    .execute();
}

/** One published results page, for link lists. */
export interface PublishedResultsLink {
  kommun: string;
  kommunName: string;
  slug: string;
  title: string;
  period: string;
  /** When the page became public: the later of its publication and the survey's close (for feeds). */
  publicSince: string | null;
}

/** The citizen surveys whose results are public now (closed and published), of one kommun or of all. */
export async function listPublishedResults({
  db,
  kommun,
}: {
  db: Database;
  /** A kommun's slug: only its results. */
  kommun?: string;
}): Promise<PublishedResultsLink[]> {
  let q = db
    .selectFrom("result_publication as p")
    .innerJoin("survey as s", "s.id", "p.survey_id")
    .innerJoin("organisation as k", "k.id", "s.kommun_id")
    .select([
      "s.slug",
      "s.title",
      "s.period",
      "s.status",
      "s.opens_at",
      "s.closes_at",
      "k.slug as kommun",
      "k.name as kommunName",
      "p.published_at",
    ])
    .where("p.published", "=", true)
    .where("s.kind", "=", "medborgarenkat")
    .orderBy("k.name")
    .orderBy("s.period", "desc")
    .orderBy("s.title");
  if (kommun !== undefined) q = q.where("k.slug", "=", kommun);
  const rows = await q.execute();
  return rows
    .filter((r) => effectiveStatus(r) === "closed")
    .map((r) => ({
      kommun: r.kommun,
      kommunName: r.kommunName,
      slug: r.slug,
      title: r.title,
      period: r.period,
      publicSince: laterOf(r.published_at, r.closes_at),
    }));
}

function laterOf(a: Date | string | null, b: Date | string | null): string | null {
  const times = [a, b].filter((x) => x !== null).map((x) => new Date(x).getTime());
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}

/**
 * The public page's figures of one question: its protected shares and intervals and, when it has one, its
 * indicator share. Only what the page shows: no option counts and no suppression reasons reach the browser.
 */
export interface PublicQuestion {
  name: string;
  title: string;
  /** Theme keys of the question (docs/domain/themes.md), to find the questions a promise bears on. */
  themes: string[];
  answered: number | null;
  options: {
    value: string;
    label: string;
    share: number | null;
    ci_low: number | null;
    ci_high: number | null;
    suppressed: boolean;
  }[];
  indicator: { kind: ResultIndicator["kind"]; share: number | null; suppressed: boolean } | null;
}

export interface PublicResults {
  kommun: { slug: string; name: string };
  survey: { slug: string; title: string; period: string };
  intro: string;
  publishedAt: string | null;
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  protection: Protection;
  questions: PublicQuestion[];
}

/**
 * The public results of a survey: only a citizen survey of that kommun that is closed and published, otherwise
 * NotFound (an open, draft, unpublished or staff survey looks exactly like an unknown one). The chosen questions,
 * in the chosen order, with the results' protected figures of the whole survey.
 */
export async function getPublicResults({
  db,
  kommun,
  slug,
}: {
  db: Database;
  kommun: string;
  slug: string;
}): Promise<PublicResults> {
  const row = await db
    .selectFrom("survey as s")
    .innerJoin("organisation as k", "k.id", "s.kommun_id")
    .innerJoin("result_publication as p", "p.survey_id", "s.id")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select([
      "v.definition",
      "s.id",
      "s.slug",
      "s.title",
      "s.period",
      "s.kind",
      "s.status",
      "s.opens_at",
      "s.closes_at",
      "k.slug as kommunSlug",
      "k.name as kommunName",
      "p.questions",
      "p.intro",
      "p.published",
      "p.published_at",
    ])
    .where("s.slug", "=", slug)
    .where("k.slug", "=", kommun)
    .where("k.kind", "=", "kommun")
    .executeTakeFirst();
  if (!row || !row.published || row.kind !== "medborgarenkat" || effectiveStatus(row) !== "closed")
    throw new NotFound("public.error.notFound");
  const results = await getResults({ db, surveyId: row.id });
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const indicators = new Map(results.indicators.map((i) => [i.question, i]));
  const themes = questionThemes(row.definition as SurveyDefinition);
  const questions: PublicQuestion[] = [];
  for (const name of row.questions) {
    // A question removed from the definition since it was chosen is left out rather than shown empty.
    const q = byName.get(name);
    if (!q) continue;
    const i = indicators.get(name);
    questions.push({
      name,
      title: fullTitle(q),
      themes: themes[name] ?? [],
      answered: q.answered,
      options: q.options.map((o) => {
        const hidden = o.suppressed || o.share === null;
        return {
          value: o.value,
          label: o.label,
          share: hidden ? null : o.share,
          ci_low: hidden ? null : o.ci_low,
          ci_high: hidden ? null : o.ci_high,
          suppressed: hidden,
        };
      }),
      indicator: i ? { kind: i.kind, share: i.suppressed ? null : i.share, suppressed: i.suppressed } : null,
    });
  }
  return {
    kommun: { slug: row.kommunSlug, name: row.kommunName },
    survey: { slug: row.slug, title: row.title, period: row.period },
    intro: row.intro,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    respondents: results.respondents,
    suppressed: results.suppressed,
    minBase: results.minBase,
    protection: results.protection,
    questions,
  };
}

/** A few public results questions about the problems a promise document answers, and the survey they come from. */
export interface PublicProblemCharts {
  survey: { slug: string; title: string; period: string };
  minBase: number;
  questions: PublicQuestion[];
}

/**
 * The charts of the problems a promise document answers, for its public page: from the kommun's newest published
 * results page that has questions on the document's themes (in the order of its focus areas), at most `limit`,
 * with the same protected figures as that page (so nothing is shown that the analysts did not publish). Null when
 * no published question bears on the themes.
 */
export async function publicProblemCharts({
  db,
  kommun,
  themes,
  limit = 2,
}: {
  db: Database;
  kommun: string;
  themes: readonly string[];
  limit?: number;
}): Promise<PublicProblemCharts | null> {
  if (!themes.length) return null;
  for (const link of await listPublishedResults({ db, kommun })) {
    const page = await getPublicResults({ db, kommun, slug: link.slug });
    if (page.suppressed) continue;
    const questions = pickProblemQuestions(page.questions, themes, limit);
    if (questions.length) return { survey: page.survey, minBase: page.minBase, questions };
  }
  return null;
}
