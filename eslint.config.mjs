import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Import directions (ARCHITECTURE.md): each folder lists what it must NOT import, except lib/domain,
 * which lists what it MAY import. A wrong arrow fails `npm run lint`.
 */
const forbid = (groups, message) => ({ group: groups, message });

const APP_LAYERS = ["@/app/**", "**/app/**", "@/components/**", "**/components/**"];
const TRPC = ["@/lib/trpc/**", "**/lib/trpc/**"];
const SERVER = ["@/lib/server/**", "**/lib/server/**"];
const GENERATED = ["@/lib/generated/**", "**/generated/prisma*"];
const NEXT = ["next", "next/*", "react", "react-dom", "react/*"];
const WORKER = ["@/worker/**", "**/worker/**"];
const AGENT = ["@/agent/**", "**/agent/**"];
const SCRIPTS = ["@/scripts/**", "**/scripts/**"];
const DEMO = ["@/demo/**", "**/demo/**"];
const TEST_KITS = ["**/testing/**", "**/*.test", "**/*.test.ts"];

/** Test files and the test kits under testing/ folders: they may use what production code may not. */
const TEST_FILES = ["**/*.test.ts", "**/testing/**", "e2e/**"];

const TEST_KIT_FENCE = forbid(
  TEST_KITS,
  "Test kits are for tests: production code may not import a testing/ folder or a test file.",
);

const rule = (files, patterns, ignores) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});
/** Production files of a folder; the test-kit fence is added because a later entry replaces an earlier one's rule. */
const layer = (files, patterns) => rule(files, [...patterns, TEST_KIT_FENCE], TEST_FILES);
/** The tests and test kits of a folder. */
const testLayer = (files, patterns) => rule(files, patterns, []);

const DOMAIN_MESSAGE =
  "lib/domain is the rules: pure TypeScript that imports only zod, canonicalize, lib/domain and files beside it.";
/** lib/domain's allow-list: anything else (an npm package with I/O, node:*, another layer) fails. */
const domainAllowList = (extraPackages) => ({
  regex: `^(?!(?:zod|canonicalize${extraPackages.map((name) => `|${name}`).join("")})$|@/lib/domain/|\\./(?!.*\\.\\.))`,
  message: DOMAIN_MESSAGE,
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
  {
    // Small modules with one job: a production file past 300 lines of code is split along its seams.
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: TEST_FILES,
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  // Production code never imports a test kit; benchmarks drive the platform the way tests do.
  rule(["**/*.ts", "**/*.tsx"], [TEST_KIT_FENCE], [...TEST_FILES, "scripts/bench/**"]),
  layer(["lib/domain/**"], [domainAllowList([])]),
  testLayer(
    ["lib/domain/**/*.test.ts", "lib/domain/**/testing/**"],
    [domainAllowList(["vitest", "fast-check"])],
  ),
  layer(
    ["lib/schemas/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...SERVER, ...GENERATED, ...WORKER, ...AGENT, ...SCRIPTS, ...DEMO],
        "lib/schemas imports only zod and lib/domain.",
      ),
      forbid([...NEXT, "node:*", "@prisma/*"], "lib/schemas imports only zod and lib/domain."),
    ],
  ),
  layer(
    ["lib/server/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...WORKER, ...AGENT, ...SCRIPTS, ...DEMO],
        "lib/server is shared by the web app and the worker: it never imports app, components, lib/trpc, worker, agent, scripts or demo.",
      ),
      forbid([...NEXT, "server-only"], "lib/server runs in the worker too: no next/*, react or server-only."),
    ],
  ),
  // Tests of lib/server talk to the reference agent as the real counterpart node; the test database
  // kit runs the same migrations as `npm start`.
  testLayer(
    ["lib/server/**/*.test.ts", "lib/server/testing/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...WORKER, ...DEMO],
        "lib/server tests never import the web app, tRPC or the worker.",
      ),
      forbid([...NEXT, "server-only"], "lib/server runs in the worker too: no next/*, react or server-only."),
    ],
  ),
  layer(
    ["lib/trpc/**"],
    [
      forbid(
        [...APP_LAYERS, ...WORKER, ...AGENT, ...SCRIPTS, ...DEMO, ...GENERATED],
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
          ...WORKER,
          ...AGENT,
          ...SCRIPTS,
          ...DEMO,
          "@/lib/server/platform/db",
          "**/lib/server/platform/db",
          "@/lib/server/platform/bulk-insert",
          "@/lib/server/platform/env",
          "@prisma/*",
        ],
        "A procedure is input schema → one service call → output: import lib/server/<feature> services, lib/schemas and lib/domain; never the database or the environment (settings come through the context).",
      ),
    ],
  ),
  layer(
    ["worker/**"],
    [
      forbid([...APP_LAYERS, ...TRPC], "The worker never imports the web app or tRPC."),
      forbid(
        AGENT,
        "The worker never imports the agent: the agent is node software, the worker talks to it over HTTP.",
      ),
      forbid(DEMO, "The worker runs every network the same way: it never imports the demo."),
      forbid(NEXT, "The worker never imports Next.js or React."),
    ],
  ),
  testLayer(
    ["worker/**/*.test.ts"],
    [
      forbid(
        AGENT,
        "The worker's tests drive it the way production does: through HTTP, never by importing the agent.",
      ),
    ],
  ),
  layer(
    ["agent/**"],
    [
      forbid([...APP_LAYERS, ...TRPC, ...WORKER], "The agent never imports the web app, tRPC or the worker."),
      forbid(NEXT, "The agent never imports Next.js or React."),
    ],
  ),
  layer(
    ["demo/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...WORKER, ...AGENT],
        "The demo seeds through lib/server; it never imports the app, tRPC, the worker or the agent.",
      ),
      forbid(NEXT, "The demo never imports Next.js or React."),
    ],
  ),
  layer(
    ["demo/data/**"],
    [
      forbid(
        [...APP_LAYERS, ...TRPC, ...SERVER, ...GENERATED, ...WORKER, ...AGENT, ...SCRIPTS],
        "demo/data is pure data: it imports only zod, lib/domain and demo/data.",
      ),
      forbid([...NEXT, "node:*", "fs", "path", "@prisma/*"], "demo/data is pure data: no I/O."),
    ],
  ),
  layer(
    ["app/**", "components/**"],
    [
      forbid(
        [
          ...GENERATED,
          ...WORKER,
          ...AGENT,
          ...SCRIPTS,
          ...DEMO,
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
          ...WORKER,
          ...AGENT,
          ...SCRIPTS,
          ...DEMO,
          "@/components/**",
          "**/components/**",
          "@prisma/*",
          "pg",
        ],
        "Route handlers validate, call one service and answer: no Prisma here.",
      ),
    ],
  ),
  {
    // The tamper test builds its rounds through the real services, and the agreement test holds the two
    // budget rules equal; the verifier itself may not import lib/.
    files: ["scripts/verify.ts", "scripts/verify/**"],
    ignores: ["scripts/verify/**/*.int.test.ts", "scripts/verify/server-agreement.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid(
              ["@/lib/*", "@/lib/**", "../lib/*", "../lib/**", "**/lib/**", ...DEMO, ...AGENT],
              "The verifier recomputes everything independently of the server: node:crypto, node:fs, fetch, canonicalize and zod only, nothing from lib/.",
            ),
          ],
        },
      ],
    },
  },
];

export default config;
