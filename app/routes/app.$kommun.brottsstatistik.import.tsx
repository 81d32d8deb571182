import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { importCrimeCsv, listCrimeImports, MAX_CRIME_ROWS, readCrimeUpload } from "~/features/crime/index.server";
import { CRIME_CATEGORIES, formatCount } from "~/features/crime/index";
import { requireKommun } from "~/features/accounts/index.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { page, pageInput } from "~/platform/http.server";
import { localeFromRequest, UI_LOCALES } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { DataTable } from "~/components/DataTable";
import { pageTitle } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.crimeImport");

const SHOWN_PROBLEMS = 200;

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "crime:import" });
    const imports = await listCrimeImports({ db, kommunId: kommun.id });
    return {
      kommun,
      maxRows: MAX_CRIME_ROWS,
      imports: imports.map((i) => ({
        ...i,
        importedAt: new Date(i.importedAt).toLocaleString("sv-SE", {
          timeZone: "Europe/Stockholm",
          dateStyle: "short",
          timeStyle: "short",
        }),
      })),
    };
  });

const schema = z.object({ intent: z.enum(["check", "import"]) });

/** Checks the posted file, or imports it: all rows or none; each year in the file replaces that year. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const { user, kommun, db, form, csvText, fileName } = await readCrimeUpload(request, params.kommun);
    const parsed = parseInput(schema, Object.fromEntries(form));
    if (csvText === null) throw new Invalid([fieldError("file", "crime.err.noFile")]);
    const l = localeFromRequest(request);
    const result = await importCrimeCsv({
      db,
      kommun,
      accountId: user.id,
      csvText,
      fileName,
      store: parsed.intent === "import",
      locale: UI_LOCALES.includes(l) ? l : "sv",
    });
    return {
      kind: parsed.intent,
      fileName,
      ...result,
      problems: result.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: result.problems.length,
    };
  });

export default function CrimeImport() {
  const t = useT();
  const { kommun, imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const n = (x: number) => formatCount(x, t.locale);
  const base = `/app/${kommun.slug}/brottsstatistik`;
  const answer = result?.kind === "check" || result?.kind === "import" ? result : null;
  const years = answer?.years.length
    ? answer.years.length > 1
      ? `${answer.years[0]}–${answer.years[answer.years.length - 1]}`
      : String(answer.years[0])
    : "–";

  return (
    <section>
      <p className="kicker">
        <Link to={base}>{t("crime.import.back")}</Link>
      </p>
      <h1>{t("crime.import.title")}</h1>
      <p className="lead">{t("crime.import.intro")}</p>
      <p>{t("crime.import.format")}</p>
      <p className="notice">{t("crime.import.replace")}</p>
      <p>{t("crime.import.allOrNothing")}</p>
      <details>
        <summary>{t("crime.import.categories")}</summary>
        <ul>
          {CRIME_CATEGORIES.map((c) => (
            <li key={c.id}>{c.sv}</li>
          ))}
        </ul>
      </details>

      {answer && answer.problemCount === 0 && answer.kind === "check" ? (
        <p role="status" className="notice">
          {t("crime.import.checked", { file: answer.fileName, rows: n(answer.rowCount), years })}
        </p>
      ) : null}
      {answer?.stored ? (
        <p role="status" className="notice ok">
          {t("crime.import.done", { rows: n(answer.accepted), years })}
        </p>
      ) : null}
      {answer && answer.problemCount > 0 ? (
        <p role="alert">{t("crime.import.rejected", { rejected: n(answer.rejected), rows: n(answer.rowCount) })}</p>
      ) : null}
      {result && "errors" in result ? <FieldErrors errors={result.errors} /> : null}

      {/* A plain document post: the report button below posts the same form to the report's address. */}
      <Form method="post" encType="multipart/form-data" className="stack" reloadDocument>
        <CsrfField />
        <label htmlFor="file">{t("crime.import.file")}</label>
        <input id="file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" required />
        <button type="submit" name="intent" value="check">
          {t("crime.import.check")}
        </button>
        <button type="submit" name="intent" value="import">
          {t("crime.import.submit")}
        </button>
        {answer && answer.problemCount > 0 ? (
          <button type="submit" formAction={`${base}/import/rapport.csv`}>
            {t("crime.import.report")}
          </button>
        ) : null}
      </Form>

      {answer && answer.problemCount > 0 ? (
        <>
          <h2>{t("crime.import.problemsTitle")}</h2>
          {answer.problemCount > answer.problems.length ? (
            <p>{t("crime.import.moreProblems", { shown: n(answer.problems.length), n: n(answer.problemCount) })}</p>
          ) : null}
          <DataTable
            columns={[
              { label: t("crime.import.col.line"), num: true },
              { label: t("crime.import.col.field") },
              { label: t("crime.import.col.value") },
              { label: t("crime.import.col.message") },
            ]}
          >
            {answer.problems.map((p, i) => (
              <tr key={i}>
                <td className="num">{p.line}</td>
                <td>{p.field}</td>
                <td>{p.value}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}

      <h2>{t("crime.imports")}</h2>
      {imports.length === 0 ? (
        <p>{t("crime.import.noImports")}</p>
      ) : (
        <DataTable
          columns={[
            { label: t("crime.import.col.when") },
            { label: t("crime.import.col.file") },
            { label: t("crime.import.col.outcome") },
            { label: t("crime.import.col.years") },
            { label: t("crime.import.col.accepted"), num: true },
            { label: t("crime.import.col.rejectedRows"), num: true },
          ]}
        >
          {imports.map((i) => (
            <tr key={i.id}>
              <td>
                {i.importedAt}
                {i.importedBy ? `, ${i.importedBy}` : ""}
              </td>
              <td>{i.fileName}</td>
              <td>{t(`crime.import.outcome.${i.outcome}`)}</td>
              <td>{i.fromYear === null ? "–" : i.fromYear === i.toYear ? i.fromYear : `${i.fromYear}–${i.toYear}`}</td>
              <td className="num">{n(i.accepted)}</td>
              <td className="num">{n(i.rejected)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
