import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentJson, getPromiseDocument } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { api, idParam } from "~/platform/http.server";

/** GET /api/v1/promises/:id: one published promise document with its focus areas and structured promises. */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ params }) => {
    const id = idParam(params.id, "problem.documentNotFound");
    const doc = await getPromiseDocument({ db: await getDb(), id, publishedOnly: true });
    return Response.json(documentJson(doc));
  });
