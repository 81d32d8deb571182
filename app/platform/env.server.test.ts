import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("gives the server bootstrap's defaults", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      NODE_ENV: "production",
      PORT: 3000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      TD_BUILD_DIR: "build",
      TD_ASSETS_DIR: "public/build",
    });
    expect(e.WEB_CONCURRENCY).toBeUndefined();
  });

  it("reads WEB_CONCURRENCY as a number of processes or auto; empty is unset", () => {
    expect(parseEnv({ WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
    expect(parseEnv({ WEB_CONCURRENCY: "auto" }).WEB_CONCURRENCY).toBe("auto");
    expect(parseEnv({ WEB_CONCURRENCY: "" }).WEB_CONCURRENCY).toBeUndefined();
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ PORT: "abc", WEB_CONCURRENCY: "0", LOG_LEVEL: "loud", HOST: "" })).toThrow(
      /Invalid environment:\n {2}PORT: .*\n {2}HOST: .*\n {2}WEB_CONCURRENCY: a number of processes \(1 or more\), or auto\n {2}LOG_LEVEL: /,
    );
  });
});
