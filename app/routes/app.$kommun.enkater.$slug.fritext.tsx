import { useEffect, useState } from "react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { codeComment, listComments, pinComment } from "~/features/results/index.server";
import type { FreetextComment, FreetextList } from "~/features/results/index";
import { CODING_STATES, FREETEXT_PAGE_SIZE, filtersFromSearch } from "~/features/results/index";
import { THEME_KEYS, THEMES } from "~/features/surveys/index";
import { can, requireKommun } from "~/features/accounts/index.server";
import { readForm, pageInput } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import rankingCss from "~/styles/ranking.css";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.freetext");
export const links = stylesheets(rankingCss);

/** Every comment of a survey, searchable and filtered like the problembild (filters in the URL). Viewers read. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const canCode = await can(user, kommun.id, "results:analyse");
    const sp = new URL(request.url).searchParams;
    const pageNo = sp.get("page");
    const list = await listComments({
      db,
      kommunId: kommun.id,
      surveySlug: params.slug ?? "",
      q: sp.get("q") ?? "",
      question: sp.get("question"),
      theme: sp.get("theme"),
      state: sp.get("state"),
      // Empty selects submit "" or "question:" — they mean "all".
      filters: filtersFromSearch(sp),
      page: pageNo ? Number(pageNo) : 1,
    });
    return { kommun, canCode, list };
  });

/** Analysts code a comment (accept or reject a theme) or pin it as a quote; then back to the same view. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
    const field = (k: string) => String(form.get(k) ?? "");
    const ref = {
      db,
      kommunId: kommun.id,
      surveySlug: params.slug ?? "",
      responseId: field("responseId"),
      question: field("question"),
    };
    const intent = field("intent");
    if (intent === "pin" || intent === "unpin") await pinComment({ ...ref, pinned: intent === "pin" });
    else await codeComment({ ...ref, theme: field("theme"), decision: field("decision") });
    // Back to the list as it was (only a query string of this page is followed), at the comment just changed.
    const back = field("back");
    return redirect(
      `/app/${kommun.slug}/enkater/${encodeURIComponent(params.slug ?? "")}/fritext${back.startsWith("?") ? back : ""}#c-${ref.responseId}-${ref.question}`,
    );
  });

const themeLabel = (key: string, locale: string) => {
  const theme = (THEMES as Record<string, { label: { sv: string; en: string } } | undefined>)[key];
  return theme ? (locale === "en" ? theme.label.en : theme.label.sv) : key;
};

function Hidden({ c, back }: { c: FreetextComment; back: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="responseId" value={c.responseId ?? ""} />
      <input type="hidden" name="question" value={c.question} />
      <input type="hidden" name="back" value={back} />
    </>
  );
}

function CommentItem({
  c,
  n,
  canCode: mayCode,
  back,
}: {
  c: FreetextComment;
  n: number;
  canCode: boolean;
  back: string;
}) {
  const t = useT();
  const label = (k: string) => themeLabel(k, t.locale);
  // A comment listed under a filter has no response id: it is read, not coded, there.
  const canCode = mayCode && c.responseId !== null;
  const anchor = c.responseId === null ? `n${n}` : `${c.responseId}-${c.question}`;
  const headingId = `c-${anchor}-h`;
  const open = THEME_KEYS.filter((k) => !c.accepted.includes(k));
  return (
    <li id={`c-${anchor}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="visually-hidden">
          {t("ranking.ft.comment", { n })}
        </h3>
        <p className="hint">
          {c.questionTitle}
          {c.submittedOn ? ` · ${t("ranking.ft.answeredOn", { date: c.submittedOn })}` : ""}
          {c.pinned ? ` · ${t("ranking.ft.pinned")}` : ""}
        </p>
        <blockquote className="comment-text">{c.text}</blockquote>
        {c.accepted.length ? (
          <ul className="theme-tags" aria-label={t("ranking.ft.accepted")}>
            {c.accepted.map((k) => (
              <li key={k} className="theme-tag">
                {label(k)}
                {canCode ? (
                  <Form method="post" className="inline-form">
                    <Hidden c={c} back={back} />
                    <input type="hidden" name="theme" value={k} />
                    <input type="hidden" name="decision" value="reject" />
                    <button
                      type="submit"
                      className="link-button"
                      aria-label={t("ranking.ft.remove", { theme: label(k) })}
                    >
                      ×
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t("ranking.ft.noThemes")}</p>
        )}
        {c.suggested.length ? (
          <ul className="theme-tags" aria-label={t("ranking.ft.suggested")}>
            {c.suggested.map((s) => (
              <li key={s.theme} className="theme-tag suggestion">
                {label(s.theme)}{" "}
                <span className="hint">({t("ranking.ft.matched", { words: s.matches.join(", ") })})</span>
                {canCode ? (
                  <>
                    {" "}
                    <Form method="post" className="inline-form">
                      <Hidden c={c} back={back} />
                      <input type="hidden" name="theme" value={s.theme} />
                      <button type="submit" name="decision" value="accept">
                        {t("ranking.ft.accept", { theme: label(s.theme) })}
                      </button>{" "}
                      <button type="submit" name="decision" value="reject">
                        {t("ranking.ft.reject", { theme: label(s.theme) })}
                      </button>
                    </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {c.rejected.length ? (
          <p className="hint">{t("ranking.ft.rejected", { themes: c.rejected.map(label).join(", ") })}</p>
        ) : null}
        {canCode ? (
          <div className="action-row">
            <Form method="post" className="action-row">
              <Hidden c={c} back={back} />
              <input type="hidden" name="decision" value="accept" />
              <label htmlFor={`add-${anchor}`} className="visually-hidden">
                {t("ranking.ft.addThemeLabel", { n })}
              </label>
              <select id={`add-${anchor}`} name="theme" defaultValue="">
                <option value="">{t("ranking.ft.choose")}</option>
                {open.map((k) => (
                  <option key={k} value={k}>
                    {label(k)}
                  </option>
                ))}
              </select>
              <button type="submit">{t("ranking.ft.addTheme")}</button>
            </Form>
            <Form method="post">
              <Hidden c={c} back={back} />
              <button type="submit" name="intent" value={c.pinned ? "unpin" : "pin"}>
                {c.pinned ? t("ranking.ft.unpin") : t("ranking.ft.pin")}
              </button>
            </Form>
          </div>
        ) : null}
      </article>
    </li>
  );
}

/**
 * Search and filters as a GET form, so that a view can be shared. The fields are controlled and reset from the
 * URL's query whenever it changes (a client-side navigation keeps the component mounted).
 */
function FilterForm({ list, search }: { list: FreetextList; search: string }) {
  const t = useT();
  const { query } = list;
  const filterLabel: Record<string, MessageKey> = {
    area: "ranking.ft.area",
    age_band: "ranking.ft.age",
    gender: "ranking.ft.gender",
  };
  const initial = (): Record<string, string> => ({
    q: query.q,
    question: query.question ?? "",
    theme: query.theme ?? "",
    state: query.state,
    ...Object.fromEntries(
      list.filterOptions.map((f) => [
        `where:${f.question}`,
        query.where.find((w) => w.startsWith(`${f.question}:`)) ?? "",
      ]),
    ),
  });
  const [values, setValues] = useState(initial);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValues(initial()), [search]);
  const set = (k: string) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setValues((cur) => ({ ...cur, [k]: v }));
  };
  return (
    <Form method="get" className="filters" aria-label={t("ranking.ft.filters")}>
      <div className="stack">
        <label htmlFor="ft-q">{t("ranking.ft.search")}</label>
        <input id="ft-q" type="search" name="q" value={values.q} onChange={set("q")} maxLength={200} />
      </div>
      <div className="stack">
        <label htmlFor="ft-question">{t("ranking.ft.question")}</label>
        <select id="ft-question" name="question" value={values.question} onChange={set("question")}>
          <option value="">{t("ranking.ft.all")}</option>
          {list.questions.map((q) => (
            <option key={q.name} value={q.name}>
              {q.title}
            </option>
          ))}
        </select>
      </div>
      <div className="stack">
        <label htmlFor="ft-theme">{t("ranking.ft.theme")}</label>
        <select id="ft-theme" name="theme" value={values.theme} onChange={set("theme")}>
          <option value="">{t("ranking.ft.all")}</option>
          {THEME_KEYS.map((k) => (
            <option key={k} value={k}>
              {themeLabel(k, t.locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="stack">
        <label htmlFor="ft-state">{t("ranking.ft.state")}</label>
        <select id="ft-state" name="state" value={values.state} onChange={set("state")}>
          {CODING_STATES.map((st) => (
            <option key={st} value={st}>
              {t(`ranking.ft.state.${st}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {list.filterOptions.map((f) => (
        <div className="stack" key={f.question}>
          <label htmlFor={`ft-${f.question}`}>{t(filterLabel[f.column] ?? "ranking.ft.question")}</label>
          <select
            id={`ft-${f.question}`}
            name="where"
            value={values[`where:${f.question}`]}
            onChange={set(`where:${f.question}`)}
          >
            <option value="">{t("ranking.ft.all")}</option>
            {f.options.map((o) => (
              <option key={o.value} value={`${f.question}:${o.value}`}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="filter-actions">
        <button type="submit">{t("ranking.ft.apply")}</button>
        <Link to="?">{t("ranking.ft.reset")}</Link>
      </div>
    </Form>
  );
}

export default function Freetext() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  if (!data.list) {
    return (
      <section>
        <h1>{t("ranking.ft.title", { survey: "" })}</h1>
        <FieldErrors errors={data.errors} />
        <Link to="?">{t("ranking.ft.reset")}</Link>
      </section>
    );
  }
  const { kommun, canCode, list } = data;
  const { query } = list;
  const pageHref = (p: number) => {
    const sp = new URLSearchParams(location.search);
    sp.set("page", String(p));
    return `?${sp.toString()}`;
  };
  const first = (query.page - 1) * FREETEXT_PAGE_SIZE;
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${list.survey.slug}`}>{list.survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("ranking.ft.title", { survey: `${list.survey.title} (${list.survey.period})` })}</h1>
      <p>{t("ranking.ft.intro")}</p>
      <p>
        <Link to={`/app/${kommun.slug}/enkater/${list.survey.slug}/resultat`}>{t("ranking.ft.toResults")}</Link> ·{" "}
        <Link to={`/app/${kommun.slug}/rangordning?survey=${list.survey.slug}`}>{t("ranking.ft.toRanking")}</Link>
      </p>
      {!canCode ? <p className="hint">{t("ranking.ft.readOnly")}</p> : null}
      <FieldErrors errors={result?.errors} />

      <FilterForm list={list} search={location.search} />

      {list.suppressed ? (
        <p role="status" className="notice">
          {t("ranking.ft.tooFew", { min: list.minBase })}
        </p>
      ) : list.questions.length === 0 ? (
        <p>{t("ranking.ft.noQuestions")}</p>
      ) : (
        <>
          <p role="status">{t("ranking.ft.count", { n: list.total ?? 0, respondents: list.respondents ?? 0 })}</p>
          {list.filtered ? <p className="notice">{t("ranking.ft.filteredNote", { min: list.minBase })}</p> : null}
          <h2>{t("ranking.ft.quotes")}</h2>
          {list.filtered ? (
            <p className="hint">{t("ranking.ft.quotesInFullList")}</p>
          ) : list.quotes.length ? (
            <ul className="quote-list">
              {list.quotes.map((q) => (
                <li key={`${q.responseId}-${q.question}`}>
                  <blockquote>{q.text}</blockquote>
                  <p className="hint">
                    {[q.questionTitle, ...q.themes.map((k) => themeLabel(k, t.locale))].join(" · ")}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t("ranking.ft.noQuotes")}</p>
          )}
          <h2>{t("ranking.ft.listLabel")}</h2>
          {list.comments.length === 0 ? (
            <p>{t("ranking.ft.none")}</p>
          ) : (
            <ol className="comment-list" aria-label={t("ranking.ft.listLabel")}>
              {list.comments.map((c, i) => (
                <CommentItem
                  key={c.responseId === null ? i : `${c.responseId}-${c.question}`}
                  c={c}
                  n={first + i + 1}
                  canCode={canCode}
                  back={location.search}
                />
              ))}
            </ol>
          )}
          {list.pages > 1 ? (
            <nav className="pagination" aria-label={t("ranking.ft.pagination")}>
              {query.page > 1 ? <Link to={pageHref(query.page - 1)}>{t("ranking.ft.prev")}</Link> : null}
              <span>{t("ranking.ft.pages", { page: query.page, pages: list.pages })}</span>
              {query.page < list.pages ? <Link to={pageHref(query.page + 1)}>{t("ranking.ft.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
