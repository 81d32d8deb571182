import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { getPublicSurvey } from "~/features/surveys/index.server";
import { getDb } from "~/platform/db.server";
import { publicUrl } from "~/platform/env.server";
import { page } from "~/platform/http.server";

/** A printable QR code (SVG) for a survey's short link. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const s = await getPublicSurvey({ db: await getDb(), slug: params.slug! });
    const url = publicUrl(`/e/${s.slug}`);
    const svg = await QRCode.toString(url, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
    return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" } });
  });
