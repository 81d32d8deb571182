/**
 * The law's documents as one self-contained HTML file that Word (and LibreOffice) open as a document: Swedish,
 * inline A4 styles, no scripts, links made absolute so that each figure still leads to its view.
 */
import { translate, type MessageKey } from "~/i18n/i18n";
import { PICTURE_SECTIONS } from "./domain/documents";
import type { getSituationPicture } from "./pictures.server";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const sv = (k: string, p?: Record<string, string | number>) => translate("sv", k as MessageKey, p);
const para = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((x) => `<p>${esc(x).replace(/\n/g, "<br>")}</p>`)
    .join("\n");

const STYLE = `@page { size: A4; margin: 18mm 16mm; }
body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }`;

/** A whole HTML document around `body`. */
export function wordDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>`;
}

/** The lägesbild as a Word-friendly HTML document. */
export function pictureHtml(
  p: Awaited<ReturnType<typeof getSituationPicture>>,
  kommunName: string,
  origin: string,
): string {
  const parts: string[] = [`<h1>${esc(p.title)}</h1>`];
  if (p.demo) parts.push(`<p><em>${esc(sv("plans.demo"))}</em></p>`);
  parts.push(
    `<p>${esc(kommunName)} · ${esc(p.periodLabel)} (${p.periodStart}–${p.periodEnd}) · ${esc(sv(`plans.status.${p.status}`))}, ${esc(sv("plans.version", { version: p.version }))}</p>`,
  );
  for (const s of PICTURE_SECTIONS) {
    parts.push(`<h2>${esc(sv(`plans.section.${s}`))}</h2>`, para(p.sections[s]));
    if (s === "sources") {
      parts.push(
        `<table><thead><tr><th>${esc(sv("plans.sources.source"))}</th><th>${esc(sv("plans.sources.state"))}</th><th>${esc(sv("plans.sources.note"))}</th></tr></thead><tbody>`,
        ...p.sources.map(
          (x) =>
            `<tr><td>${esc(sv(`plans.source.${x.key}`))}</td><td>${esc(sv(`plans.sourceState.${x.state}`))}</td><td>${esc(x.note)}</td></tr>`,
        ),
        "</tbody></table>",
      );
    }
    const figs = p.figures.find((f) => f.section === s)?.figures ?? [];
    if (figs.length)
      parts.push(
        `<h3>${esc(sv("plans.figures"))}</h3><ul>`,
        ...figs.map((f) => `<li><a href="${esc(origin + f.href)}">${esc(f.label)}</a></li>`),
        "</ul>",
      );
  }
  parts.push(`<h2>${esc(sv("plans.problems.title"))}</h2>`);
  parts.push(
    p.problems.length
      ? `<ol>${p.problems
          .map(
            (x) =>
              `<li>${para(x.problem)}<p><strong>${esc(sv("plans.problems.causes"))}:</strong> ${esc(x.causes || "–")}</p><p><strong>${esc(sv("plans.problems.affected"))}:</strong> ${esc(x.affected || "–")}</p><p><strong>${esc(sv("plans.problems.whereWhen"))}:</strong> ${esc(x.whereWhen || "–")}</p><p><strong>${esc(sv("plans.problems.alreadyDone"))}:</strong> ${esc(x.alreadyDone || "–")}</p></li>`,
          )
          .join("\n")}</ol>`
      : `<p>${esc(sv("plans.problems.none"))}</p>`,
  );
  return wordDocument(p.title, parts.join("\n"));
}

/** A download file name from a title: letters, digits and dashes. */
export function fileNameOf(title: string, ext: string) {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return `${base || "dokument"}.${ext}`;
}
