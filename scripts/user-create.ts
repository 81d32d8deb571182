// npm run user:create -- --email E --role R --org SLUG [--side polis|kommun] [--name NAME]
// Prints `password: ...` (a generated password, or "(unchanged)" for an existing account) and `token: ...`.
import { parseArgs } from "node:util";
import { createAccount, createApiToken, resetPassword } from "../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../app/features/accounts/organisations.server";
import { DomainError, Invalid } from "../app/platform/errors.server";
import type { Role, Side } from "../db/schema";
import { openForCli } from "./cli-db";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    org: { type: "string" },
    side: { type: "string" },
    name: { type: "string" },
    "reset-password": { type: "boolean", default: false },
  },
  strict: true,
});

if (!values.email || !values.role || !values.org) {
  console.error(
    "usage: npm run user:create -- --email E --role admin|analyst|editor|viewer|reporter --org SLUG [--side polis|kommun] (a reporter's zones are chosen on /app/SLUG/est/rapportorer)",
  );
  process.exit(2);
}

const open = await openForCli();
try {
  const org = await getOrganisationBySlug({ db: open.db, slug: values.org });
  const { accountId, password } = await createAccount({
    db: open.db,
    email: values.email,
    displayName: values.name,
    role: values.role as Role,
    organisationId: org.id,
    side: (values.side as Side | undefined) ?? null,
  });
  const pw = password ?? (values["reset-password"] ? await resetPassword({ db: open.db, accountId }) : null);
  const token = await createApiToken({ db: open.db, accountId, label: "user:create" });
  console.log(`password: ${pw ?? "(unchanged: account existed; use --reset-password for a new one)"}`);
  console.log(`token: ${token}`);
} catch (err) {
  if (err instanceof Invalid) for (const e of err.errors) console.error(`error: ${e.field}: ${e.message}`);
  else console.error(`error: ${err instanceof DomainError || err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await open.close();
}
