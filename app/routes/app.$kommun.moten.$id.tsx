import { ActionButton } from "~/components/PostForm";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  addFinding,
  deleteFinding,
  deleteMeeting,
  getMeeting,
  meetingInputFromForm,
  meetingPageAccess,
  setFindingStatus,
  updateMeeting,
} from "~/features/dialogue/index.server";
import { PROBLEM_KINDS } from "~/features/dialogue/index";
import { readZoneField } from "~/features/places/index";
import { ZoneSelect } from "~/components/places/ZoneSelect";
import { requireKommun, requirePermission } from "~/features/accounts/index.server";
import { Forbidden } from "~/platform/errors.server";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { idField } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { DataTableHead } from "~/components/DataTable";
import { FieldErrors } from "~/components/FieldErrors";
import { MeetingFields } from "~/components/MeetingFields";
import { pageTitle } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.meeting");

const idOf = (request: Request, raw: string | undefined) => idParam(raw, "problem.meetingNotFound");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, canWrite, zones } = await meetingPageAccess(request, params.kommun);
    const meeting = await getMeeting({ db, kommunId: kommun.id, meetingId: idOf(request, params.id) });
    return { kommun, canWrite, meeting, zones };
  });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update") }),
  z.object({ intent: z.literal("delete") }),
  z.object({
    intent: z.literal("addFinding"),
    place: z.string().max(300),
    description: z.string().max(5000).default(""),
    proposedFix: z.string().max(5000).default(""),
  }),
  z.object({ intent: z.literal("findingStatus"), findingId: idField, status: z.enum(["open", "fixed", "wont_fix"]) }),
  z.object({ intent: z.literal("deleteFinding"), findingId: idField }),
]);

// Analysts and editors (either side) edit; viewers read.
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer", form });
    await requirePermission(user, kommun.id, "meeting:write");
    const meetingId = idOf(request, params.id);
    const parsed = parseInput(schema, Object.fromEntries(form));
    const input = parsed;
    const scope = { db, kommunId: kommun.id };
    switch (input.intent) {
      case "update":
        await updateMeeting({ ...scope, meetingId, input: meetingInputFromForm(form) });
        return { done: "saved" };
      case "delete":
        await deleteMeeting({ ...scope, meetingId });
        return redirect(`/app/${kommun.slug}/moten`);
      case "addFinding":
        await addFinding({
          ...scope,
          meetingId,
          input: {
            place: input.place,
            problems: form.getAll("problems").map(String),
            description: input.description,
            proposedFix: input.proposedFix,
            zoneId: readZoneField(form.get("zoneId")),
          },
        });
        return { done: "finding" };
      case "findingStatus":
        await setFindingStatus({ ...scope, findingId: input.findingId, status: input.status });
        return { done: "status" };
      case "deleteFinding":
        await deleteFinding({ ...scope, findingId: input.findingId });
        return { done: "status" };
    }
    throw new Forbidden();
  });

export default function MeetingPage() {
  const t = useT();
  const { kommun, canWrite, meeting, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const kind = t(`dialog.meet.kind.${meeting.kind}` as MessageKey);
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/moten`}>{t("dialog.meet.title")}</Link>
      </p>
      <h1>
        {kind} {meeting.heldOn}
      </h1>
      <FieldErrors errors={result?.errors} />
      {result?.done ? <p role="status">{t("dialog.meet.saved")}</p> : null}
      {meeting.zoneName ? <p>{`${t("places.link.label")}: ${meeting.zoneName}`}</p> : null}

      <h2>{t("dialog.meet.findings")}</h2>
      {meeting.findings.length === 0 ? (
        <p>{t("dialog.meet.noFindings")}</p>
      ) : (
        <table>
          <caption>{t("dialog.meet.findingsCaption")}</caption>
          <DataTableHead
            columns={(
              [
                "dialog.meet.place",
                "places.link.label",
                "dialog.meet.problems",
                "dialog.meet.description",
                "dialog.meet.proposedFix",
                "dialog.meet.status",
              ] as const
            ).map((key) => ({ label: t(key) }))}
          />
          <tbody>
            {meeting.findings.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.place}</th>
                <td>{f.zoneName ?? "–"}</td>
                <td>{f.problems.map((p) => t(`dialog.meet.problem.${p}` as MessageKey)).join(", ")}</td>
                <td>{f.description}</td>
                <td>{f.proposedFix}</td>
                <td>
                  {canWrite ? (
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="findingStatus" />
                      <input type="hidden" name="findingId" value={f.id} />
                      <select
                        name="status"
                        defaultValue={f.status}
                        aria-label={`${t("dialog.meet.status")}: ${f.place}`}
                      >
                        {(["open", "fixed", "wont_fix"] as const).map((s) => (
                          <option key={s} value={s}>
                            {t(`dialog.meet.status.${s}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit">{t("dialog.meet.setStatus")}</button>
                    </Form>
                  ) : (
                    t(`dialog.meet.status.${f.status}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canWrite ? (
        <>
          <h2>{t("dialog.meet.addFinding")}</h2>
          <Form method="post" className="stack narrow">
            <CsrfField />
            <input type="hidden" name="intent" value="addFinding" />
            <label htmlFor="f-place">{t("dialog.meet.findingPlace")}</label>
            <input id="f-place" name="place" required maxLength={300} />
            <ZoneSelect id="f-zoneId" zones={zones} />
            <fieldset>
              <legend>{t("dialog.meet.problems")}</legend>
              {PROBLEM_KINDS.map((p) => (
                <div key={p}>
                  <input type="checkbox" id={`problem-${p}`} name="problems" value={p} />{" "}
                  <label htmlFor={`problem-${p}`}>{t(`dialog.meet.problem.${p}`)}</label>
                </div>
              ))}
            </fieldset>
            <label htmlFor="f-description">{t("dialog.meet.description")}</label>
            <textarea id="f-description" name="description" rows={3} />
            <label htmlFor="f-fix">{t("dialog.meet.proposedFix")}</label>
            <textarea id="f-fix" name="proposedFix" rows={3} />
            <button type="submit">{t("dialog.meet.addFindingButton")}</button>
          </Form>

          <h2>{t("dialog.meet.edit")}</h2>
          <Form method="post" className="stack narrow">
            <CsrfField />
            <input type="hidden" name="intent" value="update" />
            <MeetingFields values={meeting} zones={zones} />
            <button type="submit">{t("dialog.meet.save")}</button>
          </Form>
          <ActionButton intent="delete" label={t("dialog.meet.delete")} />
        </>
      ) : (
        <dl>
          <dt>{t("dialog.meet.place")}</dt>
          <dd>{meeting.place}</dd>
          <dt>{t("dialog.meet.notes")}</dt>
          <dd>{meeting.notes}</dd>
        </dl>
      )}
    </section>
  );
}
