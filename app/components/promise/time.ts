/** Minutes in Swedish time, the same on the server and in any browser (no hydration mismatch). */
export function stockholmTime(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(iso));
}
