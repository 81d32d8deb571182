import { ActionButton } from "~/components/PostForm";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  addFollowUpEntry,
  deleteFollowUpEntry,
  getFollowUp,
  updateFollowUpEntry,
  type DocumentFollowUp,
  type FollowUpEntryView,
} from "~/features/promises/index.server";
import { can, requireKommun, requirePermission } from "~/features/accounts/index.server";
import { mayChangeFollowUpEntry, mayLogFollowUp } from "~/features/promises/index";
import { Forbidden } from "~/platform/errors.server";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import { idField, parseId } from "~/platform/validation";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { ProgressBar, StatusLabel, progressText } from "~/components/followup/Progress";
import fuCss from "~/styles/followup.css";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle, stylesheets } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(fuCss);
export const meta = pageTitle("title.followUp");

// Everyone of the kommun reads the follow-up; editors (either side) and admins log it.
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db, permissions } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const followUp = await getFollowUp({
      db,
      kommunId: kommun.id,
      documentId: idParam(params.id, "problem.documentNotFound"),
      accountId: user.id,
    });
    const canLog = mayLogFollowUp(permissions, followUp.document.status);
    const editId = parseId(new URL(request.url).searchParams.get("andra"));
    const editing = canLog
      ? (followUp.focusAreas
          .flatMap((f) => f.promises.flatMap((p) => p.entries))
          .find((e) => e.id === editId && mayChangeFollowUpEntry(permissions, e)) ?? null)
      : null;
    return { kommun, followUp, canLog, permissions, editing };
  });

/** An entry's own fields, the same whether it is added or changed. */
const entryFields = {
  doneOn: z.string(),
  quantity: z.string(),
  place: z.string().default(""),
  note: z.string().default(""),
  public: z.literal("on").optional(),
  publicNote: z.string().default(""),
};

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), promiseId: idField, ...entryFields }),
  z.object({ intent: z.literal("update"), entryId: idField, ...entryFields }),
  z.object({ intent: z.literal("delete"), entryId: idField }),
]);

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer", form });
    await requirePermission(user, kommun.id, "followup:log", "problem.editorsLogFollowUp");
    const parsed = parseInput(schema, Object.fromEntries(form));
    const input = parsed;
    const scope = {
      db,
      kommunId: kommun.id,
      documentId: idParam(params.id, "problem.documentNotFound"),
      accountId: user.id,
    };
    const isAdmin = await can(user, kommun.id, "followup:manage");
    const here = `/app/${kommun.slug}/loften/${params.id}/uppfoljning`;
    switch (input.intent) {
      case "add":
        await addFollowUpEntry({ ...scope, promiseId: input.promiseId, input });
        return redirect(`${here}?klart=sparad#promise-${input.promiseId}`);
      case "update":
        await updateFollowUpEntry({ ...scope, entryId: input.entryId, isAdmin, input });
        return redirect(`${here}?klart=sparad`);
      case "delete":
        await deleteFollowUpEntry({ ...scope, entryId: input.entryId, isAdmin });
        return redirect(`${here}?klart=borttagen`);
    }
    throw new Forbidden();
  });

function EntryFields({
  followUp,
  entry,
  errors,
}: {
  followUp: DocumentFollowUp;
  entry: FollowUpEntryView | null;
  errors?: { field: string; message: string }[];
}) {
  const t = useT();
  const { document: d, asOf } = followUp;
  const max = asOf < d.periodEnd ? asOf : d.periodEnd;
  /** A control's id and name (the same), invalid when the action's errors name it, described by its hint if any. */
  const field = (name: string, hint = false) => ({
    id: name,
    name,
    "aria-invalid": errors?.some((e) => e.field === name) || undefined,
    "aria-describedby": hint ? `${name}-hint` : undefined,
  });
  const hint = (name: string, key: MessageKey) => (
    <p id={`${name}-hint`} className="hint">
      {t(key)}
    </p>
  );
  return (
    <>
      {entry ? null : (
        <>
          <label htmlFor="promiseId">{t("followup.field.promise")}</label>
          <select {...field("promiseId")} required>
            {followUp.focusAreas.map((f) => (
              <optgroup key={f.id} label={f.title}>
                {f.promises.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.text.length > 110 ? `${p.text.slice(0, 107)}…` : p.text}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </>
      )}
      <label htmlFor="doneOn">{t("followup.field.doneOn")}</label>
      <input
        {...field("doneOn", true)}
        type="date"
        required
        min={d.periodStart}
        max={max}
        defaultValue={entry?.doneOn ?? max}
      />
      {hint("doneOn", "followup.field.doneOnHint")}
      <label htmlFor="quantity">{t("followup.field.quantity")}</label>
      <input
        {...field("quantity", true)}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        required
        defaultValue={entry?.quantity ?? 1}
      />
      {hint("quantity", "followup.field.quantityHint")}
      <label htmlFor="place">{t("followup.field.place")}</label>
      <input {...field("place")} maxLength={300} defaultValue={entry?.place ?? ""} />
      <label htmlFor="note">{t("followup.field.note")}</label>
      <textarea {...field("note")} rows={3} maxLength={4000} defaultValue={entry?.note ?? ""} />
      <fieldset className="stack">
        <legend>{t("followup.field.publicLegend")}</legend>
        <label className="check">
          <input type="checkbox" name="public" defaultChecked={entry?.public ?? false} /> {t("followup.field.public")}
        </label>
        <label htmlFor="publicNote">{t("followup.field.publicNote")}</label>
        <textarea {...field("publicNote", true)} rows={2} maxLength={600} defaultValue={entry?.publicNote ?? ""} />
        {hint("publicNote", "followup.field.publicNoteHint")}
      </fieldset>
    </>
  );
}

export default function FollowUpPage() {
  const t = useT();
  const { kommun, followUp, canLog, permissions, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const done = search.get("klart");
  const d = followUp.document;
  const base = `/app/${kommun.slug}/loften/${d.id}`;
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link> ·{" "}
        <Link to={`/app/${kommun.slug}/uppfoljning`}>{t("followup.links.dashboard")}</Link>
      </p>
      <h1>{t("followup.title", { title: d.title })}</h1>
      <p>
        {t("followup.period", { period: d.periodLabel, start: d.periodStart, end: d.periodEnd })}{" "}
        {t("followup.asOf", { date: followUp.asOf })}
      </p>
      <p className="fu-actions">
        <Link to={`${base}/uppfoljning/rapport`}>{t("followup.links.report")}</Link>
        <Link to={`${base}/indikatorer`}>{t("followup.links.indicators")}</Link>
      </p>
      {d.status !== "publicerat" ? (
        <p className="notice">{t("followup.notPublished")}</p>
      ) : !canLog ? (
        <p className="hint">{t("followup.readOnly")}</p>
      ) : null}
      {done ? (
        <p role="status" className="ok">
          {t(done === "borttagen" ? "followup.deleted" : "followup.saved")}
        </p>
      ) : null}
      <p>{t("followup.counts", followUp.counts)}</p>

      {canLog ? (
        <section aria-labelledby="fu-form-title" className="card">
          <h2 id="fu-form-title">{editing ? t("followup.edit.title") : t("followup.add.title")}</h2>
          <FieldErrors errors={result?.errors} />
          {editing?.loggedUnder ? (
            <p className="hint">{t("followup.edit.loggedUnder", { version: editing.loggedUnder.version })}</p>
          ) : null}
          <Form method="post" className="stack narrow" key={editing?.id ?? "new"}>
            <CsrfField />
            <input type="hidden" name="intent" value={editing ? "update" : "add"} />
            {editing ? <input type="hidden" name="entryId" value={editing.id} /> : null}
            <EntryFields followUp={followUp} entry={editing} errors={result?.errors} />
            <div className="fu-actions">
              <button type="submit">{editing ? t("followup.saveEdit") : t("followup.save")}</button>
              {editing ? <Link to={`${base}/uppfoljning`}>{t("followup.cancel")}</Link> : null}
            </div>
          </Form>
        </section>
      ) : null}

      {followUp.focusAreas.map((f) => (
        <section key={f.id} aria-labelledby={`fa-${f.id}`}>
          <h2 id={`fa-${f.id}`}>{f.title}</h2>
          {f.promises.map((p) => (
            <section key={p.id} id={`promise-${p.id}`} className="fu-promise" aria-labelledby={`p-${p.id}`}>
              <h3 id={`p-${p.id}`}>{p.text}</h3>
              <p>
                <StatusLabel status={p.progress.status} /> · {progressText(t, p.progress, p.target)}
              </p>
              <ProgressBar progress={p.progress} />
              {p.entries.length === 0 ? (
                <p className="hint">{t("followup.noEntries")}</p>
              ) : (
                <TableWrap label={t("followup.entriesCaption", { promise: p.text })}>
                  <table>
                    <caption className="visually-hidden">{t("followup.entriesCaption", { promise: p.text })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("followup.col.date")}</th>
                        <th scope="col" className="num">
                          {t("followup.col.quantity")}
                        </th>
                        <th scope="col">{t("followup.col.place")}</th>
                        <th scope="col">{t("followup.col.note")}</th>
                        {canLog ? <th scope="col">{t("followup.col.actions")}</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {p.entries.map((e) => (
                        <tr key={e.id}>
                          <td>
                            {e.doneOn}
                            {e.loggedUnder ? (
                              <>
                                <br />
                                <span className="hint">
                                  {t("followup.loggedUnder", { version: e.loggedUnder.version })}
                                </span>
                              </>
                            ) : null}
                          </td>
                          <td className="num">{e.quantity}</td>
                          <td>{e.place}</td>
                          <td className="prewrap">
                            {e.note}
                            {e.public ? (
                              <>
                                {e.note ? <br /> : null}
                                <span className="hint">
                                  {t("followup.publicYes")}: {e.publicNote}
                                </span>
                              </>
                            ) : null}
                          </td>
                          {canLog ? (
                            <td>
                              {mayChangeFollowUpEntry(permissions, e) ? (
                                <span className="fu-actions">
                                  <Link
                                    to={`${base}/uppfoljning?andra=${e.id}#fu-form-title`}
                                    aria-label={t("followup.editLabel", { date: e.doneOn })}
                                  >
                                    {t("followup.editLink")}
                                  </Link>
                                  <ActionButton
                                    intent="delete"
                                    fields={{ entryId: e.id }}
                                    label={t("followup.delete")}
                                    ariaLabel={t("followup.deleteLabel", { date: e.doneOn })}
                                  />
                                </span>
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}
