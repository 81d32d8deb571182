import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
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
} from "~/features/promises/index.server";
import { parsePromiseForm, splitList } from "~/features/promises/index";
import { SECTION_KEYS } from "~/features/promises/index";
import { requireKommun } from "~/features/accounts/index.server";
import { allows } from "~/features/accounts/index";
import { documentActions, signingSide } from "~/features/promises/index";
import { Forbidden, Invalid, fieldError } from "~/platform/errors.server";
import { translateFor } from "~/i18n/i18n";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { idField, parseId } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { measuresOfPromises } from "~/features/plans/index.server";
import { zoneChoices } from "~/features/places/index.server";
import { FieldErrors } from "~/components/FieldErrors";
import { DocumentTextEditor } from "~/components/promise/DocumentTextEditor";
import { AddFocusAreaForm, FocusAreaEditor } from "~/components/promise/FocusAreaEditor";
import { StatusPanel } from "~/components/promise/StatusPanel";
import promisesCss from "~/styles/promises.css";
import { pageTitle, stylesheets } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(promisesCss);

export const meta = pageTitle("title.promiseEdit");

const idOf = (request: Request, raw: string | undefined) => idParam(raw, "problem.documentNotFound");

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
    // The measures of the kommun's åtgärdsplaner its promises carry out (the plan's links, both ways).
    const planMeasures = await measuresOfPromises({
      db,
      kommunId: kommun.id,
      promiseIds: view.doc.focusAreas.flatMap((f) => f.promises.map((p) => p.id)),
    });
    // The zones a promise may be linked to: only needed where promises can be edited.
    const zones = actions.editContent ? await zoneChoices({ db, kommunId: kommun.id }) : [];
    return { kommun, ...view, actions, replaces, planMeasures, zones };
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
    const parsed = parseInput(intents, Object.fromEntries(form));
    const input = parsed;
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
      if (!side) throw new Forbidden("problem.approveOwnSide");
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
        await addPromise({
          ...edit,
          focusAreaId: input.focusAreaId,
          input: promiseInput(`new${input.focusAreaId}-`),
          zoneField: `new${input.focusAreaId}-zoneId`,
        });
        return { done: "saved" };
      case "savePromise":
        await updatePromise({
          ...edit,
          promiseId: input.promiseId,
          input: promiseInput(`p${input.promiseId}-`),
          zoneField: `p${input.promiseId}-zoneId`,
        });
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
        if (input.confirm !== "yes") throw new Invalid([fieldError("publish-confirm", "problem.publishConfirm")]);
        try {
          await publish({ ...scope, replace: input.replace ?? null });
        } catch (err) {
          // The page was loaded before another document came into force: show the form again, now saying so.
          if (err instanceof ReplaceNeeded)
            return data(
              {
                errors: [{ field: "publish-confirm", message: translateFor(request, err.messageKey, err.params) }],
              },
              { status: 409 },
            );
          throw err;
        }
        return { done: "status" };
      case "revise":
        return redirect(`/app/${kommun.slug}/loften/${await revise(scope)}`);
    }
    throw new Forbidden();
  });
export default function PromiseEditor() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { kommun, doc, links, comments, actions } = data;
  const canComment = actions.comment;
  const result = useActionData<typeof action>();
  const editable = actions.editContent;
  const base = `/app/${kommun.slug}/loften/${doc.id}`;
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

      <DocumentTextEditor
        doc={doc}
        revisionId={data.revisionId}
        editable={editable}
        canComment={canComment}
        comments={comments}
      />

      <section aria-labelledby="focus-areas">
        <h2 id="focus-areas">{t("promises.focusAreas")}</h2>
        {doc.focusAreas.length === 0 ? <p>{t("loften.editor.noFocusAreas")}</p> : null}
        {doc.focusAreas.map((f) => (
          <FocusAreaEditor
            key={f.id}
            area={f}
            links={links[f.id]}
            status={doc.status}
            revisionId={data.revisionId}
            editable={editable}
            canComment={canComment}
            comments={comments}
            zones={data.zones}
          />
        ))}
        {editable ? <AddFocusAreaForm /> : null}
      </section>
      {data.planMeasures.length ? (
        <section aria-labelledby="plan-measures">
          <h2 id="plan-measures">{t("plans.promiseMeasures")}</h2>
          <ul>
            {data.planMeasures.map((m) => (
              <li key={`${m.promiseId}-${m.measureId}`}>
                {doc.focusAreas.flatMap((f) => f.promises).find((p) => p.id === m.promiseId)?.text ?? ""} →{" "}
                <Link to={`/app/${kommun.slug}/atgardsplan/${m.planId}#m-${m.measureId}`}>
                  {m.planTitle}: {m.title}
                </Link>{" "}
                ({t(`plans.measureStatus.${m.status}` as MessageKey)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
