import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { importCrimeCsv, readCrimeUpload } from "~/features/crime/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { api } from "~/platform/http.server";
import { translate } from "~/i18n/i18n";

/**
 * GET /api/v1/kommuner/:kommun/brottsstatistik: the kommun's stored crime figures (everyone with a role in the
 * kommun). POST: an import of a CSV file (docs/domain/crime-statistics.md) as the import page does it, for scripts
 * with an API token (permission crime:import): multipart form with `file`, and `?kontroll=1` to check without
 * storing. Every row accepted: 200 and the years replaced; otherwise 422 with every rejected row, nothing stored.
 */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun });
    const figures = await db
      .selectFrom("crime_figure")
      .select(["year", "level", "area", "category", "count", "population", "rate", "demo"])
      .where("kommun_id", "=", kommun.id)
      .orderBy("year")
      .orderBy("level")
      .orderBy("area")
      .orderBy("category")
      .execute();
    return Response.json({
      kommun: kommun.slug,
      figures: figures.map((f) => ({ ...f, rate: f.rate === null ? null : Number(f.rate) })),
    });
  });

export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { user, kommun, db, csvText, fileName } = await readCrimeUpload(request, params.kommun);
    if (csvText === null) throw new Invalid([fieldError("file", "crime.err.noFile")]);
    const check = new URL(request.url).searchParams.get("kontroll") === "1";
    const result = await importCrimeCsv({
      db,
      kommun,
      accountId: user.id,
      csvText,
      fileName: fileName || "api.csv",
      store: !check,
    });
    const ok = result.problems.length === 0;
    return Response.json(
      ok ? result : { error: translate("sv", "crime.err.rejectedApi", { rejected: result.rejected }), ...result },
      { status: ok ? 200 : 422 },
    );
  });
