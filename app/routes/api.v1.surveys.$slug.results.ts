import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getResults } from "~/features/results/index.server";
import { surveyForRole } from "~/features/surveys/index.server";
import { api } from "~/platform/http.server";
import { parseInput } from "~/platform/parse.server";

const query = z.object({
  where: z.array(z.string().max(300, "problem.whereTooLong")).max(50, "problem.whereTooMany"),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  channel: z.array(z.string().max(20)).max(5, "problem.channelsTooMany"),
});

/**
 * GET /api/v1/surveys/:slug/results?where=q:v&where=q2:v2&from=&to=&channel=: every choice question's
 * distribution and the indicator shares, suppressed for small groups. Viewers of the survey's kommun and up.
 */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { db, survey } = await surveyForRole(request, params.slug, "viewer");
    const search = new URL(request.url).searchParams;
    const filters = parseInput(
      query,
      {
        where: search.getAll("where"),
        from: search.get("from") ?? undefined,
        to: search.get("to") ?? undefined,
        channel: search.getAll("channel").filter((c) => c !== ""),
      },
      "problem.filtersInvalid",
    );
    const results = await getResults({ db, surveyId: survey.id, filters });
    return Response.json(
      { survey: { slug: survey.slug, title: survey.title, period: survey.period, kommun: survey.kommun }, ...results },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  });
