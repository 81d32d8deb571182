/** A file for the user to download, as a model produces it: its content, its name and its media type. */
export interface DownloadFile {
  body: string | Uint8Array<ArrayBuffer>;
  filename: string;
  contentType: string;
}

/**
 * The HTTP response for a file download: an attachment under its name, never stored by a cache (exports carry a
 * kommun's figures and leave the product's access control once saved) and not content-sniffed by the browser.
 */
export function downloadResponse({ body, filename, contentType }: DownloadFile): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
