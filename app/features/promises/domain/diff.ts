/**
 * Readable differences between two versions of a promise document: word by word for texts, field by field for
 * promises and their targets. Pure: works on the snapshots stored with every change (promise-history.server.ts).
 */
import { ACTIVITY_TYPES } from "./activities";
import { formatDateSv, periodPhraseSv, responsibleLabelSv } from "./wording";
import type { ActivityTypeKey, Responsible, Target } from "./target";

export interface PromiseSnapshot {
  id: number;
  text: string;
  responsible: Responsible;
  partners: string[];
  activityType: string;
  activityText: string;
  places: string[];
  target: Target;
  description: string;
  /** The zone the promise is linked to; absent when none (snapshots from before zones have no key). */
  zone?: { id: number; name: string } | null;
}

export interface FocusAreaSnapshot {
  id: number;
  title: string;
  themes: string[];
  background: string;
  promises: PromiseSnapshot[];
}

export interface DocumentSnapshot {
  title: string;
  lead: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  sections: Record<string, string>;
  followUpDue: string | null;
  focusAreas: FocusAreaSnapshot[];
}

export type DiffPart = { op: "same" | "add" | "del"; text: string };

/** A word-level diff (longest common subsequence over words, whitespace kept with the word before it). */
export function diffWords(before: string, after: string): DiffPart[] {
  const tok = (s: string) => s.match(/\S+\s*|\s+/g) ?? [];
  const a = tok(before);
  const b = tok(after);
  // Common prefix and suffix first: most edits touch a few words of a long text.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else if (text) parts.push({ op, text });
  };
  push("same", a.slice(0, pre).join(""));
  if (am.length * bm.length > 4_000_000) {
    // Too long to align word by word: show it as replaced.
    push("del", am.join(""));
    push("add", bm.join(""));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        push("same", am[i]!);
        i++;
        j++;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push("del", am[i++]!);
      else push("add", bm[j++]!);
    }
    while (i < n) push("del", am[i++]!);
    while (j < m) push("add", bm[j++]!);
  }
  push("same", a.slice(a.length - suf).join(""));
  return parts;
}

/** One change between two snapshots, labelled in Swedish. */
export type Change =
  | { kind: "text"; label: string; parts: DiffPart[] }
  | { kind: "field"; label: string; before: string; after: string }
  | { kind: "added" | "removed"; label: string; text: string };

export function targetSv(t: Target): string {
  if (t.kind === "quantity") {
    return `${t.comparator === "at_least" ? "minst " : ""}${t.quantity} ${periodPhraseSv(t.per, t.averaged)}`;
  }
  if (t.kind === "milestone")
    return `delmål ${/^\d{4}-\d{2}-\d{2}$/.test(t.due) ? formatDateSv(t.due) : t.due}: ${t.deliverable}`;
  return "inget mätbart mål";
}

function activitySv(key: string): string {
  return ACTIVITY_TYPES[key as ActivityTypeKey]?.label.sv ?? key;
}

function promiseFields(p: PromiseSnapshot): [string, string][] {
  return [
    ["ansvarig", responsibleLabelSv(p.responsible)],
    ["samarbetspartner", p.partners.join(", ")],
    ["aktivitet", activitySv(p.activityType)],
    ["aktivitetstext", p.activityText],
    ["platser", p.places.join(", ")],
    ["mål", targetSv(p.target)],
    ["beskrivning", p.description],
    ["område", p.zone?.name ?? ""],
  ];
}

const SECTION_LABELS: Record<string, string> = {
  inledning: "Inledning",
  problembild: "Problembild",
  malsattning: "Målsättning",
  genomforande: "Genomförande",
  kommunikation: "Kommunikation",
  uppfoljning: "Uppföljning",
};

function textChange(out: Change[], label: string, before: string, after: string) {
  if (before !== after) out.push({ kind: "text", label, parts: diffWords(before, after) });
}
function fieldChange(out: Change[], label: string, before: string, after: string) {
  if (before !== after) out.push({ kind: "field", label, before, after });
}

/** Every change from `before` to `after`; focus areas and promises are matched by id. */
export function diffSnapshots(before: DocumentSnapshot, after: DocumentSnapshot): Change[] {
  const out: Change[] = [];
  textChange(out, "Titel", before.title, after.title);
  textChange(out, "Ingress", before.lead, after.lead);
  fieldChange(
    out,
    "Period",
    `${before.periodLabel} (${before.periodStart} – ${before.periodEnd})`,
    `${after.periodLabel} (${after.periodStart} – ${after.periodEnd})`,
  );
  const keys = [
    ...new Set([...Object.keys(SECTION_LABELS), ...Object.keys(before.sections), ...Object.keys(after.sections)]),
  ];
  for (const k of keys) textChange(out, SECTION_LABELS[k] ?? k, before.sections[k] ?? "", after.sections[k] ?? "");
  fieldChange(out, "Uppföljningsdatum", before.followUpDue ?? "", after.followUpDue ?? "");
  const oldAreas = new Map(before.focusAreas.map((f) => [f.id, f]));
  const newIds = new Set(after.focusAreas.map((f) => f.id));
  for (const f of before.focusAreas)
    if (!newIds.has(f.id)) out.push({ kind: "removed", label: `Fokusområde ”${f.title}”`, text: f.title });
  for (const f of after.focusAreas) {
    const o = oldAreas.get(f.id);
    const where = `Fokusområde ”${f.title}”`;
    if (!o) {
      out.push({
        kind: "added",
        label: where,
        text: [f.title, f.background, ...f.promises.map((p) => p.text)].filter(Boolean).join("\n"),
      });
      continue;
    }
    textChange(out, `${where}: rubrik`, o.title, f.title);
    fieldChange(out, `${where}: teman`, o.themes.join(", "), f.themes.join(", "));
    textChange(out, `${where}: bakgrund`, o.background, f.background);
    const oldPromises = new Map(o.promises.map((p) => [p.id, p]));
    const kept = new Set(f.promises.map((p) => p.id));
    for (const p of o.promises)
      if (!kept.has(p.id)) out.push({ kind: "removed", label: `${where}: löfte`, text: p.text });
    for (const p of f.promises) {
      const op = oldPromises.get(p.id);
      if (!op) {
        out.push({ kind: "added", label: `${where}: löfte`, text: p.text });
        continue;
      }
      const a = promiseFields(op);
      const b = promiseFields(p);
      for (const [i, [name, value]] of b.entries())
        fieldChange(out, `${where}: löfte ${p.id}, ${name}`, a[i]![1], value);
      textChange(out, `${where}: löfte ${p.id}, lydelse`, op.text, p.text);
    }
  }
  return out;
}

/**
 * `before` with its focus areas' and promises' ids replaced by those of `after` at the same position, for
 * comparing two versions of a document (a revision copies every row, so ids differ while positions match).
 * Rows without a counterpart get negative ids, so they show as removed.
 */
export function alignByPosition(before: DocumentSnapshot, after: DocumentSnapshot): DocumentSnapshot {
  let spare = -1;
  return {
    ...before,
    focusAreas: before.focusAreas.map((f, i) => {
      const g = after.focusAreas[i];
      return {
        ...f,
        id: g ? g.id : spare--,
        promises: f.promises.map((p, j) => ({ ...p, id: g?.promises[j] ? g.promises[j]!.id : spare-- })),
      };
    }),
  };
}
