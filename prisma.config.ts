import { defineConfig } from "prisma/config";
import { createMigrationAdapter, databaseFromEnv } from "./lib/server/platform/database-url";

const database = databaseFromEnv(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: database.kind === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: database.kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  adapter: async () => createMigrationAdapter(database),
});
