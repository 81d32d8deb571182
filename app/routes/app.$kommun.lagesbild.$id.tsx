import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  addPictureComment,
  addProblemsFromRanking,
  decidePicture,
  deleteProblem,
  getSituationPicture,
  parseProblem,
  rankedThemeChoices,
  requirePlans,
  savePictureSection,
  saveProblem,
} from "~/features/plans/index.server";
import { PICTURE_SECTIONS } from "~/features/plans/index";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { FigureList, PictureBody, SourcesTable } from "~/components/plans/PictureBody";
import { Comments } from "~/components/plans/Comments";
import { DocumentHead } from "~/components/plans/DocumentHead";
import plansCss from "~/styles/plans.css";
import { stylesheets, titleFrom, titleOf } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(plansCss);
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: args.data ? titleOf(args.data.picture.title) : titleFrom(args, "title.lagesbild") },
];

/** Everyone of the kommun reads a lägesbild; its problems and comments come with it. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, access } = await requirePlans(request, { slug: params.kommun });
    const pictureId = idParam(params.id, "plans.error.pictureNotFound");
    const picture = await getSituationPicture({ db, kommunId: kommun.id, pictureId });
    const editable = access.write && picture.status === "utkast";
    return {
      kommun,
      canWrite: access.write,
      editable,
      picture,
      themes: editable ? await rankedThemeChoices({ db, kommunId: kommun.id }) : [],
    };
  });

/** The kommun's side edits a draft: sections, problems and their cause analysis, the decision; and comments. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requirePlans(request, { slug: params.kommun, write: true, form });
    const pictureId = idParam(params.id, "plans.error.pictureNotFound");
    const get = (k: string) => String(form.get(k) ?? "");
    const scope = { db, kommunId: kommun.id, pictureId };
    const problemId = () => idParam(get("problemId"), "plans.error.problemNotFound");
    switch (get("intent")) {
      case "saveSection":
        await savePictureSection({ ...scope, section: get("section"), text: get("text") });
        return { done: "saved" };
      case "addProblems":
        await addProblemsFromRanking({ ...scope, themes: form.getAll("themes").map(String) });
        return { done: "problems" };
      case "saveProblem":
        await saveProblem({ ...scope, problemId: problemId(), input: parseProblem(Object.fromEntries(form)) });
        return { done: "saved" };
      case "deleteProblem":
        await deleteProblem({ ...scope, problemId: problemId() });
        return { done: "deleted" };
      case "decide":
        await decidePicture(scope);
        return { done: "decided" };
      case "comment":
        await addPictureComment({ ...scope, accountId: user.id, section: get("section"), body: get("body") });
        return { done: "commented" };
      default:
        throw new Invalid([fieldError("intent", "problem.invalid")]);
    }
  });

export default function SituationPicturePage() {
  const t = useT();
  const { kommun, canWrite, editable, picture: p, themes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <article className="plan-doc">
      <DocumentHead
        kommun={kommun}
        kind="lagesbild"
        other={`/app/${kommun.slug}/atgardsplan`}
        doc={p}
        canWrite={canWrite}
      >
        <p>
          {p.periodLabel} ({p.periodStart}–{p.periodEnd}) · {t(`plans.status.${p.status}` as MessageKey)},{" "}
          {t("plans.version", { version: p.version })}
          {p.decidedAt ? ` · ${t("plans.picture.decidedAt", { date: String(p.decidedAt).slice(0, 10) })}` : ""}
        </p>
      </DocumentHead>
      <FieldErrors errors={result?.errors} />
      {editable ? (
        <>
          {PICTURE_SECTIONS.map((s) => (
            <section key={s} aria-labelledby={`sec-${s}`}>
              <h2 id={`sec-${s}`}>{t(`plans.section.${s}` as MessageKey)}</h2>
              <Form method="post" className="stack">
                <CsrfField />
                <input type="hidden" name="intent" value="saveSection" />
                <input type="hidden" name="section" value={s} />
                <label htmlFor={`text-${s}`}>{t(`plans.section.${s}` as MessageKey)}</label>
                <textarea id={`text-${s}`} name="text" rows={8} defaultValue={p.sections[s]} />
                <button type="submit">{t("plans.save")}</button>
              </Form>
              {s === "sources" ? <SourcesTable sources={p.sources} /> : null}
              {s !== "sources" && s !== "analysis" ? (
                <>
                  <h3>{t("plans.figures")}</h3>
                  <FigureList figures={p.figures.find((f) => f.section === s)?.figures ?? []} />
                </>
              ) : null}
            </section>
          ))}
          <section aria-labelledby="sec-problems">
            <h2 id="sec-problems">{t("plans.problems.title")}</h2>
            <p>{t("plans.problems.intro")}</p>
            {p.problems.length === 0 ? <p>{t("plans.problems.none")}</p> : null}
            {p.problems.map((x) => (
              <Form method="post" key={x.id} className="stack problem-form">
                <CsrfField />
                <input type="hidden" name="problemId" value={x.id} />
                {x.theme ? <p className="muted">{t("plans.problems.theme", { theme: x.theme })}</p> : null}
                <label htmlFor={`rank-${x.id}`}>{t("plans.problems.rank")}</label>
                <input id={`rank-${x.id}`} name="rank" defaultValue={x.rank} inputMode="numeric" />
                {(
                  [
                    ["problem", "plans.problems.problem", x.problem],
                    ["causes", "plans.problems.causes", x.causes],
                    ["affected", "plans.problems.affected", x.affected],
                    ["whereWhen", "plans.problems.whereWhen", x.whereWhen],
                    ["alreadyDone", "plans.problems.alreadyDone", x.alreadyDone],
                  ] as const
                ).map(([name, label, value]) => (
                  <div key={name} className="stack">
                    <label htmlFor={`${name}-${x.id}`}>{t(label)}</label>
                    <textarea id={`${name}-${x.id}`} name={name} rows={3} defaultValue={value} />
                  </div>
                ))}
                <div className="row">
                  <button type="submit" name="intent" value="saveProblem">
                    {t("plans.save")}
                  </button>
                  <button type="submit" name="intent" value="deleteProblem">
                    {t("plans.delete")}
                  </button>
                </div>
              </Form>
            ))}
            <Form method="post" className="stack">
              <h3>{t("plans.problems.fromRanking")}</h3>
              <CsrfField />
              <input type="hidden" name="intent" value="addProblems" />
              {themes.length ? (
                <fieldset>
                  <legend>{t("plans.problems.themes")}</legend>
                  {themes.map((th) => (
                    <label key={th.theme} className="check">
                      <input type="checkbox" name="themes" value={th.theme} /> {th.rank}. {th.labelSv}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <p>{t("plans.problems.noRanking")}</p>
              )}
              <button type="submit">{t("plans.problems.add")}</button>
            </Form>
          </section>
          <Form method="post" className="stack">
            <CsrfField />
            <input type="hidden" name="intent" value="decide" />
            <button type="submit">{t("plans.picture.decide")}</button>
          </Form>
        </>
      ) : (
        <PictureBody sections={p.sections} figures={p.figures} sources={p.sources} problems={p.problems} />
      )}
      <Comments comments={p.comments} canWrite={canWrite} sections={["dokument", ...PICTURE_SECTIONS]} />
    </article>
  );
}
