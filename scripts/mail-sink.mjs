// A local SMTP server that accepts every mail and writes it to a folder as <n>.eml (for the end-to-end tests and
// for trying subscriptions on a developer's machine: SMTP_URL=smtp://127.0.0.1:2525).
//   node scripts/mail-sink.mjs [--port 2525] [--dir .cache/mail]
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg("port", process.env.MAIL_SINK_PORT ?? 2525));
const dir = path.resolve(arg("dir", process.env.MAIL_SINK_DIR ?? ".cache/mail"));
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
let n = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, cb) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      n += 1;
      fs.writeFileSync(path.join(dir, `${String(n).padStart(5, "0")}.eml`), Buffer.concat(chunks));
      cb();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(`mail sink on smtp://127.0.0.1:${port}, writing to ${dir}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
