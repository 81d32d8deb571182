import type { ActionFunctionArgs } from "@remix-run/node";
import { crimeRejectedRowsCsv, importCrimeCsv, readCrimeUpload } from "~/features/crime/index.server";
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
    const { user, kommun, db, csvText } = await readCrimeUpload(request, params.kommun);
    const locale = localeFromRequest(request) === "en" ? "en" : "sv";
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
