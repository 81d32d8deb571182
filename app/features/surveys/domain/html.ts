// The HTML that a survey definition may carry to the public page, and nothing more.
//
// SurveyJS renders a few definition fields as raw HTML (`dangerouslySetInnerHTML` in survey-react-ui): the `html`
// element, `completedHtml`, `completedBeforeHtml`, `loadingHtml` and each `completedHtmlOnCondition[].html`, each
// either a string or a localized object `{ default, sv, en, fi, ... }`. Those fields are written by analysts
// (builder, JSON upload, API) and shown to every citizen, so they are cut down to a small allow-list here, when a
// definition is saved and again when one is read for a page (definitions stored before this rule existed).
//
// Allowed: p, br, strong, em, b, i, u, ul, ol, li, h2, h3, h4, blockquote, span; the attribute `lang` on each
// (a page mixing languages must say so for screen readers); on `a` also `href` (http, https or mailto only) and
// `title`, with `rel="noopener noreferrer nofollow"` always added. Everything else is escaped so that it shows as
// text: other tags (script, img, svg, iframe, style ...), comments, event handlers, `style`, `javascript:` and
// `data:` URLs. No DOM is needed: a strict tokenizer accepts only tags it fully understands; whatever it does not
// understand is text, and text is always escaped. This file is used by the server and may be used by the browser.

const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "strong",
  "em",
  "b",
  "i",
  "u",
  "ul",
  "ol",
  "li",
  "h2",
  "h3",
  "h4",
  "blockquote",
  "span",
  "a",
]);
const VOID_TAGS = new Set(["br"]);
const ATTRIBUTES: Record<string, Set<string>> = { a: new Set(["href", "title", "lang"]) };
const GLOBAL_ATTRIBUTES = new Set(["lang"]);
const LINK_REL = "noopener noreferrer nofollow";
const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\x00-\x20\x7f]+$/i;
const LANG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

// One tag as the tokenizer accepts it: a name, attributes with quoted, unquoted or no values, an optional slash.
const TAG =
  /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g;
const TEXT_ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, "&quot;");

/** An attribute value as the browser will read it (the entities it would decode that matter for a URL check). */
function decodeAttribute(value: string): string {
  return value.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  });
}

function openTag(name: string, rawAttributes: string, selfClosing: boolean): string {
  const allowed = ATTRIBUTES[name] ?? GLOBAL_ATTRIBUTES;
  const kept: [string, string][] = [];
  for (const m of rawAttributes.matchAll(ATTRIBUTE)) {
    const attr = m[1]!.toLowerCase();
    if (!allowed.has(attr) || kept.some(([a]) => a === attr)) continue;
    // A value is checked as the browser will decode it and written back escaped, so it stays exactly what was checked.
    const value = decodeAttribute(m[2] ?? m[3] ?? m[4] ?? "").trim();
    if (attr === "href" && !SAFE_URL.test(value)) continue;
    if (attr === "lang" && !LANG.test(value)) continue;
    kept.push([attr, value]);
  }
  if (name === "a") kept.push(["rel", LINK_REL]);
  const attrs = kept.map(([a, v]) => ` ${a}="${escapeAttribute(v)}"`).join("");
  return `<${name}${attrs}${selfClosing && VOID_TAGS.has(name) ? " /" : ""}>`;
}

/** The HTML cut down to the allow-list above: well-formed, with every tag it opens closed. */
export function sanitizeHtml(input: string): string {
  const html = input.replace(/\0/g, "\ufffd");
  const open: string[] = [];
  let out = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "&") {
      const entity = TEXT_ENTITY.exec(html.slice(i, i + 40));
      // A well-formed entity reference stays (it can only ever be text); a bare ampersand is escaped.
      out += entity ? entity[0] : "&amp;";
      i += entity ? entity[0].length : 1;
      continue;
    }
    if (c !== "<") {
      out += c === ">" ? "&gt;" : c;
      i++;
      continue;
    }
    const m = TAG.exec(html.slice(i));
    const name = m?.[2]!.toLowerCase();
    if (!m || !name || !ALLOWED_TAGS.has(name)) {
      out += "&lt;";
      i++;
      continue;
    }
    i += m[0].length;
    if (m[1]) {
      // A closing tag closes what it matches and everything opened inside it; one that matches nothing is dropped.
      const at = open.lastIndexOf(name);
      if (at >= 0) while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    out += openTag(name, m[3] ?? "", !!m[4]);
    if (!VOID_TAGS.has(name)) open.push(name);
  }
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

/** The definition fields SurveyJS renders as raw HTML (see the top of this file). */
const SURVEY_HTML_KEYS = ["completedHtml", "completedBeforeHtml", "loadingHtml"];

function sanitizeLocalizable(value: unknown): unknown {
  if (typeof value === "string") return sanitizeHtml(value);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? sanitizeHtml(v) : v]));
  }
  return value;
}

function sanitizeElements(elements: unknown) {
  if (!Array.isArray(elements)) return;
  for (const e of elements) {
    if (!e || typeof e !== "object") continue;
    const el = e as Record<string, unknown>;
    if ("html" in el) el.html = sanitizeLocalizable(el.html);
    // Panels and dynamic panels hold elements of their own.
    sanitizeElements(el.elements);
    sanitizeElements(el.templateElements);
  }
}

/** A copy of a SurveyJS definition with every field that is rendered as HTML sanitised; the rest is untouched. */
export function sanitizeDefinitionHtml<T>(definition: T): T {
  if (!definition || typeof definition !== "object" || Array.isArray(definition)) return definition;
  const copy = structuredClone(definition) as Record<string, unknown>;
  for (const key of SURVEY_HTML_KEYS) if (key in copy) copy[key] = sanitizeLocalizable(copy[key]);
  if (Array.isArray(copy.completedHtmlOnCondition)) {
    for (const c of copy.completedHtmlOnCondition)
      if (c && typeof c === "object" && "html" in c) c.html = sanitizeLocalizable(c.html);
  }
  sanitizeElements(copy.elements);
  if (Array.isArray(copy.pages))
    for (const p of copy.pages)
      if (p && typeof p === "object") sanitizeElements((p as Record<string, unknown>).elements);
  return copy as T;
}
