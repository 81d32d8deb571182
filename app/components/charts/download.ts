/**
 * Chart downloads, in the browser only (called from click handlers, never during render). The SVG file is the
 * rendered element itself, made standalone: namespace, <title> and <desc> from the chart's title and summary
 * (the page's aria-labelledby targets are not in the file). The PNG is that file drawn on a canvas.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart as a standalone SVG document. */
export function serializeSvg(svg: SVGSVGElement, meta: { title: string; summary: string }): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", SVG_NS);
  clone.removeAttribute("aria-labelledby");
  clone.removeAttribute("style");
  clone.removeAttribute("class");
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = meta.title;
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = meta.summary;
  clone.insertBefore(desc, clone.firstChild);
  clone.insertBefore(title, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Offer `blob` as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the URL only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The SVG document rasterised at `scale` × its size, on white (a PNG has no page background). */
export function svgToPng(svgText: string, width: number, height: number, scale: number = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml;charset=utf-8" }));
    const image = new Image();
    image.onload = () => {
      try {
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        const context = canvas.getContext("2d");
        if (!context) throw new Error("no 2d canvas context");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("canvas.toBlob gave no PNG"))), "image/png");
      } catch (error) {
        reject(error);
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error("the SVG could not be loaded as an image"));
    };
    image.src = url;
  });
}
