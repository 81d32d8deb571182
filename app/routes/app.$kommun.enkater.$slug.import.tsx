import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ClientActionFunctionArgs,
} from "@remix-run/react";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { z } from "zod";
import {
  importCsv,
  mappingFromForm,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  previewImport,
  readCsvUpload,
  type Problem,
} from "~/features/surveys/index.server";
import { getKommunSurvey, responseCounts } from "~/features/surveys/index.server";
import { assertCsrf, requireKommun } from "~/features/accounts/index.server";
import { Invalid } from "~/platform/errors.server";
import { page, pageInput } from "~/platform/http.server";
import { localeFromRequest, UI_LOCALES, translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { ColumnMapping, SampleTable } from "~/components/builder/CsvImportPreview";
import { ImportProblems } from "~/components/builder/CsvImportProblems";
import { postWithProgress, ProgressBar, resetUpload } from "~/components/builder/UploadProgress";
import { pageTitle } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.answersImport");

const SHOWN_PROBLEMS = 200;

async function load(request: Request, params: { kommun?: string; slug?: string }, form: FormData | null | "later") {
  const ctx = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
  const survey = await getKommunSurvey({ db: ctx.db, slug: params.slug ?? "", kommunId: ctx.kommun.id });
  const l = localeFromRequest(request);
  return { ...ctx, survey, locale: UI_LOCALES.includes(l) ? l : ("sv" as const) };
}

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, survey, db } = await load(request, params, null);
    const { total } = await responseCounts({ db, surveyId: survey.id });
    const limits = { maxMb: MAX_CSV_BYTES / 1048576, maxRows: MAX_CSV_ROWS };
    return {
      kommun,
      survey: { slug: survey.slug, title: survey.title, status: survey.effectiveStatus },
      total,
      limits,
    };
  });

const schema = z.object({ intent: z.enum(["preview", "import"]) });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    // Who may import, and into which survey, is settled before a body of up to 20 MB is read; the CSRF token is in
    // that body, so it is checked right after.
    const { user, survey, db, locale } = await load(request, params, "later");
    const { form, csvText, fileName } = await readCsvUpload(request);
    if (user.via === "session") assertCsrf(request, form);
    const parsed = parseInput(schema, Object.fromEntries(form));
    if (csvText === null) throw new Invalid([{ field: "file", message: translate(locale, "import.err.noFile") }]);
    const input = { db, surveyId: survey.id, csvText, mapping: mappingFromForm(form), locale };
    const shown = (problems: Problem[]) => ({
      problems: problems.slice(0, SHOWN_PROBLEMS),
      problemCount: problems.length,
    });
    if (parsed.intent === "preview") {
      const { problems, invalidRows, ...p } = await previewImport(input);
      return { kind: "preview" as const, fileName, ...p, invalidRowCount: invalidRows.length, ...shown(problems) };
    }
    const { stored, problems } = await importCsv(input);
    const { total } = await responseCounts({ db, surveyId: survey.id });
    return { kind: "import" as const, stored, total, ...shown(problems) };
  });

/** What the action answers, as the page receives it (the progress upload decodes the same single-fetch data). */
type Answer = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

// With JavaScript the upload reports its progress (app/components/builder/UploadProgress.tsx); anything but plain
// action data (an error page, a redirect to sign-in) goes through Remix's own serverAction.
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  try {
    const sent = await postWithProgress<Answer>(request.url, await request.clone().formData());
    if (sent === "failed") return { kind: "uploadFailed" as const };
    return sent ? sent.data : await serverAction<typeof action>();
  } finally {
    resetUpload();
  }
}

// --- Page ----------------------------------------------------------------------------------------------

export default function ImportAnswers() {
  const t = useT();
  const { kommun, survey, total, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof clientAction>();
  const busy = useNavigation().state !== "idle";
  const [dirty, setDirty] = useState(false);
  const [reportFailed, setReportFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setDirty(false);
    // Clear the chosen file once it has been imported, so that a second click cannot import it twice.
    if (result?.kind === "import" && result.stored > 0) formRef.current?.reset();
  }, [result]);
  const n = (x: number) => x.toLocaleString(t.locale === "en" ? "en-GB" : "sv-SE");
  const base = `/app/${kommun.slug}/enkater/${survey.slug}`;
  const preview = result?.kind === "preview" ? result : null;
  const imported = result?.kind === "import" ? result : null;
  const canImport = !!preview && preview.problemCount === 0 && !dirty && !busy && survey.status !== "draft";
  const delimiter = { ",": "comma", ";": "semicolon", "\t": "tab" } as const;

  // With JavaScript the report is fetched and saved without leaving the page; without, the button posts natively.
  async function downloadReport(e: MouseEvent<HTMLButtonElement>) {
    e.preventDefault();
    setReportFailed(false);
    const res = await fetch(`${base}/import/rapport.csv`, {
      method: "POST",
      body: new FormData(e.currentTarget.form!),
    }).catch(() => null);
    if (!res?.ok) return setReportFailed(true);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await res.blob());
    a.download = `avvisade-rader-${survey.slug}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  return (
    <section>
      <p className="kicker">
        <Link to={base}>
          {t("import.back")}: {survey.title}
        </Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.intro")}</p>
      <p>{t("import.format", { maxMb: limits.maxMb, maxRows: n(limits.maxRows) })}</p>
      <p className="hint">{t("import.formatValues")}</p>
      {survey.status === "draft" ? <p className="notice">{t("import.draft")}</p> : null}
      <p>{t("import.responses", { n: n(total) })}</p>

      {result?.kind === "import" && result.stored > 0 ? (
        <div role="status" className="notice ok">
          <p>{t("import.done", { n: n(result.stored) })}</p>
          <p>{t("import.totalNow", { n: n(result.total) })}</p>
        </div>
      ) : null}
      {result?.kind === "import" && result.stored === 0 ? <p role="alert">{t("import.nothingStored")}</p> : null}
      {result?.kind === "uploadFailed" ? <p role="alert">{t("import.uploadFailed")}</p> : null}
      {result && "errors" in result ? <FieldErrors errors={result.errors} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack" ref={formRef}>
        <CsrfField />
        <label htmlFor="file">{t("import.file")}</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          required
          aria-describedby="file-hint"
        />
        <p id="file-hint" className="hint">
          {t("import.fileHint")}
        </p>

        {preview ? (
          <>
            <p>
              {t("import.summary", {
                file: preview.fileName,
                rows: n(preview.rowCount),
                delimiter: t(`import.delimiter.${delimiter[preview.delimiter]}`),
              })}
            </p>
            {preview.mappingReset ? <p className="notice">{t("import.err.mappingStale")}</p> : null}
            <h2>{t("import.mappingTitle")}</h2>
            <p>{t("import.mappingIntro", { n: preview.headers.length })}</p>
            <input type="hidden" name="columns" value={JSON.stringify(preview.headers)} />
            <ColumnMapping preview={preview} onChange={() => setDirty(true)} />
            {dirty ? (
              <p className="notice" role="status">
                {t("import.mappingChanged")}
              </p>
            ) : null}
          </>
        ) : null}

        <button type="submit" name="intent" value="preview" disabled={busy}>
          {preview ? t("import.refresh") : t("import.preview")}
        </button>
        <ProgressBar />

        {preview && preview.sample.length > 0 ? (
          <>
            <h2>{t("import.sampleTitle")}</h2>
            <SampleTable preview={preview} />
          </>
        ) : null}

        {preview ? (
          <div role="status">
            {preview.problemCount === 0 ? (
              <p>{t("import.allValid")}</p>
            ) : preview.sample.length > 0 ? (
              <p>
                {t("import.validCount", { n: n(preview.rowCount - preview.invalidRowCount) })}{" "}
                {t("import.invalidCount", { n: n(preview.invalidRowCount) })}
              </p>
            ) : null}
          </div>
        ) : null}
        {result?.kind === "preview" || result?.kind === "import" ? <ImportProblems result={result} /> : null}
        {(preview ?? imported)?.problemCount ? (
          <button
            type="submit"
            formAction={`${base}/import/rapport.csv`}
            formMethod="post"
            formEncType="multipart/form-data"
            onClick={downloadReport}
          >
            {t("import.report")}
          </button>
        ) : null}
        {reportFailed ? <p role="alert">{t("import.reportFailed")}</p> : null}

        {preview ? (
          <>
            <button
              type="submit"
              name="intent"
              value="import"
              disabled={!canImport}
              aria-describedby={canImport ? undefined : "import-hint"}
            >
              {t("import.submit", { n: n(preview.rowCount) })}
            </button>
            {canImport ? null : (
              <p id="import-hint" className="hint">
                {survey.status === "draft"
                  ? t("import.draft")
                  : dirty
                    ? t("import.mappingChanged")
                    : t("import.submitDisabled")}
              </p>
            )}
          </>
        ) : null}
      </Form>
    </section>
  );
}
