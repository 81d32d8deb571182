/**
 * The one check for every redirect whose target comes from the user (`?next=`, a form's hidden `next`): only a path
 * on this site passes; anything else gives `fallback`. Browsers read `/\evil.example`, `/%09/evil.example` and
 * `//evil.example` as other hosts, so the value is decoded (repeatedly, for double encoding) and every layer must be
 * a plain path: no backslash, no control character (an encoded space inside a query is fine), no `//` at its start, no scheme.
 */
export function safeRedirectPath(value: unknown, fallback = "/app"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  let layer = value;
  for (let i = 0; i < 5; i++) {
    if (!isPlainPath(layer)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (decoded === layer) break;
    layer = decoded;
    if (i === 4) return fallback; // still changing after five decodings: not a path anyone typed
  }
  // Resolved against a placeholder origin, a plain path must stay on it (belt and braces for parser quirks).
  const base = "http://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}

function isPlainPath(s: string): boolean {
  if (!s.startsWith("/") || s.startsWith("//")) return false;
  // A value that starts with "/" has no scheme; a ":" later on (`/x?a=b:c`) is harmless.
  return !/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u00a0\ufeff]/.test(s);
}
