import type { LoaderFunctionArgs } from "@remix-run/node";
import { FEED_WORDS, atomResponse, publicFeed } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { publicOrigin } from "~/platform/env.server";
import { idParam, page } from "~/platform/http.server";

/** Public: one published promise document's Atom feed (its publication and its public updates). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) =>
    atomResponse(
      await publicFeed({
        db: await getDb(),
        kommunSlug: params.kommun ?? "",
        documentId: idParam(params.id, "problem.documentNotFound"),
        origin: publicOrigin(),
        words: FEED_WORDS,
      }),
    ),
  );
