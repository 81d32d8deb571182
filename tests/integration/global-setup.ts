import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Integration tests run against the production build; build it once if it is missing. */
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
}
