/**
 * Free-text comments of a kommun's surveys: listed and searched in the filtered group (only when it has at least
 * the minimum base of respondents), coded into themes by analysts from lexicon suggestions (app/features/surveys/domain/theme-lexicon.ts),
 * and pinned as quotes. A comment is (response, question); its text is read from `response.data` and never copied:
 * codes and quotes hold the response id and the question name only.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, type FieldError, fieldError } from "~/platform/errors.server";
import { THEME_KEYS } from "~/features/surveys/index";
import { suggestThemesWithMatches } from "~/features/surveys/index";
import { getSurvey } from "~/features/surveys/index.server";
import {
  DEMOGRAPHIC_COLUMNS,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  type DemographicColumn,
  type RawResultFilters,
} from "./counting/source.server";
import { countRespondents } from "./counting/count.server";
import { effectiveMinBase } from "./domain/statistics";
import { listableCommenters, type Commenter } from "./domain/comment-classes";
import {
  CODING_STATES,
  FREETEXT_PAGE_SIZE,
  freetextScores,
  type CodingState,
  type FreetextComment,
  type FreetextList,
  type FreetextQuote,
  type FreetextScores,
} from "./domain/freetext";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function svText(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (isRecord(v)) for (const k of ["sv", "default"]) if (typeof v[k] === "string" && v[k]) return v[k] as string;
  return null;
}

/** The free-text questions of a definition: `comment` elements and plain `text` inputs, in definition order. */
export function freeTextQuestions(definition: Json): { name: string; title: string }[] {
  const out: { name: string; title: string }[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!isRecord(el)) continue;
      if (el.type === "panel") visit(el.elements ?? el.questions);
      const plainText = el.type === "text" && (el.inputType === undefined || el.inputType === "text");
      if ((el.type === "comment" || plainText) && typeof el.name === "string")
        out.push({ name: el.name, title: svText(el.title) ?? el.name });
    }
  };
  if (Array.isArray(definition.pages))
    for (const p of definition.pages) if (isRecord(p)) visit(p.elements ?? p.questions);
  visit(definition.elements);
  return out;
}

/** A survey of the kommun by slug (another kommun's survey is not found), with its free-text questions. */
async function surveyOfKommun(db: Database, kommunId: number, slug: string) {
  const survey = await getSurvey({ db, slug });
  if (survey.kommun_id !== kommunId) throw new NotFound("surveys.error.slugNotFound", { slug });
  return { survey, questions: freeTextQuestions(survey.definition) };
}

// ILIKE pattern for a literal substring: the backslash is PostgreSQL's default escape character.
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ListCommentsInput {
  db: Database;
  kommunId: number;
  surveySlug: string;
  q?: string;
  question?: string | null;
  theme?: string | null;
  state?: string | null;
  /** The results filters (`where=area:x`, from, to, channel), as on the problembild. */
  filters?: RawResultFilters;
  page?: number;
}

/**
 * One page of a survey's comments matching the search, question, theme and coding state, in the filtered group.
 * Nothing is listed (not even a count) when the group has fewer respondents than the minimum base.
 */
export async function listComments(input: ListCommentsInput): Promise<FreetextList> {
  const { db, kommunId } = input;
  const { survey, questions } = await surveyOfKommun(db, kommunId, input.surveySlug);
  const source = await loadResultsSource(db, survey.id);
  const errors: FieldError[] = [];
  const q = (input.q ?? "").trim();
  if (q.length > 200) errors.push(fieldError("q", "ranking.error.searchMax"));
  const question = input.question || null;
  if (question && !questions.some((x) => x.name === question))
    errors.push(fieldError("question", "ranking.error.notFreeText", { question }));
  const theme = input.theme || null;
  if (theme && !(THEME_KEYS as readonly string[]).includes(theme))
    errors.push(fieldError("theme", "ranking.error.themeUnknown", { theme }));
  const state = (input.state || "all") as CodingState;
  if (!CODING_STATES.includes(state))
    errors.push(fieldError("state", "ranking.error.oneOf", { values: CODING_STATES.join(", ") }));
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > 100_000) errors.push(fieldError("page", "ranking.error.page"));
  let filters;
  try {
    filters = parseResultFilters(source, input.filters);
  } catch (e) {
    if (e instanceof Invalid) errors.push(...e.errors);
    else throw e;
  }
  // Comments can be narrowed by the demographic columns only: an answer, date or channel filter could single out
  // one commenter's comment and, through it, that person's answers (docs/privacy.md, "Comments under a filter").
  const demographicFilter: Partial<Record<DemographicColumn, string[]>> = {};
  for (const w of filters?.where ?? []) {
    const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === w.question);
    if (column) demographicFilter[column] = [...w.values];
    else errors.push(fieldError("where", "ranking.error.commentFilterAnswer", { question: w.question }));
  }
  if (filters?.from || filters?.to) errors.push(fieldError("from", "ranking.error.commentFilterDate"));
  if (filters?.channels.length) errors.push(fieldError("channel", "ranking.error.commentFilterChannel"));
  if (errors.length || !filters) throw new Invalid(errors, "ranking.error.searchInvalid");
  const filtered = Object.keys(demographicFilter).length > 0;

  const minBase = effectiveMinBase(source.settings.minBase);
  const filterOptions = DEMOGRAPHIC_COLUMNS.flatMap((column) => {
    const name = source.demographics[column];
    const cq = name ? source.byName.get(name) : undefined;
    return cq
      ? [{ question: cq.name, column, options: cq.options.map((o) => ({ value: o.value, label: o.label })) }]
      : [];
  });
  const head = {
    survey: { slug: survey.slug, title: survey.title, period: survey.period, kind: survey.kind },
    minBase,
    questions,
    filterOptions,
    query: { q, question, theme, state, where: (input.filters?.where ?? []).slice(), page },
    filtered,
  };
  const respondents = await countRespondents(db, source, filters);
  if (respondents < minBase || questions.length === 0) {
    const suppressed = respondents < minBase;
    return {
      ...head,
      respondents: suppressed ? null : respondents,
      suppressed,
      total: suppressed ? null : 0,
      pages: 0,
      comments: [],
      quotes: [],
    };
  }

  const names = questions.map((x) => x.name);
  // Under a filter: only the comments of commenters whose coarsened class lies wholly inside it.
  const group = filtered
    ? sql`r.survey_id = ${survey.id} and r.id = any(${[
        ...listableCommenters(await commentersOf(db, survey.id, names), demographicFilter, minBase),
      ]}::uuid[])`
    : filterSql(source, filters);
  const conds: RawBuilder<unknown>[] = [group, sql`coalesce(btrim(r.data->>q.question), '') <> ''`];
  if (q) conds.push(sql`(r.data->>q.question) ilike ${likePattern(q)}`);
  if (question) conds.push(sql`q.question = ${question}`);
  const accepted = (t: string | null) =>
    sql`exists (select 1 from freetext_code c where c.response_id = r.id and c.question = q.question and c.status = 'accepted'${t ? sql` and c.theme = ${t}` : sql``})`;
  if (theme) conds.push(accepted(theme));
  if (state === "uncoded") conds.push(sql`not ${accepted(null)}`);
  if (state === "coded") conds.push(accepted(null));
  if (state === "pinned")
    conds.push(sql`exists (select 1 from freetext_quote p where p.response_id = r.id and p.question = q.question)`);
  const matching = sql`from response r cross join unnest(${names}::text[]) as q(question) where ${sql.join(conds, sql` and `)}`;
  const { total } = (await sql<{ total: number }>`select count(*)::int as total ${matching}`.execute(db)).rows[0]!;
  const rows = (
    await sql<{ id: string; question: string; text: string; submitted_on: string | Date }>`
      select r.id, q.question, r.data->>q.question as text, r.submitted_on ${matching}
      order by r.submitted_on desc, r.id, q.question
      limit ${FREETEXT_PAGE_SIZE} offset ${(page - 1) * FREETEXT_PAGE_SIZE}`.execute(db)
  ).rows;
  const comments = await decorate(db, survey.id, rows, questions);
  return {
    ...head,
    respondents,
    suppressed: false,
    total,
    pages: Math.ceil(total / FREETEXT_PAGE_SIZE),
    // Under a filter a comment carries no response id and no date (nothing that links it across lists), and the
    // pinned quotes (the whole survey's) are shown in the unfiltered list only.
    comments: filtered ? comments.map((c) => ({ ...c, responseId: null, submittedOn: null })) : comments,
    quotes: filtered ? [] : await quotesOf(db, survey.id, questions),
  };
}

/** The survey's respondents who wrote at least one comment, with their demographic columns. */
async function commentersOf(db: Database, surveyId: number, names: readonly string[]): Promise<Commenter[]> {
  const rows = await sql<Commenter>`
    select r.id::text as id, r.area, r.age_band, r.gender from response r
    where r.survey_id = ${surveyId}
      and exists (select 1 from unnest(${[...names]}::text[]) as q(question) where coalesce(btrim(r.data->>q.question), '') <> '')`.execute(
    db,
  );
  return rows.rows;
}

const dateOnly = (d: string | Date) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

async function decorate(
  db: Database,
  surveyId: number,
  rows: { id: string; question: string; text: string; submitted_on: string | Date }[],
  questions: { name: string; title: string }[],
): Promise<FreetextComment[]> {
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.id))];
  const codes = await db
    .selectFrom("freetext_code")
    .select(["response_id", "question", "theme", "status"])
    .where("survey_id", "=", surveyId)
    .where("response_id", "in", ids)
    .execute();
  const pins = await db
    .selectFrom("freetext_quote")
    .select(["response_id", "question"])
    .where("survey_id", "=", surveyId)
    .where("response_id", "in", ids)
    .execute();
  const key = (id: string, q: string) => `${id}|${q}`;
  const pinned = new Set(pins.map((p) => key(p.response_id, p.question)));
  const order = (t: string) => (THEME_KEYS as readonly string[]).indexOf(t);
  return rows.map((r) => {
    const mine = codes.filter((c) => c.response_id === r.id && c.question === r.question);
    const decided = new Set(mine.map((c) => c.theme));
    return {
      responseId: r.id,
      question: r.question,
      questionTitle: questions.find((x) => x.name === r.question)?.title ?? r.question,
      text: r.text,
      submittedOn: dateOnly(r.submitted_on),
      accepted: mine
        .filter((c) => c.status === "accepted")
        .map((c) => c.theme)
        .sort((a, b) => order(a) - order(b)),
      rejected: mine
        .filter((c) => c.status === "rejected")
        .map((c) => c.theme)
        .sort((a, b) => order(a) - order(b)),
      suggested: suggestThemesWithMatches(r.text).filter((s) => !decided.has(s.theme)),
      pinned: pinned.has(key(r.id, r.question)),
    };
  });
}

async function quotesOf(
  db: Database,
  surveyId: number,
  questions: { name: string; title: string }[],
): Promise<FreetextQuote[]> {
  const rows = (
    await sql<{ id: string; question: string; text: string | null; themes: string[] | null }>`
      select p.response_id as id, p.question, r.data->>p.question as text,
        array(select c.theme from freetext_code c where c.response_id = p.response_id and c.question = p.question and c.status = 'accepted' order by c.theme) as themes
      from freetext_quote p join response r on r.id = p.response_id
      where p.survey_id = ${surveyId}
      order by p.pinned_at, p.response_id, p.question`.execute(db)
  ).rows;
  return rows
    .filter((r) => r.text)
    .map((r) => ({
      responseId: r.id,
      question: r.question,
      questionTitle: questions.find((x) => x.name === r.question)?.title ?? r.question,
      text: r.text!,
      themes: r.themes ?? [],
    }));
}

/**
 * The pinned quotes of a survey with their accepted themes, or none when the survey has fewer respondents than
 * the minimum base (a quote is a respondent's own words).
 */
export async function listQuotes({ db, surveyId }: { db: Database; surveyId: number }): Promise<FreetextQuote[]> {
  const source = await loadResultsSource(db, surveyId);
  const n = await countRespondents(db, source);
  if (n < effectiveMinBase(source.settings.minBase)) return [];
  const survey = await db
    .selectFrom("survey_version as v")
    .innerJoin("survey as s", "s.current_version_id", "v.id")
    .select("v.definition")
    .where("s.id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return quotesOf(db, surveyId, freeTextQuestions(survey.definition));
}

export interface CommentRef {
  db: Database;
  kommunId: number;
  surveySlug: string;
  responseId: string;
  question: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The comment's survey and text; Invalid for a malformed reference, NotFound for one that is not there. */
async function findComment({ db, kommunId, surveySlug, responseId, question }: CommentRef) {
  const { survey, questions } = await surveyOfKommun(db, kommunId, surveySlug);
  const errors: FieldError[] = [];
  if (!UUID.test(responseId)) errors.push(fieldError("responseId", "ranking.error.responseId"));
  if (!questions.some((q) => q.name === question))
    errors.push(fieldError("question", "ranking.error.notFreeText", { question }));
  if (errors.length) throw new Invalid(errors);
  const row = await sql<{ text: string | null }>`
    select r.data->>${question} as text from response r where r.id = ${responseId}::uuid and r.survey_id = ${survey.id}`.execute(
    db,
  );
  const text = row.rows[0]?.text?.trim();
  if (!text) throw new NotFound("ranking.error.commentNotFound");
  return { surveyId: survey.id, text };
}

/**
 * An analyst's decision on a theme for a comment. "accept": the theme is coded (counts toward the score).
 * "reject": a lexicon suggestion is recorded as rejected, so it is not suggested again; a theme the lexicon does
 * not suggest (a manual code) is simply removed.
 */
export async function codeComment(input: CommentRef & { theme: string; decision: string }) {
  const errors: FieldError[] = [];
  if (!(THEME_KEYS as readonly string[]).includes(input.theme)) errors.push(fieldError("theme", "ranking.error.theme"));
  if (input.decision !== "accept" && input.decision !== "reject")
    errors.push(fieldError("decision", "ranking.error.decision"));
  if (errors.length) throw new Invalid(errors);
  const { surveyId, text } = await findComment(input);
  const suggested = suggestThemesWithMatches(text).some((s) => s.theme === input.theme);
  const key = { response_id: input.responseId, question: input.question, theme: input.theme };
  if (input.decision === "reject" && !suggested) {
    await input.db
      .deleteFrom("freetext_code")
      .where("response_id", "=", key.response_id)
      .where("question", "=", key.question)
      .where("theme", "=", key.theme)
      .execute();
    return;
  }
  const status = input.decision === "accept" ? ("accepted" as const) : ("rejected" as const);
  const origin = suggested ? ("suggested" as const) : ("manual" as const);
  await input.db
    .insertInto("freetext_code")
    .values({ ...key, survey_id: surveyId, status, origin })
    .onConflict((oc) =>
      oc.columns(["response_id", "question", "theme"]).doUpdateSet({ status, origin, decided_at: new Date() }),
    )
    .execute();
}

/** Pins a comment as a quote, or unpins it. */
export async function pinComment(input: CommentRef & { pinned: boolean }) {
  const { surveyId } = await findComment(input);
  if (input.pinned) {
    await input.db
      .insertInto("freetext_quote")
      .values({ response_id: input.responseId, question: input.question, survey_id: surveyId })
      .onConflict((oc) => oc.columns(["response_id", "question"]).doNothing())
      .execute();
  } else {
    await input.db
      .deleteFrom("freetext_quote")
      .where("response_id", "=", input.responseId)
      .where("question", "=", input.question)
      .execute();
  }
}

/** The free-text score per theme of a survey's coded comments (statistics in app/features/results/domain/freetext.ts). */
export async function freetextThemeScores({
  db,
  surveyId,
  minBase,
}: {
  db: Database;
  surveyId: number;
  minBase?: number;
}): Promise<FreetextScores> {
  const source = await loadResultsSource(db, surveyId);
  const rows = await db
    .selectFrom("freetext_code as c")
    .innerJoin("response as r", "r.id", "c.response_id")
    .select(["c.response_id", "c.question", "c.theme"])
    .where("c.survey_id", "=", surveyId)
    .where("c.status", "=", "accepted")
    .execute();
  return freetextScores(
    rows.map((r) => ({ comment: `${r.response_id}|${r.question}`, theme: r.theme })),
    Math.max(minBase ?? 0, source.settings.minBase ?? 0),
  );
}
