import { isDatabaseReachable } from "~/platform/db.server";

export async function loader() {
  const ok = await isDatabaseReachable();
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "reachable" : "unreachable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store", ...(ok ? {} : { "Retry-After": "5" }) } },
  );
}
