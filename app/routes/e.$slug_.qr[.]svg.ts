import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { getPublicSurvey } from "~/models/survey.server";
import { getDb } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { page } from "~/utils/http.server";

/** A printable QR code (SVG) for a survey's short link. */
export const loader = /* @__PURE__ */ page(async ({ params }: LoaderFunctionArgs) => {
  const s = await getPublicSurvey({ db: await getDb(), slug: params.slug! });
  const url = publicUrl(`/e/${s.slug}`);
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" } });
});
