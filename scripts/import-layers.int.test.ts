import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((message) => message.message);
}

describe("import directions (eslint.config.mjs)", () => {
  it.each([
    ["lib/domain/rule.ts", 'import { getDb } from "@/lib/server/platform/db";'],
    ["lib/domain/rule.ts", 'import { readFileSync } from "node:fs";'],
    ["lib/domain/rule.ts", 'import { nodeListQuerySchema } from "@/lib/schemas/nodes";'],
    ["lib/domain/rule.ts", 'import got from "got";'],
    ["lib/domain/rule.ts", 'import { request } from "undici";'],
    ["lib/domain/rule.ts", 'import { demoNetwork } from "@/demo/data/demo-network";'],
    ["lib/domain/voting/rule.ts", 'import { x } from "./../server/thing";'],
    ["lib/domain/voting/rule.ts", 'import { x } from "../../server/platform/db";'],
    ["lib/domain/voting/rule.ts", 'import fc from "fast-check";'],
    [
      "lib/server/voting/use-case.ts",
      'import { createTestDatabase } from "@/lib/server/testing/test-database";',
    ],
    ["lib/server/voting/use-case.ts", 'import { seedDemoNetwork } from "@/demo/seed/seed-demo-network";'],
    [
      "lib/server/voting/use-case.ts",
      'import { startLoopbackNodes } from "@/agent/config-endpoint/loopback-nodes";',
    ],
    ["lib/trpc/routers/things.ts", 'import { loadEnv } from "@/lib/server/platform/env";'],
    ["worker/jobs/job.ts", 'import { startLoopbackNodes } from "@/agent/config-endpoint/loopback-nodes";'],
    [
      "worker/jobs/job.int.test.ts",
      'import { startLoopbackNodes } from "@/agent/config-endpoint/loopback-nodes";',
    ],
    ["agent/fleet/run.ts", 'import { createWebhookSecret } from "@/agent/testing/push-test-kit";'],
    ["scripts/admin.ts", 'import { createTestDatabase } from "@/lib/server/testing/test-database";'],
    ["lib/schemas/contract.ts", 'import { getDb } from "@/lib/server/platform/db";'],
    ["lib/server/voting/use-case.ts", 'import { appRouter } from "@/lib/trpc/routers/_app";'],
    ["lib/server/voting/use-case.ts", 'import { headers } from "next/headers";'],
    ["lib/trpc/routers/things.ts", 'import { getDb } from "@/lib/server/platform/db";'],
    ["lib/trpc/routers/things.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";'],
    ["worker/jobs/job.ts", 'import { appRouter } from "@/lib/trpc/routers/_app";'],
    ["worker/jobs/job.ts", 'import Link from "next/link";'],
    ["app/page.tsx", 'import { listNodes } from "@/lib/server/nodes/node-queries";'],
    ["components/widget.tsx", 'import { getDb } from "@/lib/server/platform/db";'],
    ["app/api/v1/thing/route.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";'],
  ])("%s may not %s", async (filePath, source) => {
    expect(await restrictedImports(filePath, `${source}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ["lib/domain/rule.ts", 'import { z } from "zod";'],
    ["lib/domain/voting/rule.ts", 'import { ballotCost } from "./quadratic-cost";'],
    ["lib/domain/voting/rule.test.ts", 'import fc from "fast-check";'],
    [
      "lib/server/voting/use-case.int.test.ts",
      'import { startLoopbackNodes } from "@/agent/config-endpoint/loopback-nodes";',
    ],
    [
      "lib/server/voting/use-case.int.test.ts",
      'import { createTestDatabase } from "@/lib/server/testing/test-database";',
    ],
    ["scripts/bench/thing.ts", 'import { signNodeRequest } from "@/lib/server/testing/sign-node-request";'],
    ["demo/seed/seed-thing.ts", 'import { getDb } from "@/lib/server/platform/db";'],
    ["lib/schemas/contract.ts", 'import { PARAMETERS } from "@/lib/domain/parameters/catalogue";'],
    ["lib/server/voting/use-case.ts", 'import { DomainError } from "@/lib/domain/errors";'],
    ["lib/trpc/routers/things.ts", 'import { listNodes } from "@/lib/server/nodes/node-queries";'],
    ["worker/jobs/job.ts", 'import { getDb } from "@/lib/server/platform/db";'],
    ["app/page.tsx", 'import { getServerApi } from "@/lib/trpc/server";'],
    ["app/api/v1/thing/route.ts", 'import { getDb } from "@/lib/server/platform/db";'],
  ])("%s may %s", async (filePath, source) => {
    expect(await restrictedImports(filePath, `${source}\nexport const x = 1;\n`)).toEqual([]);
  });
});
