// ESLint (flat config) with typescript-eslint's type-aware recommended rules: `npm run lint`.
// A rule the code base deliberately does not follow is switched off here with the reason, not by
// editing the files one by one.
import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "dist/", "coverage/", "data/", "src/store/generated/", "prisma/postgres/generated/", "console/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Leaving fields out by destructuring ({ secret, ...rest }) and `_name` for a value kept on purpose are house idioms.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Errors re-thrown for an operator carry one readable Chinese line with the tool's output in it, not a `cause` chain.
      "preserve-caught-error": "off",
      // Platform answers are loosely typed parsed JSON; turning a field into text with String()/template is deliberate there.
      "@typescript-eslint/no-base-to-string": "off",
      // Warn, not fail: the two hits are in src/services/handleMessage.ts, which is being restructured; fix them after that merge.
      "@typescript-eslint/no-unnecessary-type-assertion": "warn",
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read JSON response bodies as `any` (test/helpers/testBot.ts) and assert on them directly.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // A test may spell out a number as JSON.parse reads it, precision loss included.
      "no-loss-of-precision": "off",
      // nock switches itself on for the whole worker when imported; test/helpers/nock.ts keeps it off between files.
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "nock", message: "Import nock from test/helpers/nock.ts and call useNock() or interceptOutboundHttp()." }] },
      ],
    },
  },
  {
    files: ["test/helpers/nock.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["prisma.config.ts"],
    // Prisma's config wants an async adapter factory even when nothing is awaited.
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs) is outside tsconfig: lint it without type information.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
