import { Form, Link } from "@remix-run/react";
import type { DocumentActions, DOCUMENT_STATUSES } from "~/features/promises/index";
import type { DocumentInForce } from "~/features/promises/index.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { PublishForm } from "./PublishForm";

type Status = (typeof DOCUMENT_STATUSES)[number];

/** What the status panel reads of the editor page's data. */
export interface StatusPanelData {
  kommun: { slug: string };
  doc: { status: Status };
  approvals: { side: DocumentActions["approve"][number]; by: string | null; createdAt: string }[];
  actions: DocumentActions;
  supersedes: { id: number; version: number } | null;
  supersededBy: { id: number; version: number; status: Status } | null;
  replaces: DocumentInForce[];
}

/** The document's status, its approvals and the buttons that move it on (each shown only when it can succeed). */
export function StatusPanel({ data }: { data: StatusPanelData }) {
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
