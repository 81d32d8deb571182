/**
 * Exports of a survey's problembild as CSV and XLSX, with the URL's filters applied:
 * - the aggregates: every question's options (n, share, 95 % interval), the indicators, and a breakdown when one
 *   is chosen, taken from getResults/getBreakdown, so they carry exactly the suppression of the page and the API
 *   (a suppressed figure is an empty cell marked "ja" in the "dold" column, with the reason; never the number);
 * - the anonymised answers: one row per response with its choice answers, the date (no time) and the
 *   demographics coarsened over the whole survey so that every shown combination of area, age band and gender
 *   covers at least minBase respondents (anonymise.ts), the same in every export. No id, no channel, no time, and
 *   no free text at all: a comment can name or describe its writer, which no rule on group size can prevent, and a
 *   file leaves the product's access control. Refused (Invalid, 422) for a filtered group under minBase, for a
 *   channel filter, and for a filter on a demographic value that the file hides for some of the rows it selects.
 * Every text cell is neutralised against formula injection by the writers (app/platform/csv.ts, xlsx.server.ts).
 *
 * The request and its words are in export-request.server.ts, the aggregates in export-aggregates.server.ts, the
 * anonymised answers in export-answers.server.ts; this module answers the export routes (app and API).
 */
import type { Database } from "~/platform/db.server";
import { downloadResponse, type DownloadFile } from "~/platform/download.server";
import { localeFromRequest, type Locale } from "~/i18n/i18n";
import { requireKommun } from "~/features/accounts/index.server";
import { XLSX_CONTENT_TYPE } from "~/platform/xlsx.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { exportRequestFromUrl, type SurveyHead } from "./export-request.server";
import { aggregatesCsv, aggregatesXlsx } from "./export-aggregates.server";
import { answersCsv, answersXlsx } from "./export-answers.server";

export type ExportKind = "aggregates" | "answers";
export type ExportFormat = "csv" | "xlsx";

const EXPORTERS = {
  aggregates: { csv: aggregatesCsv, xlsx: aggregatesXlsx },
  answers: { csv: answersCsv, xlsx: answersXlsx },
} as const;
const FILE_PREFIX: Record<ExportKind, string> = { aggregates: "problembild", answers: "svar" };
const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", xlsx: XLSX_CONTENT_TYPE };

/** An export of a survey's problembild as a file (content, name, media type), with the URL's filters (and breakdown) applied. */
export async function exportFile({
  db,
  surveyId,
  survey,
  url,
  locale,
  kind,
  format,
}: {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  url: URL;
  locale: Locale;
  kind: ExportKind;
  format: ExportFormat;
}): Promise<DownloadFile> {
  const body = await EXPORTERS[kind][format]({
    db,
    surveyId,
    survey,
    request: exportRequestFromUrl(url),
    locale: locale === "en" ? "en" : "sv",
  });
  return { body, filename: `${FILE_PREFIX[kind]}-${survey.slug}.${format}`, contentType: CONTENT_TYPES[format] };
}

/**
 * The app's four download routes (aggregates or answers, CSV or XLSX): a viewer of the kommun in the URL, its survey
 * named by the slug (another kommun's slug is a 404), the URL's filters, in the request's language, as a download.
 */
export async function kommunSurveyDownload(
  { request, params }: { request: Request; params: Record<string, string | undefined> },
  kind: ExportKind,
  format: ExportFormat,
): Promise<Response> {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
  const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: kommun.name };
  const url = new URL(request.url);
  return downloadResponse(
    await exportFile({ db, surveyId: survey.id, survey: head, url, locale: localeFromRequest(request), kind, format }),
  );
}
