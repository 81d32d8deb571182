// Single fetch (v3_singleFetch in remix.config.js): loader and action data keep their types (Dates, Maps) over the
// wire, and useLoaderData<typeof loader>() infers them from the function itself. An augmentation, so this file is a
// module (the import), unlike remix-env.d.ts.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
