import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireKommun } from "~/features/accounts/index.server";
import { estPictureCsvRows } from "~/features/est/index.server";
import { periodFromQuery, periodQuery } from "~/features/est/index";
import { toCsv } from "~/platform/csv";
import { stockholmDay } from "~/platform/dates";
import { Invalid, fieldError } from "~/platform/errors.server";
import { page } from "~/platform/http.server";

/** The EST picture's figures per week, zone and category as CSV (semicolons, UTF-8 with BOM for spreadsheets). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "kommun:read" });
    const q = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const period = periodFromQuery(q, stockholmDay(new Date()));
    if (!period) throw new Invalid([fieldError("period", "est.err.period")]);
    const rows = await estPictureCsvRows({ db, kommunId: kommun.id, period });
    const name = `est-${kommun.slug}-${periodQuery(period).replace(/[^a-z0-9]+/gi, "-")}.csv`;
    return new Response("\uFEFF" + toCsv(rows), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  });
