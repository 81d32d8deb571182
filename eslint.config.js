import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import td from "./scripts/eslint-boundaries.mjs";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      ".cache/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks, td },
    rules: {
      // Import boundaries: server code, feature layers and faces, no cycles (scripts/eslint-boundaries.mjs).
      "td/boundaries": "error",
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Migrations take Kysely<any> by design (they must not depend on the evolving schema types).
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["db/migrations/**", "db/migrate.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
