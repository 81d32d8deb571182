// Browser-side keeping of a respondent's progress and of an answer waiting to be sent. Everything lives in
// localStorage on the respondent's own device, so a reload, a lost connection or a closed tab loses nothing.

export interface Draft {
  /** The response id, made once per answer: retries reuse it, so the server stores the answer once. */
  id: string;
  data: Record<string, unknown>;
  page: number;
  /** Set when the respondent pressed "Skicka": the answer is complete and waiting for the server's receipt. */
  pending: boolean;
  code?: string;
}

const key = (scope: string) => `td:survey:${scope}`;

export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  // Older phones and plain-http pages lack randomUUID: RFC 4122 v4 from getRandomValues.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function loadDraft(scope: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(scope));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return typeof d?.id === "string" && d.data && typeof d.data === "object" ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(scope: string, draft: Draft) {
  try {
    localStorage.setItem(key(scope), JSON.stringify(draft));
  } catch {
    /* storage full or disabled (private mode): the answer still goes out if the network works */
  }
}

export function clearDraft(scope: string) {
  try {
    localStorage.removeItem(key(scope));
  } catch {
    /* ignore */
  }
}

export type SendResult =
  | { kind: "stored" }
  | { kind: "invalid"; errors: { question: string; message: string }[] }
  | { kind: "closed" }
  | { kind: "not_found" }
  | { kind: "code_rejected" }
  | { kind: "retry"; reason: "offline" | "server" | "rate_limited"; afterSeconds: number };

/** Sends one answer once; tells the caller whether to stop, show errors, or retry later. */
export async function sendAnswer(
  endpoint: string,
  body: { id: string; data: Record<string, unknown>; locale: string; channel: string; code?: string },
  headers: Record<string, string> = {},
): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { kind: "retry", reason: "offline", afterSeconds: 5 };
  }
  if (res.status === 200 || res.status === 201) return { kind: "stored" };
  if (res.status === 422) {
    const json = (await res.json().catch(() => ({}))) as {
      errors?: { question?: string; field?: string; message: string }[];
    };
    return {
      kind: "invalid",
      errors: (json.errors ?? []).map((e) => ({ question: e.question ?? e.field ?? "", message: e.message })),
    };
  }
  if (res.status === 410) return { kind: "closed" };
  if (res.status === 404) return { kind: "not_found" };
  if (res.status === 403) return { kind: "code_rejected" };
  if (res.status === 409) return { kind: "stored" }; // our id already holds an answer: it arrived before
  const retryAfter = Number(res.headers.get("retry-after"));
  return {
    kind: "retry",
    reason: res.status === 429 ? "rate_limited" : "server",
    afterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 120) : 10,
  };
}

// "This answer was sent", so that a reload after the thank-you says so instead of showing an empty form. Kept in
// sessionStorage on purpose: it lives only as long as the tab, so on a shared computer or a library's tablet the
// next person who opens the survey in a new tab meets an empty form, not someone else's receipt. It holds no answer.
const sentKey = (scope: string) => `td:sent:${scope}`;

export function markSent(scope: string) {
  try {
    sessionStorage.setItem(sentKey(scope), "1");
  } catch {
    /* storage disabled: a reload shows the empty form, as before */
  }
}

export function wasSent(scope: string): boolean {
  try {
    return sessionStorage.getItem(sentKey(scope)) === "1";
  } catch {
    return false;
  }
}

export function clearSent(scope: string) {
  try {
    sessionStorage.removeItem(sentKey(scope));
  } catch {
    /* ignore */
  }
}
