/**
 * The law's documents as one self-contained HTML file that Word (and LibreOffice) open as a document: Swedish,
 * inline A4 styles, no scripts, links made absolute so that each figure still leads to its view.
 */
import { translate, type MessageKey } from "~/i18n/i18n";
import { PICTURE_SECTIONS } from "./domain/documents";
import type { getSituationPicture } from "./pictures.server";
import type { getActionPlan } from "./plan-view.server";

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

/** The åtgärdsplan as a Word-friendly HTML document: the print view's content, each promise linked absolutely. */
export function planHtml(
  p: Awaited<ReturnType<typeof getActionPlan>>,
  kommun: { slug: string; name: string },
  origin: string,
): string {
  const parts: string[] = [`<h1>${esc(p.title)}</h1>`];
  if (p.demo) parts.push(`<p><em>${esc(sv("plans.demo"))}</em></p>`);
  parts.push(
    `<p>${esc(kommun.name)} · ${esc(p.periodLabel)} · ${esc(sv(`plans.status.${p.status}`))}, ${esc(sv("plans.version", { version: p.version }))} · ${esc(sv("plans.plan.basedOn", { title: p.picture.title, version: p.picture.version }))}</p>`,
  );
  if (p.summary) parts.push(para(p.summary));
  parts.push(`<h2>${esc(sv("plans.decision.title"))}</h2>`);
  if (!p.decision) parts.push(`<p>${esc(sv("plans.decision.none"))}</p>`);
  else {
    const d = p.decision;
    parts.push(
      `<p>${esc(sv("plans.decision.recorded", { body: d.body, date: d.decidedOn, diarienummer: d.diarienummer, paragraph: d.protocolParagraph ? `, ${d.protocolParagraph}` : "" }))}</p>`,
    );
    if (p.revision)
      parts.push(
        `<p>${esc(sv("plans.revision.next", { date: p.revision.nextRevision, months: p.revisionMonths }))} <strong>${esc(sv(`plans.revision.state.${p.revision.state}`, { days: Math.abs(p.revision.daysLeft) }))}</strong></p>`,
      );
  }
  parts.push(
    `<h2>${esc(sv("plans.problems.title"))}</h2>`,
    p.problems.length
      ? `<ol>${p.problems.map((x) => `<li>${esc(x.problem)}</li>`).join("")}</ol>`
      : `<p>${esc(sv("plans.problems.none"))}</p>`,
    `<h2>${esc(sv("plans.measures.title"))}</h2>`,
  );
  const row = (label: string, value: string) => `<tr><th scope="row">${esc(label)}</th><td>${value}</td></tr>`;
  for (const m of p.measures) {
    const target =
      m.outputTarget.kind === "quantity"
        ? ` ${m.outputTarget.quantity} / ${sv(`plans.per.${m.outputTarget.per}`)}`
        : "";
    const promises = m.promises.length
      ? `<ul>${m.promises
          .map(
            (x) =>
              `<li><a href="${esc(`${origin}/app/${kommun.slug}/loften/${x.documentId}`)}">${esc(x.documentTitle)}</a>: ${esc(x.text)}${
                x.progress
                  ? ` (${esc(x.progress.expected !== null ? sv("plans.measures.progress", { done: x.progress.done, expected: x.progress.expected }) : sv("plans.measures.progressNone", { done: x.progress.done }))})`
                  : ""
              }</li>`,
          )
          .join("")}</ul>`
      : esc(sv("plans.measures.noPromises"));
    parts.push(
      `<h3>${esc(m.title)}</h3><table><tbody>`,
      row(sv("plans.measures.ownerKind"), `${esc(sv(`plans.owner.${m.ownerKind}`))}: ${esc(m.ownerName)}`),
      ...(m.description ? [row(sv("plans.measures.description"), para(m.description))] : []),
      row(sv("plans.measures.resources"), esc(m.resources || "–")),
      row(
        `${sv("plans.measures.startsOn")} – ${sv("plans.measures.endsOn")}`,
        `${m.startsOn ?? "–"} – ${m.endsOn ?? "–"}`,
      ),
      row(sv("plans.measures.outputText"), esc(`${m.outputText || "–"}${target}`)),
      row(sv("plans.measures.outcomes"), esc(m.indicators.map((i) => i.label).join("; ") || "–")),
      row(sv("plans.measures.status"), esc(sv(`plans.measureStatus.${m.status}`))),
      row(sv("places.link.label"), esc(m.zone?.name ?? "–")),
      row(
        sv("plans.measures.problems"),
        esc(
          p.problems
            .filter((x) => m.problemIds.includes(x.id))
            .map((x) => `${x.rank}. ${x.problem.split(/[.:]/)[0]}`)
            .join("; ") || "–",
        ),
      ),
      row(sv("plans.measures.promises"), promises),
      "</tbody></table>",
    );
  }
  parts.push(
    `<h2>${esc(sv("plans.rollup.title"))}</h2>`,
    `<p>${esc(sv("plans.rollup.measures", p.rollUp.measures))}</p>`,
    `<p>${esc(sv("plans.rollup.promises", p.rollUp.promises))}</p>`,
  );
  return wordDocument(p.title, parts.join("\n"));
}
