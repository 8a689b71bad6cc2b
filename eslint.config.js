// Flat config shared by every package: each package's `eslint .` finds this file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/src/generated/**",
      "**/.data/**",
      "**/test-artifacts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // An instant's UTC text cut to 10 characters is yesterday in Shanghai from 00:00 to 08:00
    // (a CI run at 00:06 Shanghai time showed 签收 on the wrong day). Days come from the calendar
    // modules: shanghaiDay for instants, dateOnly/formatDay for `date` columns.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: [
      "packages/domain/src/calendar.ts",
      "apps/web/src/lib/dates.ts",
      "**/*.test.ts",
      "**/*.test.tsx",
      "**/e2e/**",
      "bench/**",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.type='CallExpression'][callee.object.callee.property.name=/^(toISOString|toJSON)$/]",
          message:
            "An instant's UTC date is not the Shanghai day: use shanghaiDay() (instants) or dateOnly()/formatDay() (date columns).",
        },
      ],
    },
  },
);
