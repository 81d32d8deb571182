import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  OPEN_DATASETS,
  openDataCatalog,
  openDataCsv,
  openDataJson,
  openDataTable,
  type OpenDataset,
} from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { env, publicOrigin } from "~/platform/env.server";
import { NotFound } from "~/platform/errors.server";
import { page } from "~/platform/http.server";

const headers = (type: string) => ({
  "content-type": type,
  "cache-control": "public, max-age=300",
  "access-control-allow-origin": "*",
});

/**
 * Public open data of a kommun under stable addresses (docs/domain/feedback-to-citizens.md#open-data):
 * `<dataset>.csv` and `<dataset>.json` for loften, uppdateringar and enkatresultat, and `dcat.rdf`, the DCAT-AP-SE
 * catalogue the national data portal harvests.
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const db = await getDb();
    const kommunSlug = params.kommun ?? "";
    const file = params.file ?? "";
    if (file === "dcat.rdf")
      return new Response(
        await openDataCatalog({
          db,
          kommunSlug,
          origin: publicOrigin(),
          contactEmail: env().OPEN_DATA_CONTACT_EMAIL,
        }),
        { headers: headers("application/rdf+xml; charset=utf-8") },
      );
    const m = /^([a-z]+)\.(csv|json)$/.exec(file);
    const dataset = m?.[1] as OpenDataset | undefined;
    if (!m || !dataset || !OPEN_DATASETS.includes(dataset)) throw new NotFound();
    const table = await openDataTable({ db, kommunSlug, dataset });
    if (m[2] === "csv")
      return new Response(openDataCsv(table), {
        headers: {
          ...headers("text/csv; charset=utf-8; header=present"),
          "content-disposition": `inline; filename="${kommunSlug}-${dataset}.csv"`,
        },
      });
    return new Response(JSON.stringify(openDataJson(table, { dataset, kommun: kommunSlug })), {
      headers: headers("application/json; charset=utf-8"),
    });
  });
