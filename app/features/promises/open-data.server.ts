/**
 * Open data (docs/domain/feedback-to-citizens.md#open-data): a kommun's published promises with their targets and
 * progress, its public updates, and its published survey figures, as CSV and JSON under stable addresses, with
 * DCAT-AP-SE metadata for the national data portal. Only what the public pages already show: protected survey
 * figures, public updates' own texts, no notes, places or names.
 */
import { getPublicResults, listPublishedResults } from "~/features/results/index.server";
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { dcatRdfXml, type DcatCatalog } from "./domain/dcat";
import { getPublicProgress } from "./follow-up.server";
import { listPublicUpdates } from "./public-updates.server";
import { listPublishedDocuments } from "./documents.server";

export const OPEN_DATASETS = ["loften", "uppdateringar", "enkatresultat"] as const;
export type OpenDataset = (typeof OPEN_DATASETS)[number];

type Cell = string | number | boolean | null;
export interface OpenTable {
  columns: string[];
  rows: Cell[][];
  /** The newest change among the rows (for the metadata), if known. */
  modified: string | null;
}

const DESCRIPTIONS: Record<
  OpenDataset,
  { title: { sv: string; en: string }; description: { sv: string; en: string } }
> = {
  loften: {
    title: { sv: "Medborgarlöften och hur det går", en: "Citizen promises and their progress" },
    description: {
      sv: "Polisens och kommunens publicerade medborgarlöften: varje löfte med mål (hur mycket, per vilken period), vem som ansvarar, och hur mycket som har gjorts mot förväntat hittills.",
      en: "The published citizen promises of the police and the kommun: each promise with its target, who is responsible, and what has been done against what was expected so far.",
    },
  },
  uppdateringar: {
    title: { sv: "Det här har vi gjort", en: "What we have done" },
    description: {
      sv: "Daterade uppdateringar om vad som har gjorts för löftena, i de ord redaktörerna skrev för invånarna.",
      en: "Dated updates on what was done for the promises, in the words the editors wrote for residents.",
    },
  },
  enkatresultat: {
    title: { sv: "Det här svarade ni: trygghetsenkätens resultat", en: "What you told us: safety survey results" },
    description: {
      sv: "Publicerade resultat från kommunens trygghetsenkät: andel per svarsalternativ med 95 % konfidensintervall. Små grupper visas inte och antal är lätt justerade för att skydda enskilda.",
      en: "Published results of the kommun's safety survey: share per answer with 95 % confidence intervals. Small groups are hidden and counts slightly adjusted to protect individuals.",
    },
  },
};

async function kommunOf(db: Database, slug: string) {
  const k = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!k) throw new NotFound("account.error.kommunNotFound");
  return k;
}

/** One dataset of a kommun as a table. */
export async function openDataTable({
  db,
  kommunSlug,
  dataset,
}: {
  db: Database;
  kommunSlug: string;
  dataset: OpenDataset;
}): Promise<OpenTable> {
  const kommun = await kommunOf(db, kommunSlug);
  if (dataset === "loften") {
    const { documents } = await listPublishedDocuments({ db, kommunSlug: kommun.slug });
    const rows: Cell[][] = [];
    for (const d of documents) {
      const progress = await getPublicProgress({ db, documentId: d.id });
      for (const p of progress.promises) {
        const t = p.target as { kind: string; quantity?: number; per?: string; due?: string };
        rows.push([
          d.id,
          d.title,
          d.version,
          d.period_label,
          d.period_start,
          d.period_end,
          d.inForce,
          p.id,
          p.text,
          t.kind,
          t.quantity ?? null,
          t.per ?? null,
          t.due ?? null,
          p.progress.done,
          p.progress.expected,
          p.progress.total,
          p.progress.status,
          progress.asOf,
        ]);
      }
    }
    const modified = documents
      .map((d) => (d.published_at ? new Date(d.published_at).toISOString() : null))
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1);
    return {
      columns: [
        "dokument_id",
        "dokument",
        "version",
        "period",
        "period_start",
        "period_slut",
        "galler_nu",
        "lofte_id",
        "lofte",
        "mal_typ",
        "mal_antal",
        "mal_per",
        "mal_datum",
        "gjort",
        "forvantat_hittills",
        "forvantat_totalt",
        "status",
        "per_datum",
      ],
      rows,
      modified: modified ?? null,
    };
  }
  if (dataset === "uppdateringar") {
    const updates = await listPublicUpdates({ db, kommunId: kommun.id, limit: 10_000 });
    return {
      columns: ["uppdatering_id", "datum", "dokument_id", "lofte", "antal", "text", "andrad"],
      rows: updates.map((u) => [u.id, u.doneOn, u.documentId, u.promiseText, u.quantity, u.text, u.changedAt]),
      modified:
        updates
          .map((u) => u.changedAt)
          .sort()
          .at(-1) ?? null,
    };
  }
  const rows: Cell[][] = [];
  const published = await listPublishedResults({ db, kommun: kommun.slug });
  for (const r of published) {
    const res = await getPublicResults({ db, kommun: kommun.slug, slug: r.slug });
    for (const q of res.questions)
      for (const o of q.options)
        rows.push([
          res.survey.slug,
          res.survey.title,
          res.survey.period,
          res.respondents,
          q.name,
          q.title,
          q.answered,
          o.value,
          o.label,
          o.suppressed ? null : o.share,
          o.suppressed ? null : o.ci_low,
          o.suppressed ? null : o.ci_high,
          o.suppressed,
        ]);
  }
  return {
    columns: [
      "enkat",
      "enkat_titel",
      "period",
      "svarande",
      "fraga",
      "fraga_text",
      "svar_pa_fragan",
      "alternativ",
      "alternativ_text",
      "andel",
      "ki_lag",
      "ki_hog",
      "dold",
    ],
    rows,
    modified:
      published
        .map((r) => r.publicSince)
        .filter((x): x is string => x !== null)
        .sort()
        .at(-1) ?? null,
  };
}

/** RFC 4180 CSV (comma, dot decimals, CRLF, UTF-8 without BOM): what data portals and tools read. */
export function openDataCsv(table: OpenTable): string {
  const field = (v: Cell) => {
    if (v === null) return "";
    const s = typeof v === "boolean" ? (v ? "true" : "false") : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns, ...table.rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

/** The same table as JSON: one object per row, with the dataset's name, kommun, licence and time. */
export function openDataJson(table: OpenTable, meta: { dataset: OpenDataset; kommun: string }) {
  return {
    dataset: meta.dataset,
    kommun: meta.kommun,
    license: "CC0-1.0",
    modified: table.modified,
    rows: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] ?? null]))),
  };
}

/** The kommun's DCAT-AP-SE catalogue (RDF/XML) of the three datasets. */
export async function openDataCatalog({
  db,
  kommunSlug,
  origin,
  contactEmail,
}: {
  db: Database;
  kommunSlug: string;
  origin: string;
  contactEmail?: string;
}): Promise<string> {
  const kommun = await kommunOf(db, kommunSlug);
  const base = `${origin}/oppna-data/${kommun.slug}`;
  const catalog: DcatCatalog = {
    id: `${base}#katalog`,
    title: { sv: `Trygghetsarbete i ${kommun.name}`, en: `Community safety work in ${kommun.name}` },
    description: {
      sv: `Medborgarlöften, uppföljning och trygghetsenkätens resultat från ${kommun.name} och polisen.`,
      en: `Citizen promises, follow-up and safety survey results from ${kommun.name} and the police.`,
    },
    homepage: `${origin}/lofte/${kommun.slug}`,
    publisher: { id: `${base}#utgivare`, name: kommun.name },
    contact: { name: kommun.name, email: contactEmail, url: `${origin}/lofte/${kommun.slug}` },
    datasets: [],
  };
  for (const dataset of OPEN_DATASETS) {
    const table = await openDataTable({ db, kommunSlug: kommun.slug, dataset });
    catalog.datasets.push({
      id: `${base}#${dataset}`,
      ...DESCRIPTIONS[dataset],
      landingPage: base,
      modified: table.modified,
      distributions: [
        { url: `${base}/${dataset}.csv`, format: "CSV" },
        { url: `${base}/${dataset}.json`, format: "JSON" },
      ],
    });
  }
  return dcatRdfXml(catalog);
}

/** The datasets' names and descriptions, for the open-data page. */
export function openDatasetInfo() {
  return OPEN_DATASETS.map((d) => ({ dataset: d, ...DESCRIPTIONS[d] }));
}
