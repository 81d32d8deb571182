// The project's import boundaries as an ESLint plugin (docs/architecture.md, "Boundaries"):
//  - server-only modules (`*.server.*`) never reach the browser: components, pure `domain/` modules, the i18n
//    code, browser-safe platform modules and the root document may not import them;
//  - features are layered (LAYERS, lowest first) and use each other only downward, through their faces
//    (`index.ts` for pure rules and types, `index.server.ts` for the rest); routes and other app code use
//    features through the faces too; `domain/` stays pure (its feature's domain, other features' `index.ts`,
//    browser-safe platform code);
//  - the platform knows no feature, route or component;
//  - no import cycles between modules of app/ (type-only imports included: a cycle of types is still a knot a
//    reader has to untie).
import fs from "node:fs";
import path from "node:path";

/** Features, lowest first: a feature may use those before it. */
export const LAYERS = ["accounts", "places", "surveys", "dialogue", "crime", "est", "results", "promises", "plans"];

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const rel = (abs) => path.relative(ROOT, abs).split(path.sep).join("/");
const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Resolves an import specifier of `fromRel` to a repository-relative file, or null for packages and assets. */
export function resolveSpecifier(fromRel, spec) {
  let base;
  if (spec.startsWith("~/")) base = path.join(ROOT, "app", spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.join(ROOT, path.dirname(fromRel), spec);
  else return null;
  for (const c of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.mjs`,
    `${base}.js`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    if (isFile(c)) return rel(c);
  }
  return null;
}

const isServer = (p) =>
  /\.server(\.[cm]?[jt]sx?)?$/.test(p) || /\.server\//.test(p) || /(^|\/)entry\.server\.tsx$/.test(p);
const isTest = (p) => /\.test\.[jt]sx?$/.test(p) || p.startsWith("tests/");
const featureOf = (p) => p.match(/^app\/features\/([^/]+)\//)?.[1] ?? null;
const isFace = (p) => /^app\/features\/[^/]+\/index(\.server)?\.ts$/.test(p);
const isDomain = (p) => /^app\/features\/[^/]+\/domain\//.test(p);

/** The kind of module a path is, for the rules below. */
export function zoneOf(p) {
  if (!p.startsWith("app/")) return "outside";
  // root.tsx is a route module too: Remix keeps its loader on the server.
  if (p.startsWith("app/routes/") || p === "app/root.tsx") return "route";
  if (p.startsWith("app/components/")) return "component";
  if (p.startsWith("app/platform/")) return "platform";
  if (p.startsWith("app/i18n/")) return "i18n";
  if (featureOf(p)) return isDomain(p) ? "domain" : "feature";
  return "app";
}

/** What is wrong with `from` importing `to` (both repository-relative), or null. */
export function boundaryProblem(from, to, typeOnly = false) {
  if (isTest(from) || !from.startsWith("app/")) return null;
  const zf = zoneOf(from);
  const zt = zoneOf(to);
  const browserSafe = !isServer(from) && zf !== "route";
  // A type-only import is erased before bundling, so it cannot carry server code to the browser.
  if (browserSafe && isServer(to) && !typeOnly)
    return `${from} may reach the browser and must not import the server-only ${to}`;
  if (zf === "platform" && ["feature", "domain", "route", "component"].includes(zt))
    return `the platform knows no feature, route or component (${to})`;
  if ((zf === "feature" || zf === "domain") && (zt === "route" || zt === "component"))
    return `a feature does not import routes or components (${to})`;
  if (zt === "route" && zf !== "route") return `nothing imports a route module (${to})`;
  const ff = featureOf(from);
  const ft = featureOf(to);
  if (ft && ff !== ft) {
    if (!isFace(to))
      return `use the ${ft} feature through its face (~/features/${ft}/index${isServer(to) ? ".server" : ""}), not ${to}`;
    if (ff) {
      const a = LAYERS.indexOf(ff);
      const b = LAYERS.indexOf(ft);
      if (a < 0 || b < 0 || b >= a)
        return `the ${ff} feature may not use ${ft} (layers, lowest first: ${LAYERS.join(" → ")})`;
    }
  }
  if (zf === "domain" && ft === ff && !isDomain(to)) return `domain/ stays pure: ${to} is not part of ${ff}'s domain`;
  if (zf === "domain" && ft && ft !== ff && !/index\.ts$/.test(to))
    return `domain/ uses other features' pure face only (${to})`;
  return null;
}

// Import graph of app/, read lazily and cached per lint run, for the cycle check.
const SPEC =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm;
const edges = new Map();
function importsOf(p) {
  let e = edges.get(p);
  if (e) return e;
  e = [];
  edges.set(p, e);
  let src = "";
  try {
    src = fs.readFileSync(path.join(ROOT, p), "utf8");
  } catch {
    return e;
  }
  for (const m of src.matchAll(SPEC)) {
    const t = resolveSpecifier(p, m[1] ?? m[2] ?? m[3]);
    if (t && t.startsWith("app/") && !isTest(t)) e.push(t);
  }
  return e;
}
/** A path from `start` back to `target` through app/'s imports, or null. */
export function cycleThrough(target, start) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length) {
    const [n, trail] = stack.pop();
    if (n === target) return trail;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const t of importsOf(n)) stack.push([t, [...trail, t]]);
  }
  return null;
}

const boundaries = {
  meta: { type: "problem", schema: [], docs: { description: "import boundaries of docs/architecture.md" } },
  create(context) {
    const from = rel(context.filename);
    edges.delete(from); // the file being linted may differ from disk (editors); read it fresh next time
    const check = (node, spec) => {
      if (typeof spec !== "string") return;
      const to = resolveSpecifier(from, spec);
      if (!to) return;
      const typeOnly =
        node.importKind === "type" ||
        node.exportKind === "type" ||
        (node.type === "ImportDeclaration" &&
          node.specifiers.length > 0 &&
          node.specifiers.every((s) => s.importKind === "type"));
      const problem = boundaryProblem(from, to, typeOnly);
      if (problem) return context.report({ node, message: problem });
      if (from.startsWith("app/") && to.startsWith("app/") && !isTest(from)) {
        const trail = cycleThrough(from, to);
        if (trail) context.report({ node, message: `import cycle: ${[from, ...trail].join(" → ")}` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && check(n, n.source.value),
    };
  },
};

export default { rules: { boundaries } };
