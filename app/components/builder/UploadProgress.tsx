import { useSyncExternalStore } from "react";
import { decode } from "turbo-stream";
import { useT } from "~/i18n/use-t";

// --- Upload progress (browser only) ---------------------------------------------------------------------
// A fetch() upload reports no progress, so with JavaScript the form is sent with XMLHttpRequest to the same
// single-fetch endpoint Remix itself posts to (`<path>.data`), decoded with the turbo-stream decoder Remix uses.
// The route's clientAction sends anything but plain action data (an error page, a redirect to sign-in) through
// Remix's own serverAction.

type Upload = { phase: "idle" | "uploading" | "processing"; percent: number };
const IDLE: Upload = { phase: "idle", percent: 0 };
let upload = IDLE;
const listeners = new Set<() => void>();
const setUpload = (u: Upload) => {
  upload = u;
  listeners.forEach((l) => l());
};
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

/** Back to idle once the action has answered (or failed). */
export const resetUpload = () => setUpload(IDLE);

/**
 * Posts a form to the route's single-fetch endpoint, reporting progress: the action's data (typed by the caller as
 * its action's answer, as Remix's own decoding is), "failed" when the request failed, or null for anything else.
 */
export function postWithProgress<Answer>(url: string, body: FormData): Promise<{ data: Answer } | "failed" | null> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const u = new URL(url, window.location.origin);
    u.pathname = `${u.pathname.replace(/\/$/, "")}.data`;
    xhr.open("POST", u.toString());
    xhr.responseType = "blob";
    xhr.upload.onprogress = (e) =>
      e.lengthComputable && setUpload({ phase: "uploading", percent: Math.floor((e.loaded / e.total) * 100) });
    xhr.upload.onload = () => setUpload({ phase: "processing", percent: 100 });
    xhr.onerror = () => resolve("failed");
    xhr.onload = async () => {
      try {
        if (xhr.status !== 200 && xhr.status !== 422) return resolve(null);
        const { value } = await decode(new Response(xhr.response as Blob).body!);
        resolve(
          value && typeof value === "object" && "data" in value ? { data: (value as { data: Answer }).data } : null,
        );
      } catch {
        resolve(null);
      }
    };
    setUpload({ phase: "uploading", percent: 0 });
    xhr.send(body);
  });
}

/** The upload's progress while a file is sent and processed; nothing when idle. */
export function ProgressBar() {
  const t = useT();
  const u = useSyncExternalStore(
    subscribe,
    () => upload,
    () => IDLE,
  );
  if (u.phase === "idle") return null;
  return (
    <div className="stack">
      <label htmlFor="upload-progress">{t("import.progressLabel")}</label>
      <progress
        id="upload-progress"
        max={100}
        value={u.phase === "uploading" ? u.percent : undefined}
        aria-describedby="upload-status"
      />
      <p id="upload-status" role="status">
        {u.phase === "uploading"
          ? t("import.uploading", { percent: Math.floor(u.percent / 10) * 10 })
          : t("import.processing")}
      </p>
    </div>
  );
}
