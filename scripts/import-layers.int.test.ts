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
    ["lib/domain/rule.ts", 'import { getDb } from "@/lib/server/db";'],
    ["lib/domain/rule.ts", 'import { readFileSync } from "node:fs";'],
    ["lib/domain/rule.ts", 'import { nodeListQuerySchema } from "@/lib/schemas/nodes";'],
    ["lib/schemas/contract.ts", 'import { getDb } from "@/lib/server/db";'],
    ["lib/server/services/use-case.ts", 'import { appRouter } from "@/lib/trpc/routers/_app";'],
    ["lib/server/services/use-case.ts", 'import { headers } from "next/headers";'],
    ["lib/trpc/routers/things.ts", 'import { getDb } from "@/lib/server/db";'],
    ["lib/trpc/routers/things.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";'],
    ["worker/jobs/job.ts", 'import { appRouter } from "@/lib/trpc/routers/_app";'],
    ["worker/jobs/job.ts", 'import Link from "next/link";'],
    ["app/page.tsx", 'import { listNodes } from "@/lib/server/services/list-nodes";'],
    ["components/widget.tsx", 'import { getDb } from "@/lib/server/db";'],
    ["app/api/v1/thing/route.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";'],
  ])("%s may not %s", async (filePath, source) => {
    expect(await restrictedImports(filePath, `${source}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ["lib/domain/rule.ts", 'import { z } from "zod";'],
    ["lib/schemas/contract.ts", 'import { PARAMETERS } from "@/lib/domain/parameters/catalogue";'],
    ["lib/server/services/use-case.ts", 'import { DomainError } from "@/lib/domain/errors";'],
    ["lib/trpc/routers/things.ts", 'import { listNodes } from "@/lib/server/services/list-nodes";'],
    ["worker/jobs/job.ts", 'import { getDb } from "@/lib/server/db";'],
    ["app/page.tsx", 'import { getServerApi } from "@/lib/trpc/server";'],
    ["app/api/v1/thing/route.ts", 'import { getDb } from "@/lib/server/db";'],
  ])("%s may %s", async (filePath, source) => {
    expect(await restrictedImports(filePath, `${source}\nexport const x = 1;\n`)).toEqual([]);
  });
});
