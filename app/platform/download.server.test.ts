import { describe, expect, it } from "vitest";
import { downloadResponse } from "./download.server";

describe("downloadResponse", () => {
  it("serves a file as a named attachment that no cache keeps and no browser sniffs", async () => {
    const res = downloadResponse({
      body: "a;b\r\n1;2\r\n",
      filename: "problembild-kalix-2024.csv",
      contentType: "text/csv; charset=utf-8",
    });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toEqual({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="problembild-kalix-2024.csv"',
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    expect(await res.text()).toBe("a;b\r\n1;2\r\n");
  });

  it("passes bytes through unchanged", async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
    const res = downloadResponse({
      body: bytes,
      filename: "svar-kalix-2024.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });
});
