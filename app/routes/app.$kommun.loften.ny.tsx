import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { choosableThemes, draftFocusAreas, draftProblemPicture } from "~/features/promises/index";
import {
  createDraftDocument,
  parseNewDocument,
  suggestedPeriod,
  themeRankingFor,
} from "~/features/promises/index.server";
import { todayInSweden } from "~/features/promises/index";
import { requireKommun, requirePermission } from "~/features/accounts/index.server";
import { page, readForm, pageInput } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.newPromises");

// Analysts (who hand the evidence over from the ranking) and editors of either side (admin included) start a
// document from the chosen themes; from then on editors write it.
async function requireDrafter(request: Request, slug: string | undefined, form: FormData | null = null) {
  const ctx = await requireKommun(request, { slug, role: "viewer", form });
  await requirePermission(ctx.user, ctx.kommun.id, "promise:draft");
  return ctx;
}

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireDrafter(request, params.kommun);
    const url = new URL(request.url);
    const chosen = (url.searchParams.get("themes") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const survey = url.searchParams.get("survey") ?? "";
    const ranking = await themeRankingFor({ db, kommunId: kommun.id, surveySlug: survey || undefined });
    const period = await suggestedPeriod({ db, kommunId: kommun.id, today: todayInSweden() });
    return {
      kommun,
      survey,
      chosen,
      period,
      rankingAvailable: ranking !== null,
      themes: choosableThemes(ranking),
      drafts: draftFocusAreas(ranking, chosen),
    };
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireDrafter(request, params.kommun, form);
    const input = parseNewDocument({
      title: form.get("title") ?? "",
      periodLabel: form.get("periodLabel") ?? "",
      periodStart: form.get("periodStart") ?? "",
      periodEnd: form.get("periodEnd") ?? "",
      themes: form.getAll("themes").map(String),
      survey: form.get("survey") ?? "",
    });
    const ranking = await themeRankingFor({ db, kommunId: kommun.id, surveySlug: input.survey || undefined });
    const id = await createDraftDocument({
      db,
      kommunId: kommun.id,
      accountId: user.id,
      input,
      focusAreas: draftFocusAreas(ranking, input.themes),
      problemPicture: draftProblemPicture(ranking, input.themes),
    });
    return redirect(`/app/${kommun.slug}/loften/${id}`);
  });

export default function NewPromiseDocument() {
  const t = useT();
  const { kommun, survey, chosen, period, rankingAvailable, themes, drafts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/loften`}>{t("loften.list.title")}</Link>
      </p>
      <h1>{t("loften.new.title")}</h1>
      <p>{t("loften.new.intro")}</p>
      {!rankingAvailable ? <p className="notice">{t("loften.new.noRanking")}</p> : null}
      <FieldErrors errors={result?.errors} />
      <Form method="post" className="stack narrow">
        <CsrfField />
        <input type="hidden" name="survey" value={survey} />
        <label htmlFor="title">{t("loften.field.title")}</label>
        <input id="title" name="title" placeholder={t("loften.new.titlePlaceholder", { kommun: kommun.name })} />
        <label htmlFor="periodLabel">{t("loften.field.periodLabel")}</label>
        <input id="periodLabel" name="periodLabel" required defaultValue={period.label} />
        <label htmlFor="periodStart">{t("loften.field.periodStart")}</label>
        <input
          id="periodStart"
          name="periodStart"
          type="date"
          required
          defaultValue={period.start}
          aria-describedby="period-hint"
        />
        <label htmlFor="periodEnd">{t("loften.field.periodEnd")}</label>
        <input id="periodEnd" name="periodEnd" type="date" required defaultValue={period.end} />
        <p id="period-hint" className="hint">
          {t(period.startsLater ? "loften.new.periodLater" : "loften.new.periodNow", { start: period.start })}{" "}
          {t("loften.new.periodRule")}
        </p>
        <fieldset>
          <legend>{t("loften.new.themes")}</legend>
          {themes.map((th) => (
            <div key={th.key}>
              <input
                type="checkbox"
                id={`theme-${th.key}`}
                name="themes"
                value={th.key}
                defaultChecked={chosen.includes(th.key)}
              />{" "}
              <label htmlFor={`theme-${th.key}`}>
                {th.labelSv}
                {th.rank !== null ? ` (${t("loften.new.rank", { rank: th.rank })})` : ""}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t("loften.new.create")}</button>
      </Form>
      {drafts.length ? (
        <>
          <h2>{t("loften.new.preview")}</h2>
          {drafts.map((d) => (
            <section key={d.themes[0]} className="card">
              <h3>{d.title}</h3>
              {d.background ? <p>{d.background}</p> : <p className="hint">{t("loften.new.noFigures")}</p>}
              {d.links.length ? (
                <ul>
                  {d.links.map((l) => (
                    <li key={l.href + l.label}>
                      <a href={l.href}>{l.label}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
