import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireKommun } from "~/features/accounts/index.server";
import { addReporter, kommunZones, listReporters, removeReporter, updateReporter } from "~/features/est/index.server";
import { PARTNER_KINDS } from "~/features/est/index";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { DataTable } from "~/components/DataTable";
import { FieldErrors } from "~/components/FieldErrors";
import { ActionButton } from "~/components/PostForm";
import { EstPageHead } from "~/components/est/EstNav";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estReporters");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "est:coordinate" });
    const [reporters, zones] = await Promise.all([
      listReporters({ db, kommunId: kommun.id }),
      kommunZones({ db, kommunId: kommun.id }),
    ]);
    return { kommun, reporters, zones };
  });

/** Adds a reporter (`intent=ny`), changes one's organisation and zones (`andra`) or takes the role back (`ta_bort`). */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "est:coordinate",
      form,
    });
    const str = (k: string) => String(form.get(k) ?? "");
    const zoneIds = form.getAll("zon").flatMap((v) => parseId(v) ?? []);
    const intent = str("intent");
    if (intent === "ny") {
      const input = {
        email: str("email"),
        name: str("name"),
        partnerKind: str("partnerKind"),
        partnerName: str("partnerName"),
        zoneIds,
      };
      const { password } = await addReporter({ db, kommunId: kommun.id, input });
      return { done: "added" as const, email: input.email.trim().toLowerCase(), password };
    }
    const reporterId = parseId(form.get("rapportor")) ?? 0;
    if (intent === "ta_bort") {
      await removeReporter({ db, kommunId: kommun.id, reporterId });
      return { done: "removed" as const, email: null, password: null };
    }
    await updateReporter({
      db,
      kommunId: kommun.id,
      reporterId,
      input: { partnerKind: str("partnerKind"), partnerName: str("partnerName"), zoneIds },
    });
    return { done: "updated" as const, email: null, password: null };
  });

export default function EstReporters() {
  const t = useT();
  const { kommun, reporters, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <EstPageHead kommun={kommun} page="reporters" />
      <FieldErrors errors={result?.errors} />
      {result?.done ? (
        <p className="notice" role="status">
          {result.done === "added"
            ? result.password
              ? t("est.reporters.created", { email: result.email ?? "", password: result.password })
              : t("est.reporters.added", { email: result.email ?? "" })
            : result.done === "removed"
              ? t("est.reporters.removed")
              : t("est.reporters.updated")}
        </p>
      ) : null}
      {reporters.length === 0 ? (
        <p>{t("est.reporters.none")}</p>
      ) : (
        <DataTable
          caption={t("est.reporters.caption")}
          columns={[
            { label: t("est.reporters.col.name") },
            { label: t("est.reporters.col.organisation") },
            { label: t("est.reporters.col.zones") },
          ]}
        >
          {reporters.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.name}
                <br />
                <span className="hint">{r.email}</span>
              </th>
              <td>
                {r.partnerName} ({t(`est.partner.${r.partnerKind}` as MessageKey)})
              </td>
              <td>
                <details>
                  <summary>{r.zones.map((z) => z.name).join(", ")}</summary>
                  <Form method="post" className="stack" aria-label={t("est.reporters.change", { name: r.name })}>
                    <CsrfField />
                    <input type="hidden" name="intent" value="andra" />
                    <input type="hidden" name="rapportor" value={r.id} />
                    <PartnerFields
                      idPrefix={`r${r.id}-`}
                      kind={r.partnerKind}
                      name={r.partnerName}
                      zones={zones}
                      chosen={r.zones.map((z) => z.id)}
                    />
                    <button type="submit">{t("est.reporters.save")}</button>
                  </Form>
                  <ActionButton
                    intent="ta_bort"
                    fields={{ rapportor: r.id }}
                    label={t("est.reporters.remove")}
                    ariaLabel={t("est.reporters.removeLabel", { name: r.name })}
                  />
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t("est.reporters.add")}</h2>
      {zones.length === 0 ? (
        <p>{t("est.reporters.noZones")}</p>
      ) : (
        <Form method="post" className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="ny" />
          <label htmlFor="email">{t("est.reporters.email")}</label>
          <input id="email" name="email" type="email" autoComplete="off" required />
          <label htmlFor="name">{t("est.reporters.name")}</label>
          <input id="name" name="name" required maxLength={120} />
          <PartnerFields idPrefix="" kind="bostadsbolag" name="" zones={zones} chosen={[]} />
          <button type="submit">{t("est.reporters.add")}</button>
        </Form>
      )}
    </section>
  );
}

function PartnerFields(props: {
  idPrefix: string;
  kind: string;
  name: string;
  zones: { id: number; name: string }[];
  chosen: number[];
}) {
  const t = useT();
  const id = (s: string) => `${props.idPrefix}${s}`;
  return (
    <>
      <label htmlFor={id("partnerKind")}>{t("est.reporters.partnerKind")}</label>
      <select id={id("partnerKind")} name="partnerKind" defaultValue={props.kind}>
        {PARTNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`est.partner.${k}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={id("partnerName")}>{t("est.reporters.partnerName")}</label>
      <input id={id("partnerName")} name="partnerName" required maxLength={120} defaultValue={props.name} />
      <fieldset id={id("zones")}>
        <legend>{t("est.reporters.zones")}</legend>
        {props.zones.map((z) => (
          <label key={z.id} className="checkbox">
            <input type="checkbox" name="zon" value={z.id} defaultChecked={props.chosen.includes(z.id)} /> {z.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}
