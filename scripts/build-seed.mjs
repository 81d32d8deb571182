// The demo seed as its own bundle, build/seed.js (part of `npm run build`): the server loads it only when it fills a
// brand-new embedded database (app/entry.server.tsx), so the demo data stays out of build/index.js. Bundled with the
// esbuild that Remix's compiler uses; packages stay imports from node_modules, as in the server bundle, so that an
// in-process seed shares the server's Kysely and PGlite.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, process.env.TD_BUILD_DIR ?? "build", "seed.js");

/** Bare package imports (kysely, survey-core, @electric-sql/pglite, node:*) stay external; `~/` is the app's alias. */
const packagesExternal = {
  name: "packages-external",
  setup(b) {
    b.onResolve({ filter: /^[^./~]/ }, (args) =>
      path.isAbsolute(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ["db/seed/entry.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(root, "tsconfig.json"),
  minifySyntax: true,
  logLevel: "warning",
  plugins: [packagesExternal],
});
console.log(`seed bundle: ${path.relative(root, outfile)}`);
