import type { ActionFunctionArgs } from "@remix-run/node";
import { mappingFromForm, previewImport, readCsvUpload, rejectedRowsCsv } from "~/features/surveys/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { assertCsrf, requireKommun } from "~/features/accounts/index.server";
import { Invalid } from "~/platform/errors.server";
import { downloadResponse } from "~/platform/download.server";
import { page } from "~/platform/http.server";
import { localeFromRequest, translate } from "~/i18n/i18n";

/**
 * The report of rejected rows, recomputed from the posted file and mapping: the file is never kept between
 * requests, so the import page posts it again (with JavaScript by fetch, without by the button's formaction).
 */
export const action = (args: ActionFunctionArgs) =>
  page(args, async ({ request, params }) => {
    // Access first, then the body of up to 20 MB (whose CSRF field is checked right after).
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form: "later" });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const locale = localeFromRequest(request) === "en" ? "en" : "sv";
    const { form, csvText } = await readCsvUpload(request);
    if (user.via === "session") assertCsrf(request, form);
    if (csvText === null) throw new Invalid([{ field: "file", message: translate(locale, "import.err.noFile") }]);
    const { problems } = await previewImport({
      db,
      surveyId: survey.id,
      csvText,
      mapping: mappingFromForm(form),
      locale,
    });
    return downloadResponse({
      body: rejectedRowsCsv(problems, locale),
      filename: `avvisade-rader-${survey.slug}.csv`,
      contentType: "text/csv; charset=utf-8",
    });
  });
