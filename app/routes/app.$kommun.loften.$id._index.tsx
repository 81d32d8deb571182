import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getEditorView } from "~/features/promises/index.server";
import {
  addFocusArea,
  addPromise,
  deleteFocusArea,
  deletePromise,
  parseDocumentFields,
  parseFocusArea,
  updateDocumentFields,
  updateFocusArea,
  updatePromise,
} from "~/features/promises/index.server";
import { addComment } from "~/features/promises/index.server";
import {
  approve,
  documentsInForceBeside,
  publish,
  ReplaceNeeded,
  returnToDraft,
  revise,
  submitForReview,
  withdrawApproval,
  type DocumentInForce,
} from "~/features/promises/index.server";
import { parsePromiseForm, splitList } from "~/features/promises/index";
import { SECTION_KEYS } from "~/features/promises/index";
import { requireKommun } from "~/features/accounts/index.server";
import { allows } from "~/features/accounts/index";
import { documentActions, signingSide } from "~/features/promises/index";
import { Forbidden, Invalid } from "~/platform/errors.server";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import { translateFor } from "~/i18n/i18n";
import type { MessageKey } from "~/i18n/i18n";
import { idField, parseId, zodErrors } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { Comments } from "~/components/promise/Comments";
import { PromiseFields } from "~/components/promise/PromiseFields";
import promisesCss from "~/styles/promises.css";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: promisesCss }];

export const meta: MetaFunction = () => [{ title: "Medborgarlöften: redigera – Trygghetsdialog" }];

const idOf = (request: Request, raw: string | undefined) =>
  idParam(raw, translateFor(request, "problem.documentNotFound"));

// Who may do what is the workflow's rule (features/promises/domain/workflow.ts, docs/roles.md): viewers read;
// analysts read and comment; editors (both sides) and admins edit and move the status; only editors approve, each
// for their own side.
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, permissions } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const view = await getEditorView({ db, kommunId: kommun.id, documentId: idOf(request, params.id) });
    const actions = documentActions(permissions, {
      status: view.doc.status,
      approvedSides: view.approvals.map((a) => a.side),
      superseded: !!view.supersededBy,
    });
    // What publishing would replace is said on the publish form itself, before anyone presses it.
    const replaces = actions.publish
      ? await documentsInForceBeside({ db, kommunId: kommun.id, documentId: view.doc.id })
      : [];
    return { kommun, ...view, actions, replaces };
  });

const id = idField;
const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("saveDocument") }),
  z.object({ intent: z.literal("addFocusArea") }),
  z.object({ intent: z.literal("saveFocusArea"), focusAreaId: id }),
  z.object({ intent: z.literal("deleteFocusArea"), focusAreaId: id }),
  z.object({ intent: z.literal("addPromise"), focusAreaId: id }),
  z.object({ intent: z.literal("savePromise"), promiseId: id }),
  z.object({ intent: z.literal("deletePromise"), promiseId: id }),
  z.object({ intent: z.literal("comment") }),
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("toDraft") }),
  z.object({ intent: z.literal("approve"), side: z.enum(["polis", "kommun"]).optional() }),
  z.object({ intent: z.literal("withdrawApproval"), side: z.enum(["polis", "kommun"]).optional() }),
  z.object({ intent: z.literal("publish"), confirm: z.literal("yes").optional(), replace: id.optional() }),
  z.object({ intent: z.literal("revise") }),
]);

const text = (form: FormData, name: string) => (form.get(name) ?? "").toString();

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db, permissions } = await requireKommun(request, {
      slug: params.kommun,
      role: "viewer",
      form,
    });
    const documentId = idOf(request, params.id);
    const parsed = intents.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Invalid(zodErrors(parsed.error));
    const input = parsed.data;
    const base = parseId(form.get("baseRevision"));
    const scope = { db, kommunId: kommun.id, documentId, accountId: user.id };
    const edit = { ...scope, baseRevision: base ?? undefined };
    if (input.intent === "comment") {
      if (!allows(permissions, "promise:comment")) throw new Forbidden();
      await addComment({
        ...scope,
        input: {
          body: text(form, "body"),
          section: form.get("section") ?? undefined,
          promiseId: form.get("promiseId") ?? undefined,
        },
      });
      return { done: "comment" };
    }
    if (input.intent === "approve" || input.intent === "withdrawApproval") {
      const side = signingSide(permissions, input.side);
      if (!side) throw new Forbidden(translateFor(request, "problem.approveOwnSide"));
      if (input.intent === "approve") await approve({ ...scope, side });
      else await withdrawApproval({ ...scope, side });
      return { done: input.intent };
    }
    // The status checks themselves are the model's (under the document's lock): a stale page gets its 409 there.
    if (!allows(permissions, "promise:edit")) throw new Forbidden();
    const promiseInput = (prefix: string) => {
      const r = parsePromiseForm((k) => form.get(k)?.toString(), prefix);
      if (!r.ok) throw new Invalid(r.errors);
      return r.value;
    };
    const focusAreaInput = () =>
      parseFocusArea({
        title: text(form, "title"),
        themes: splitList(text(form, "themes")),
        background: text(form, "background"),
      });
    switch (input.intent) {
      case "saveDocument":
        await updateDocumentFields({
          ...edit,
          input: parseDocumentFields({
            title: text(form, "title"),
            lead: text(form, "lead"),
            periodLabel: text(form, "periodLabel"),
            periodStart: text(form, "periodStart"),
            periodEnd: text(form, "periodEnd"),
            followUpDue: text(form, "followUpDue"),
            sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, text(form, `sections.${k}`)])),
          }),
        });
        return { done: "saved" };
      case "addFocusArea":
        await addFocusArea({ ...edit, input: focusAreaInput() });
        return { done: "saved" };
      case "saveFocusArea":
        await updateFocusArea({ ...edit, focusAreaId: input.focusAreaId, input: focusAreaInput() });
        return { done: "saved" };
      case "deleteFocusArea":
        await deleteFocusArea({ ...edit, focusAreaId: input.focusAreaId });
        return { done: "saved" };
      case "addPromise":
        await addPromise({ ...edit, focusAreaId: input.focusAreaId, input: promiseInput(`new${input.focusAreaId}-`) });
        return { done: "saved" };
      case "savePromise":
        await updatePromise({ ...edit, promiseId: input.promiseId, input: promiseInput(`p${input.promiseId}-`) });
        return { done: "saved" };
      case "deletePromise":
        await deletePromise({ ...edit, promiseId: input.promiseId });
        return { done: "saved" };
      case "submit":
        await submitForReview(scope);
        return { done: "status" };
      case "toDraft":
        await returnToDraft(scope);
        return { done: "status" };
      case "publish":
        // Irreversible: the editor ticks that they know it cannot be undone (works without JavaScript).
        if (input.confirm !== "yes")
          throw new Invalid([{ field: "publish-confirm", message: translateFor(request, "problem.publishConfirm") }]);
        try {
          await publish({ ...scope, replace: input.replace ?? null });
        } catch (err) {
          // The page was loaded before another document came into force: show the form again, now saying so.
          if (err instanceof ReplaceNeeded)
            return data({ errors: [{ field: "publish-confirm", message: err.message }] }, { status: 409 });
          throw err;
        }
        return { done: "status" };
      case "revise":
        return redirect(`/app/${kommun.slug}/loften/${await revise(scope)}`);
    }
    throw new Forbidden();
  });

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PromiseEditor() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { kommun, doc, links, comments, actions } = data;
  const canComment = actions.comment;
  const result = useActionData<typeof action>();
  const editable = actions.editContent;
  const sections = (doc.sections ?? {}) as Record<string, string>;
  const base = `/app/${kommun.slug}/loften/${doc.id}`;
  const commentsOn = (pred: (c: Data["comments"][number]) => boolean) => comments.filter(pred);
  return (
    <article className="promise-editor">
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/loften`}>{t("loften.list.title")}</Link>
      </p>
      <h1>{doc.title}</h1>
      <p>
        {t("promises.period", { period: doc.period_label })} · {t("promises.version", { version: doc.version })} ·{" "}
        {t("loften.editor.statusIs", { status: t(`loften.status.${doc.status}` as MessageKey) })}
      </p>
      <p className="measurable-count">
        <strong>{t("promises.measurable", { measurable: doc.measurableCount, total: doc.promiseCount })}</strong>
      </p>
      <nav aria-label={t("loften.editor.related")}>
        <ul className="inline-links">
          <li>
            <Link to={`${base}/historik`}>{t("loften.editor.history")}</Link>
          </li>
          <li>
            <Link to={`${base}/uppfoljning`}>{t("loften.editor.followUp")}</Link>
          </li>
          <li>
            <Link to={`${base}/indikatorer`}>{t("loften.editor.indicators")}</Link>
          </li>
          {doc.status === "publicerat" ? (
            <li>
              <Link to={`/lofte/${kommun.slug}/${doc.id}`}>{t("loften.editor.publicPage")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {result?.done ? (
        <p role="status" className="ok">
          {t(`loften.done.${result.done}` as MessageKey)}
        </p>
      ) : null}
      <FieldErrors errors={result?.errors} />
      <StatusPanel data={data} />
      {doc.status === "publicerat" ? <p className="notice">{t("loften.editor.immutable")}</p> : null}
      {/* Who does what next, so that an analyst who started the draft is not left at an empty document. */}
      {!editable && doc.status === "utkast" ? <p className="notice">{t("loften.next.analyst")}</p> : null}
      {editable && doc.status === "utkast" && doc.promiseCount === 0 ? (
        <p className="notice">{t("loften.next.editorNoPromises")}</p>
      ) : null}

      <section aria-labelledby="doc-text">
        <h2 id="doc-text">{t("loften.editor.documentText")}</h2>
        {editable ? (
          <Form method="post" className="stack" preventScrollReset>
            <CsrfField />
            <input type="hidden" name="intent" value="saveDocument" />
            <input type="hidden" name="baseRevision" value={data.revisionId} />
            <label htmlFor="title">{t("loften.field.title")}</label>
            <input id="title" name="title" defaultValue={doc.title} required />
            <label htmlFor="lead">{t("loften.field.lead")}</label>
            <textarea id="lead" name="lead" rows={2} defaultValue={doc.lead} />
            <div className="two-col">
              <div className="stack">
                <label htmlFor="periodLabel">{t("loften.field.periodLabel")}</label>
                <input id="periodLabel" name="periodLabel" defaultValue={doc.period_label} required />
              </div>
              <div className="stack">
                <label htmlFor="periodStart">{t("loften.field.periodStart")}</label>
                <input id="periodStart" name="periodStart" type="date" defaultValue={doc.period_start} required />
              </div>
              <div className="stack">
                <label htmlFor="periodEnd">{t("loften.field.periodEnd")}</label>
                <input id="periodEnd" name="periodEnd" type="date" defaultValue={doc.period_end} required />
              </div>
            </div>
            {SECTION_KEYS.map((k) => (
              <div key={k} className="stack">
                <label htmlFor={`sections.${k}`}>{t(`promises.section.${k}` as MessageKey)}</label>
                <textarea
                  id={`sections.${k}`}
                  name={`sections.${k}`}
                  rows={k === "problembild" ? 6 : 3}
                  defaultValue={sections[k] ?? ""}
                />
                {k === "uppfoljning" ? (
                  <>
                    <label htmlFor="followUpDue">{t("loften.field.followUpDue")}</label>
                    <input id="followUpDue" name="followUpDue" type="date" defaultValue={doc.follow_up_due ?? ""} />
                  </>
                ) : null}
              </div>
            ))}
            <button type="submit">{t("loften.editor.saveDocument")}</button>
          </Form>
        ) : (
          SECTION_KEYS.filter((k) => sections[k]).map((k) => (
            <section key={k}>
              <h3>{t(`promises.section.${k}` as MessageKey)}</h3>
              <p className="prewrap">{sections[k]}</p>
            </section>
          ))
        )}
        <h3>{t("loften.comments.title")}</h3>
        {(["dokument", ...SECTION_KEYS] as const).map((k) => {
          const label =
            k === "dokument" ? t("loften.comments.wholeDocument") : t(`promises.section.${k}` as MessageKey);
          const cs = commentsOn((c) => c.section === k);
          if (!cs.length && !canComment) return null;
          return (
            <div key={k} className="comment-block">
              <h4>{label}</h4>
              <Comments
                comments={cs}
                canComment={canComment}
                target={{ section: k }}
                label={label}
                idPrefix={`s-${k}`}
              />
            </div>
          );
        })}
      </section>

      <section aria-labelledby="focus-areas">
        <h2 id="focus-areas">{t("promises.focusAreas")}</h2>
        {doc.focusAreas.length === 0 ? <p>{t("loften.editor.noFocusAreas")}</p> : null}
        {doc.focusAreas.map((f) => (
          <section key={f.id} className="focus-area card" aria-labelledby={`fa-${f.id}`}>
            <h3 id={`fa-${f.id}`}>{f.title}</h3>
            {editable ? (
              <Form method="post" className="stack" preventScrollReset>
                <CsrfField />
                <input type="hidden" name="intent" value="saveFocusArea" />
                <input type="hidden" name="baseRevision" value={data.revisionId} />
                <input type="hidden" name="focusAreaId" value={f.id} />
                <label htmlFor={`fa${f.id}-title`}>{t("loften.focus.title")}</label>
                <input id={`fa${f.id}-title`} name="title" defaultValue={f.title} required />
                <label htmlFor={`fa${f.id}-themes`}>{t("loften.focus.themes")}</label>
                <input id={`fa${f.id}-themes`} name="themes" defaultValue={f.themes.join(", ")} />
                <label htmlFor={`fa${f.id}-background`}>{t("loften.focus.background")}</label>
                <textarea id={`fa${f.id}-background`} name="background" rows={5} defaultValue={f.background} />
                <button type="submit" className="secondary">
                  {t("loften.focus.save", { title: f.title })}
                </button>
              </Form>
            ) : f.background ? (
              <p className="prewrap">{f.background}</p>
            ) : null}
            {links[f.id]?.length ? (
              <div className="figure-links">
                <h4>{t("loften.focus.figures")}</h4>
                <ul>
                  {links[f.id]!.map((l) => (
                    <li key={l.id}>
                      <a href={l.href}>{l.label}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <h4>{t("loften.focus.promises", { title: f.title })}</h4>
            {f.promises.length === 0 ? (
              <p>
                {t(
                  editable || doc.status === "publicerat" ? "loften.focus.noPromises" : "loften.focus.noPromisesReader",
                )}
              </p>
            ) : null}
            <ol className="promise-list">
              {f.promises.map((p) => (
                <li key={p.id} id={`promise-${p.id}`}>
                  <p className="promise-text">
                    <span className="hint">
                      {t(
                        `loften.responsible.${typeof p.responsible === "object" ? "partner" : p.responsible}` as MessageKey,
                      )}
                      {typeof p.responsible === "object" ? `: ${p.responsible.partner}` : ""}
                    </span>{" "}
                    {p.text}
                  </p>
                  {p.measurable ? (
                    <p className="ok">{t("loften.promise.measurable")}</p>
                  ) : (
                    <p className="not-measurable">
                      {t("loften.promise.notMeasurable")} {p.suggestion}
                    </p>
                  )}
                  {editable ? (
                    <details>
                      <summary>{t("loften.promise.edit", { n: p.position })}</summary>
                      <Form method="post" preventScrollReset>
                        <CsrfField />
                        <input type="hidden" name="intent" value="savePromise" />
                        <input type="hidden" name="baseRevision" value={data.revisionId} />
                        <input type="hidden" name="promiseId" value={p.id} />
                        <PromiseFields prefix={`p${p.id}-`} value={p} />
                        <button type="submit">{t("loften.promise.save")}</button>
                      </Form>
                      <Form method="post" preventScrollReset>
                        <CsrfField />
                        <input type="hidden" name="intent" value="deletePromise" />
                        <input type="hidden" name="baseRevision" value={data.revisionId} />
                        <input type="hidden" name="promiseId" value={p.id} />
                        <button type="submit" className="secondary">
                          {t("loften.promise.delete")}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                  <Comments
                    comments={commentsOn((c) => c.promiseId === p.id)}
                    canComment={canComment}
                    target={{ promiseId: p.id }}
                    label={t("loften.promise.label", { n: p.position, title: f.title })}
                    idPrefix={`p${p.id}`}
                  />
                </li>
              ))}
            </ol>
            {editable ? (
              <>
                <details>
                  <summary>{t("loften.promise.add", { title: f.title })}</summary>
                  <Form method="post" preventScrollReset>
                    <CsrfField />
                    <input type="hidden" name="intent" value="addPromise" />
                    <input type="hidden" name="focusAreaId" value={f.id} />
                    <PromiseFields prefix={`new${f.id}-`} value={null} />
                    <button type="submit">{t("loften.promise.addSubmit")}</button>
                  </Form>
                </details>
                <Form method="post" preventScrollReset>
                  <CsrfField />
                  <input type="hidden" name="intent" value="deleteFocusArea" />
                  <input type="hidden" name="baseRevision" value={data.revisionId} />
                  <input type="hidden" name="focusAreaId" value={f.id} />
                  <button type="submit" className="secondary">
                    {t("loften.focus.delete", { title: f.title })}
                  </button>
                </Form>
              </>
            ) : null}
          </section>
        ))}
        {editable ? (
          <details>
            <summary>{t("loften.focus.add")}</summary>
            <Form method="post" className="stack narrow" preventScrollReset>
              <CsrfField />
              <input type="hidden" name="intent" value="addFocusArea" />
              <label htmlFor="newfa-title">{t("loften.focus.title")}</label>
              <input id="newfa-title" name="title" required />
              <label htmlFor="newfa-themes">{t("loften.focus.themes")}</label>
              <input id="newfa-themes" name="themes" />
              <label htmlFor="newfa-background">{t("loften.focus.background")}</label>
              <textarea id="newfa-background" name="background" rows={4} />
              <button type="submit">{t("loften.focus.addSubmit")}</button>
            </Form>
          </details>
        ) : null}
      </section>
    </article>
  );
}

function StatusPanel({ data }: { data: Data }) {
  const t = useT();
  const { doc, approvals, actions, supersedes, supersededBy, kommun } = data;
  const button = (intent: string, label: string, extra?: Record<string, string>) => (
    <Form method="post" className="inline-form" preventScrollReset key={intent + JSON.stringify(extra ?? {})}>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{label}</button>
    </Form>
  );
  return (
    <section aria-labelledby="status-title" className="status-panel card">
      <h2 id="status-title">{t("loften.status.title")}</h2>
      <ol className="status-steps">
        {(["utkast", "granskning", "faststallt", "publicerat"] as const).map((s) => (
          <li key={s} aria-current={doc.status === s ? "step" : undefined}>
            {t(`loften.status.${s}` as MessageKey)}
          </li>
        ))}
      </ol>
      {supersedes ? (
        <p>
          <Link to={`/app/${kommun.slug}/loften/${supersedes.id}`}>
            {t("loften.status.supersedes", { version: supersedes.version })}
          </Link>
        </p>
      ) : null}
      {supersededBy ? (
        <p>
          <Link to={`/app/${kommun.slug}/loften/${supersededBy.id}`}>
            {t("loften.status.supersededBy", {
              version: supersededBy.version,
              status: t(`loften.status.${supersededBy.status}` as MessageKey),
            })}
          </Link>
        </p>
      ) : null}
      <h3>{t("loften.status.approvals")}</h3>
      <ul>
        {(["polis", "kommun"] as const).map((side) => {
          const a = approvals.find((x) => x.side === side);
          return (
            <li key={side}>
              {a
                ? t("loften.status.approvedBy", {
                    side: t(`loften.side.${side}` as MessageKey),
                    by: a.by ?? "",
                    at: a.createdAt.slice(0, 10),
                  })
                : t("loften.status.notApproved", { side: t(`loften.side.${side}` as MessageKey) })}
            </li>
          );
        })}
      </ul>
      <p className="hint">{t("loften.status.rule")}</p>
      <div className="status-actions">
        {actions.submit ? button("submit", t("loften.status.submit")) : null}
        {actions.approve.map((s) =>
          button("approve", t("loften.status.approve", { side: t(`loften.side.${s}` as MessageKey) }), { side: s }),
        )}
        {actions.withdraw.map((s) =>
          button("withdrawApproval", t("loften.status.withdraw", { side: t(`loften.side.${s}` as MessageKey) }), {
            side: s,
          }),
        )}
        {actions.toDraft ? button("toDraft", t("loften.status.toDraft")) : null}
        {actions.revise ? button("revise", t("loften.status.revise")) : null}
      </div>
      {actions.editsWithoutSide && doc.status === "granskning" ? (
        <p className="hint">{t("loften.status.adminCannotApprove")}</p>
      ) : null}
      {actions.publish ? <PublishForm replaces={data.replaces} /> : null}
    </section>
  );
}

/** Publishing cannot be undone: the form says what it does (and what it replaces) and asks for an explicit tick. */
function PublishForm({ replaces }: { replaces: DocumentInForce[] }) {
  const t = useT();
  const old = replaces.length === 1 ? replaces[0] : undefined;
  return (
    <Form method="post" className="stack publish-form" preventScrollReset>
      <CsrfField />
      <input type="hidden" name="intent" value="publish" />
      <h3>{t("loften.publish.title")}</h3>
      <p>{t("loften.publish.explain")}</p>
      {old ? (
        <>
          <p className="notice">
            {t("loften.publish.replaces", {
              title: old.title,
              period: old.periodLabel,
              version: old.version,
              start: old.periodStart,
              end: old.periodEnd,
            })}
          </p>
          <input type="hidden" name="replace" value={old.id} />
        </>
      ) : null}
      {replaces.length > 1 ? (
        <p className="error">
          {t("loften.publish.tooMany", { periods: replaces.map((r) => r.periodLabel).join(", ") })}
        </p>
      ) : null}
      <div className="check">
        <input type="checkbox" id="publish-confirm" name="confirm" value="yes" required />
        <label htmlFor="publish-confirm">
          {old ? t("loften.publish.confirmReplace", { title: old.title }) : t("loften.publish.confirm")}
        </label>
      </div>
      <button type="submit">{old ? t("loften.publish.submitReplace") : t("loften.status.publish")}</button>
    </Form>
  );
}
