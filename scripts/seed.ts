// npm run db:seed: demo organisations, accounts and data. Safe to run twice.
import { seedDemo } from "../db/seed/index";
import { openForCli } from "./cli-db";

const open = await openForCli();
try {
  const summary = await seedDemo({ db: open.db, log: (e) => console.log(`${e.msg}`) });
  console.log(`seed: done (${open.kind}) ${JSON.stringify(summary)}`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await open.close();
}
