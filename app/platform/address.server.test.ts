// The day's address key (docs/privacy.md): derived from ADDRESS_KEY_SECRET and the date, so every app server that
// shares the secret makes the same keys (and shares rate limits); a key changes with the day; nothing is read from
// or written to a database. The environment is read once, so it is set before the module is loaded.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";

const SECRET = "a".repeat(16) + "b".repeat(16);

async function load(secret: string | undefined) {
  vi.resetModules();
  if (secret === undefined) delete process.env.ADDRESS_KEY_SECRET;
  else process.env.ADDRESS_KEY_SECRET = secret;
  return import("./address.server");
}

describe("address keys", () => {
  it("are HMAC(HMAC(secret, date), text): the same on every server with the secret, new every day", async () => {
    const a = await load(SECRET);
    const day = new Date("2026-12-07T10:00:00Z");
    const dayKey = crypto.createHmac("sha256", SECRET).update("address-key:2026-12-07").digest();
    expect(a.keyedHash("192.0.2.1", day)).toBe(crypto.createHmac("sha256", dayKey).update("192.0.2.1").digest("hex"));
    const b = await load(SECRET); // another process, same secret
    expect(b.keyedHash("192.0.2.1", day)).toBe(a.keyedHash("192.0.2.1", day));
    expect(b.keyedHash("192.0.2.1", new Date("2026-12-08T10:00:00Z"))).not.toBe(a.keyedHash("192.0.2.1", day));
    // The exported API the sign-in throttle uses stays as it was.
    expect(await b.hashAddress({ db: undefined as never, address: "192.0.2.1" })).toBe(b.keyedHash("192.0.2.1"));
  });

  it("without a secret, each process makes its own (so each counts on its own)", async () => {
    const a = await load(undefined);
    const b = await load(undefined);
    const day = new Date("2026-12-07T10:00:00Z");
    expect(a.keyedHash("192.0.2.1", day)).toBe(a.keyedHash("192.0.2.1", day));
    expect(b.keyedHash("192.0.2.1", day)).not.toBe(a.keyedHash("192.0.2.1", day));
  });

  it("refuses a secret too short to be one", async () => {
    const a = await load("short");
    expect(() => a.keyedHash("192.0.2.1")).toThrow(/ADDRESS_KEY_SECRET/);
    delete process.env.ADDRESS_KEY_SECRET;
  });
});
