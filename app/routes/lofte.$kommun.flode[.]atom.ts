import type { LoaderFunctionArgs } from "@remix-run/node";
import { FEED_WORDS, atomResponse, publicFeed } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { publicOrigin } from "~/platform/env.server";
import { page } from "~/platform/http.server";

/** Public: the kommun's Atom feed of published promises, public updates and published survey results. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) =>
    atomResponse(
      await publicFeed({
        db: await getDb(),
        kommunSlug: params.kommun ?? "",
        origin: publicOrigin(),
        words: FEED_WORDS,
      }),
    ),
  );
