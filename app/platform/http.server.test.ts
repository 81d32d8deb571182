import { describe, expect, it } from "vitest";
import { Conflict, Invalid, NotFound, fieldError } from "./errors.server";
import { api, page, pageInput } from "./http.server";

const request = (query = "") => new Request(`http://localhost/app/haparanda/loften/1${query}`);

// Domain errors carry a catalogue key: the JSON API answers in Swedish (docs/api.md), pages in the user's language.
describe("a domain error's message", () => {
  it("is shown on a page in the language of the request", async () => {
    const thrown = await page({ request: request("?lang=en") }, () =>
      Promise.reject(new NotFound("problem.documentNotFound")),
    ).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe("The document does not exist");
  });

  it("fills in its placeholders in that language", async () => {
    const err = new Conflict("loften.error.periodOverlaps", { count: 2, periods: "2025, 2026" });
    expect(err.message).toBe(
      "Perioden överlappar 2 dokument som gäller (2025, 2026). Ändra perioden så att den ersätter högst ett av dem.",
    );
    const thrown = await page({ request: request("?lang=en") }, () => Promise.reject(err)).catch((e: unknown) => e);
    expect(await (thrown as Response).text()).toBe(
      "The period overlaps 2 documents in force (2025, 2026). Change the period so that it replaces at most one of them.",
    );
  });

  it("gives a form its field messages in the language of the request, a message without a key as it is", async () => {
    const invalid = new Invalid([fieldError("place", "dialog.error.place"), { field: "x", message: "as written" }]);
    const result = await pageInput({ request: request("?lang=en") }, () => Promise.reject(invalid));
    expect(result).toMatchObject({
      init: { status: 422 },
      data: {
        message: "The details need correcting",
        errors: [
          { field: "place", message: "Enter the place" },
          { field: "x", message: "as written" },
        ],
      },
    });
  });

  it("is Swedish on a staff page for someone who picked Finnish (the page is shown in Swedish)", async () => {
    const thrown = await page({ request: request("?lang=fi") }, () =>
      Promise.reject(new NotFound("problem.meetingNotFound")),
    ).catch((e: unknown) => e);
    expect(await (thrown as Response).text()).toBe("Mötet finns inte");
  });

  it("is the Swedish text in the JSON API, whatever language the request asks for", async () => {
    const res = await api({ request: request("?lang=en") }, () =>
      Promise.reject(new Invalid([fieldError("place", "dialog.error.place")], "problem.filtersInvalid")),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: "Filtren behöver rättas",
      errors: [{ field: "place", message: "Ange platsen" }],
    });
  });
});
