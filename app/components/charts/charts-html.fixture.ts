import { renderToString } from "react-dom/server";
import type { ReactElement } from "react";

// ---------------------------------------------------------------------------------------------------------------
// A minimal reader for renderToString output (no DOM in the unit tests): elements, attributes and text.

export type El = { tag: string; attrs: Record<string, string>; children: (El | string)[]; parent: El | null };

export const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
export const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

export function parse(html: string): El {
  const root: El = { tag: "#root", attrs: {}, children: [], parent: null };
  let current = root;
  const token = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  for (const m of html.matchAll(token)) {
    const [whole, closing, tag, attrText, selfClosing, text] = m;
    if (whole.startsWith("<!--")) continue;
    if (text !== undefined) {
      current.children.push(decode(text));
      continue;
    }
    const name = (tag as string).toLowerCase();
    if (closing) {
      let el: El | null = current;
      while (el && el.tag !== name) el = el.parent;
      if (!el?.parent) throw new Error(`unbalanced </${name}>`);
      current = el.parent;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) attrs[a[1] as string] = decode(a[2] ?? "");
    const el: El = { tag: name, attrs, children: [], parent: current };
    current.children.push(el);
    if (!selfClosing && !VOID.has(name)) current = el;
  }
  if (current !== root) throw new Error(`unclosed <${current.tag}>`);
  return root;
}

export function all(el: El, pred: (e: El) => boolean): El[] {
  const out: El[] = [];
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (pred(c)) out.push(c);
    out.push(...all(c, pred));
  }
  return out;
}
export const byTag = (el: El, tag: string) => all(el, (e) => e.tag === tag);
export const byPart = (el: El, part: string) => all(el, (e) => e.attrs["data-part"] === part);
export const one = (els: El[]): El => {
  expect(els).toHaveLength(1);
  return els[0] as El;
};
export function text(el: El): string {
  return el.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
}
/** Text of an element without the tooltips (<title>) inside it: what is drawn. */
export function drawnText(el: El): string {
  return el.children.map((c) => (typeof c === "string" ? c : c.tag === "title" ? "" : drawnText(c))).join("");
}
export const num = (el: El, attr: string) => Number(el.attrs[attr]);

export function render(element: ReactElement) {
  const html = renderToString(element);
  const root = parse(html);
  const figure = one(byTag(root, "figure"));
  const svg = one(byTag(figure, "svg"));
  return { html, root, figure, svg, width: num(svg, "width"), height: num(svg, "height") };
}
