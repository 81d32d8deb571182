import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { getPromiseDocument } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { publicUrl } from "~/platform/env.server";
import { NotFound } from "~/platform/errors.server";
import { idParam, page } from "~/platform/http.server";

/** A printable QR code (SVG) to a published promise document's public page, for its poster. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const doc = await getPromiseDocument({ db: await getDb(), id: idParam(params.id), publishedOnly: true });
    if (doc.kommunSlug !== params.kommun) throw new NotFound();
    const svg = await QRCode.toString(publicUrl(`/lofte/${doc.kommunSlug}/${doc.id}`), {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
    return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" } });
  });
