import type { ActionFunctionArgs } from "@remix-run/node";
import { crimeRejectedRowsCsv, importCrimeCsv } from "~/features/crime/index.server";
import { readCsvUpload } from "~/features/surveys/index.server";
import { assertCsrf, requireKommun } from "~/features/accounts/index.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { downloadResponse } from "~/platform/download.server";
import { page } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";

/**
 * The report of rejected rows, recomputed from the posted file: the file is never kept between requests, so the
 * import page posts it again (the report button's formaction). Checking stores nothing.
 */
export const action = (args: ActionFunctionArgs) =>
  page(args, async ({ request, params }) => {
    // Access first, then the body of up to 20 MB (whose CSRF field is checked right after).
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "crime:import",
      form: "later",
    });
    const locale = localeFromRequest(request) === "en" ? "en" : "sv";
    const { form, csvText } = await readCsvUpload(request);
    if (user.via === "session") assertCsrf(request, form);
    if (csvText === null) throw new Invalid([fieldError("file", "crime.err.noFile")]);
    const { problems } = await importCrimeCsv({
      db,
      kommun,
      accountId: user.id,
      csvText,
      fileName: "",
      store: false,
      locale,
    });
    return downloadResponse({
      body: crimeRejectedRowsCsv(problems, locale),
      filename: `avvisade-rader-brottsstatistik-${kommun.slug}.csv`,
      contentType: "text/csv; charset=utf-8",
    });
  });
