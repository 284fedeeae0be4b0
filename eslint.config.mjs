import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Import directions from docs (README "Architecture"): each folder lists what it must NOT import.
 * A wrong arrow fails `npm run lint`.
 */
const forbid = (groups, message) => ({ group: groups, message });

const APP_LAYERS = ["@/app/**", "**/app/**", "@/components/**", "**/components/**"];
const TRPC = ["@/lib/trpc/**", "**/lib/trpc/**"];
const SERVER = ["@/lib/server/**", "**/lib/server/**"];
const GENERATED = ["@/lib/generated/**", "**/generated/prisma*"];
const NEXT = ["next", "next/*", "react", "react-dom", "react/*"];
const PROCESSES = [
  "@/worker/**",
  "**/worker/**",
  "@/agent/**",
  "**/agent/**",
  "@/scripts/**",
  "**/scripts/**",
];

const layer = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

// Flat config: a later entry's rule replaces an earlier one for the same file, so narrower folders come last.
const config = [
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  layer(
    ["lib/domain/**"],
    [
      forbid(
        [
          ...APP_LAYERS,
          ...TRPC,
          ...SERVER,
          ...GENERATED,
          ...PROCESSES,
          "@/lib/schemas/**",
          "**/lib/schemas/**",
        ],
        "lib/domain is pure: it imports only zod and lib/domain.",
      ),
      forbid(
        [
          ...NEXT,
          "node:*",
          "fs",
          "path",
          "crypto",
          "http",
          "https",
          "pg",
          "@prisma/*",
          "prisma",
          "better-sqlite3",
        ],
        "lib/domain is pure: no I/O, no frameworks.",
      ),
    ],
  ),
  layer(
    ["lib/schemas/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...SERVER, ...GENERATED, ...PROCESSES],
        "lib/schemas imports only zod and lib/domain.",
      ),
      forbid([...NEXT, "node:*", "@prisma/*"], "lib/schemas imports only zod and lib/domain."),
    ],
  ),
  layer(
    ["lib/server/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...PROCESSES.filter((p) => !p.includes("scripts"))],
        "lib/server is shared by the web app and the worker: it never imports app, components, lib/trpc, worker or agent.",
      ),
      forbid([...NEXT, "server-only"], "lib/server runs in the worker too: no next/*, react or server-only."),
    ],
  ),
  layer(
    ["lib/trpc/**"],
    [
      forbid(
        [...APP_LAYERS, ...PROCESSES, ...GENERATED],
        "lib/trpc sits between the pages and the services.",
      ),
    ],
  ),
  layer(
    ["lib/trpc/routers/**"],
    [
      forbid(
        [
          ...APP_LAYERS,
          ...GENERATED,
          ...PROCESSES,
          "@/lib/server/db",
          "**/lib/server/db",
          "@/lib/server/repositories/**",
          "**/lib/server/repositories/**",
          "@prisma/*",
        ],
        "A router is input schema → one service call → output: import lib/server/services, lib/schemas and lib/domain, never the database.",
      ),
    ],
  ),
  layer(
    ["worker/**", "agent/**"],
    [
      forbid([...APP_LAYERS, ...TRPC], "The worker and agent never import the web app or tRPC."),
      forbid(NEXT, "The worker and agent never import Next.js or React."),
    ],
  ),
  layer(
    ["app/**", "components/**"],
    [
      forbid(
        [
          ...GENERATED,
          ...PROCESSES,
          "@/lib/server/**",
          "**/lib/server/**",
          "@/lib/trpc/routers/**",
          "**/lib/trpc/routers/**",
          "@/lib/trpc/init",
          "**/lib/trpc/init",
          "@prisma/*",
          "pg",
        ],
        "Pages and components reach data through lib/trpc/{client,server}; they import lib/schemas and lib/domain helpers, never lib/server or the database.",
      ),
    ],
  ),
  layer(
    ["app/api/**"],
    [
      forbid(
        [
          ...GENERATED,
          ...PROCESSES,
          "@/components/**",
          "**/components/**",
          "@/lib/server/repositories/**",
          "**/lib/server/repositories/**",
          "@prisma/*",
          "pg",
        ],
        "Route handlers validate, call one service and answer: no repositories or Prisma here.",
      ),
    ],
  ),
  {
    // The tamper test builds its rounds through the real services; the verifier itself may not.
    files: ["scripts/verify.ts", "scripts/verify/**"],
    ignores: ["scripts/verify/**/*.int.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid(
              ["@/lib/*", "@/lib/**", "../lib/*", "../lib/**", "**/lib/**"],
              "The verifier recomputes everything independently of the server: node:crypto, node:fs, fetch, canonicalize and zod only, nothing from lib/.",
            ),
          ],
        },
      ],
    },
  },
];

export default config;
