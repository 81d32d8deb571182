/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.server.test.*"],
  serverModuleFormat: "esm",
  // Overridable so that parallel builds (several developers or agents in one checkout) do not collide.
  serverBuildPath: `${process.env.TD_BUILD_DIR ?? "build"}/index.js`,
  assetsBuildDirectory: process.env.TD_ASSETS_DIR ?? "public/build",
  serverPlatform: "node",
  serverDependenciesToBundle: [/^d3(-.*)?$/, "internmap", "delaunator", "robust-predicates"],
  watchPaths: ["db/**/*.ts"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
