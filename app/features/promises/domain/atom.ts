/**
 * Atom feeds (RFC 4287) of what a kommun tells its residents: published promise documents, public follow-up
 * updates and published survey results (docs/domain/feedback-to-citizens.md). Pure: builds the XML from plain data.
 */
export interface AtomEntry {
  /** A permanent IRI that never changes for this entry (a tag: URI). */
  id: string;
  title: string;
  /** ISO 8601 date-time of the entry's last change. */
  updated: string;
  /** The public page the entry is about. */
  url: string;
  /** Plain text. */
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own address. */
  self: string;
  /** The public page the feed follows. */
  alternate: string;
  author: string;
  /** Used when there are no entries (the feed's `updated` is otherwise its newest entry's). */
  fallbackUpdated: string;
  entries: AtomEntry[];
  lang: string;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for XML content and attributes; characters XML 1.0 does not allow are dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A tag: URI (RFC 4151) under the installation's host name, e.g. tag:example.se,2026:kalix/update/12. */
export function tagUri(host: string, path: string): string {
  const authority = host.replace(/:\d+$/, "").toLowerCase() || "localhost";
  return `tag:${authority},2026:${path}`;
}

/** The feed as XML, newest entry first. */
export function atomXml(feed: AtomFeed): string {
  const entries = [...feed.entries].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const updated = entries[0]?.updated ?? feed.fallbackUpdated;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${xmlText(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${xmlText(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    ...entries.flatMap((e) => [
      `  <entry>`,
      `    <id>${xmlText(e.id)}</id>`,
      `    <title>${xmlText(e.title)}</title>`,
      `    <updated>${xmlText(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>`,
      `    <summary type="text">${xmlText(e.summary)}</summary>`,
      `  </entry>`,
    ]),
    `</feed>`,
  ];
  return lines.join("\n") + "\n";
}
