import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { makeTestTemplate } from "../support/test-db";

/**
 * Integration tests run against the production build; build it once if it is missing. Then one migrated template
 * database for the whole run, which every test file's database is copied from (tests/support/test-db.ts).
 */
export default async function setup() {
  const root = path.resolve(__dirname, "../..");
  if (!fs.existsSync(path.join(root, process.env.TD_BUILD_DIR ?? "build", "index.js"))) {
    execSync("npm run build", { cwd: root, stdio: "inherit" });
  }
  if (process.env.TEST_DB === "postgres") {
    const url = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  }
  fs.mkdirSync(path.join(root, ".cache"), { recursive: true });
  const made = await makeTestTemplate(path.join(root, ".cache", `pglite-template-${process.pid}.tar`));
  process.env.TD_TEST_TEMPLATE = made.value;
  return async () => {
    await made.remove();
  };
}
