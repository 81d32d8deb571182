import type { LoaderFunctionArgs } from "@remix-run/node";
import { kommunZoneAggregates } from "~/features/results/index.server";
import { page } from "~/platform/http.server";

/** The place questions' published figures per zone as GeoJSON (filters as on the problembild; no points). */
export const loader = (args: LoaderFunctionArgs) => page(args, async (ctx) => kommunZoneAggregates(ctx));
