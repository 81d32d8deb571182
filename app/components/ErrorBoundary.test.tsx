import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n/i18n";
import { ErrorBoundary, fieldMessages, statusMessageKey } from "./ErrorBoundary";

/** Renders the boundary the way Remix does: a route whose loader throws, the boundary as its error element. */
async function shown(thrown: unknown): Promise<string> {
  const routes = [
    {
      path: "/",
      element: <p>page</p>,
      errorElement: <ErrorBoundary />,
      loader: () => {
        throw thrown;
      },
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/?x=1"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
}

describe("the areas' error boundary", () => {
  it("says what a status means in the user's language, sv and en", () => {
    expect(translate("sv", statusMessageKey(404))).toMatch(/finns inte/);
    expect(translate("sv", statusMessageKey(409))).toMatch(/någon annan ändrade/i);
    expect(translate("en", statusMessageKey(409))).toMatch(/someone else changed/i);
    expect(translate("sv", statusMessageKey(503))).toMatch(/försök igen/i);
    expect(statusMessageKey(403)).toBe("error.forbidden");
    expect(statusMessageKey(500)).toBe("error.generic");
  });

  it("shows a conflict in place with the server's words and a way to load the page again", async () => {
    const html = await shown(new Response("Dokumentet har ändrats av någon annan", { status: 409 }));
    expect(html).toContain("Någon annan ändrade det här samtidigt");
    expect(html).toContain("Dokumentet har ändrats av någon annan");
    expect(html).toContain('href="/?x=1"');
    expect(html).not.toContain("<p>page</p>");
  });

  it("lists the field messages of a 422", async () => {
    const html = await shown(new Response(JSON.stringify({}), { status: 422 }));
    expect(html).toContain(translate("sv", "error.invalid"));
    expect(fieldMessages({ message: "x", errors: [{ field: "ar", message: "Ange året" }, { field: "y" }] })).toEqual([
      "Ange året",
    ]);
    expect(fieldMessages("text")).toEqual([]);
  });

  it("hides internal markers and unexpected errors' text", async () => {
    const outage = await shown(new Response("unavailable", { status: 503 }));
    expect(outage).toContain(translate("sv", "error.unavailable"));
    expect(outage).not.toContain(">unavailable<");
    const crash = await shown(new Error("secret stack detail"));
    expect(crash).toContain(translate("sv", "error.generic"));
    expect(crash).not.toContain("secret stack detail");
  });
});
