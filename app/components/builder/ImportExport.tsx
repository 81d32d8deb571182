import type { ImportReport as Report } from "~/features/surveys/index.server";
import { useT } from "~/i18n/use-t";
import { IntentForm } from "./IntentForm";

/** The result of checking an imported definition: what is wrong and unsupported, or what was imported. */
export function ImportReport({ report }: { report: Report }) {
  const t = useT();
  return (
    <div role={report.ok ? "status" : "alert"} className={report.ok ? "notice" : "error-summary"} id="import-report">
      <h3>
        {report.ok ? t("builder.import.imported", { count: report.questionCount }) : t("builder.import.rejected")}
      </h3>
      {report.parseError ? <p>{t("builder.import.notJson", { message: report.parseError })}</p> : null}
      {report.unsupported.length > 0 ? (
        <>
          <p>{t("builder.import.unsupported")}</p>
          <ul>
            {report.unsupported.map((u) => (
              <li key={u.type}>
                <code>{u.type}</code>: {t("builder.import.usedBy", { questions: u.questions.join(", ") })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.errors.length > 0 ? (
        <>
          <p>{t("builder.import.errors")}</p>
          <ul>
            {report.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <p>{t("builder.import.warnings")}</p>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      {!report.parseError && report.missingLocales.length > 0 ? (
        <p>{t("builder.import.missingLocales", { locales: report.missingLocales.join(", ") })}</p>
      ) : null}
      {report.foreignDefaultLocale ? (
        <p>{t("builder.import.foreignLocale", { locale: report.foreignDefaultLocale })}</p>
      ) : null}
    </div>
  );
}

/** Import of a SurveyJS JSON definition (pasted or as a file) and export of the current one as a download. */
export function ImportExport({ exportHref, report }: { exportHref: string; report?: Report }) {
  const t = useT();
  return (
    <section aria-labelledby="import-heading" className="builder-card">
      <h2 id="import-heading">{t("builder.import.title")}</h2>
      <p>
        <a href={exportHref} download>
          {t("builder.export.download")}
        </a>
      </p>
      <p className="hint">{t("builder.import.intro")}</p>
      {report ? <ImportReport report={report} /> : null}
      <IntentForm intent="import" multipart>
        <label htmlFor="definition">{t("builder.import.paste")}</label>
        <textarea id="definition" name="definition" rows={6} spellCheck={false} />
        <label htmlFor="file">{t("builder.import.file")}</label>
        <input id="file" name="file" type="file" accept="application/json,.json" />
        <button type="submit">{t("builder.import.submit")}</button>
      </IntentForm>
    </section>
  );
}
