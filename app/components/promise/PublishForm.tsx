import { Form } from "@remix-run/react";
import type { DocumentInForce } from "~/features/promises/index.server";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/i18n/use-t";

/** Publishing cannot be undone: the form says what it does (and what it replaces) and asks for an explicit tick. */
export function PublishForm({ replaces }: { replaces: DocumentInForce[] }) {
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
