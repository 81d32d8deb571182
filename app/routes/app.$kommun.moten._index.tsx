import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createMeeting, listMeetings, meetingInputFromForm, meetingPageAccess } from "~/features/dialogue/index.server";
import { requireKommun, requirePermission } from "~/features/accounts/index.server";
import { page, readForm, pageInput } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { DataTableHead } from "~/components/DataTable";
import { FieldErrors } from "~/components/FieldErrors";
import { MeetingFields } from "~/components/MeetingFields";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.meetings");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, canWrite, zones } = await meetingPageAccess(request, params.kommun);
    return { kommun, canWrite, meetings: await listMeetings({ db, kommunId: kommun.id }), zones };
  });

// Analysts and editors (either side) record meetings; viewers read.
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer", form });
    await requirePermission(user, kommun.id, "meeting:write");
    const id = await createMeeting({ db, kommunId: kommun.id, accountId: user.id, input: meetingInputFromForm(form) });
    return redirect(`/app/${kommun.slug}/moten/${id}`);
  });

export default function Meetings() {
  const t = useT();
  const { kommun, canWrite, meetings, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("dialog.meet.title")}</h1>
      <p>{t("dialog.meet.intro")}</p>
      {meetings.length === 0 ? (
        <p>{t("dialog.meet.none")}</p>
      ) : (
        <table>
          <caption>{t("dialog.meet.listCaption")}</caption>
          <DataTableHead
            columns={[
              ...(["dialog.meet.heldOn", "dialog.meet.kind", "dialog.meet.place", "places.link.label"] as const).map(
                (key) => ({ label: t(key) }),
              ),
              ...(
                ["dialog.meet.participantsShort", "dialog.meet.themesShort", "dialog.meet.openFindings"] as const
              ).map((key) => ({ label: t(key), num: true })),
            ]}
          />
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/app/${kommun.slug}/moten/${m.id}`}>{m.heldOn}</Link>
                </td>
                <td>{t(`dialog.meet.kind.${m.kind}` as MessageKey)}</td>
                <td>{m.place}</td>
                <td>{m.zoneName ?? "–"}</td>
                <td className="num">{m.participants}</td>
                <td className="num">{m.themes.length}</td>
                <td className="num">{m.openFindings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? (
        <>
          <h2>{t("dialog.meet.new")}</h2>
          <FieldErrors errors={result?.errors} />
          <Form method="post" className="stack narrow">
            <CsrfField />
            <MeetingFields zones={zones} />
            <button type="submit">{t("dialog.meet.create")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
