import type { LoaderFunctionArgs } from "@remix-run/node";
import { listPublishedDocuments } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { api } from "~/platform/http.server";

/** GET /api/v1/promises?kommun=<slug>: a kommun's published promise documents (public). */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request }) => {
    const kommun = new URL(request.url).searchParams.get("kommun");
    if (!kommun) throw new Invalid([fieldError("kommun", "problem.kommunRequired")]);
    const { kommun: k, documents } = await listPublishedDocuments({ db: await getDb(), kommunSlug: kommun });
    return Response.json({
      kommun: k.slug,
      kommunName: k.name,
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        period: { label: d.period_label, start: d.period_start, end: d.period_end },
        version: d.version,
        publishedAt: d.published_at,
        current: d.current,
        inForce: d.inForce,
        upcoming: d.upcoming,
        supersedesId: d.supersedes_id,
        url: `/api/v1/promises/${d.id}`,
      })),
    });
  });
