import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start", () => {
  it("stops before touching anything when DATABASE_URL is not a supported database", () => {
    const result = spawnSync("node_modules/.bin/tsx", ["scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/plenum", PORT: "3999" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).toMatch(/Accepted forms: file:<path> .* postgres:\/\//);
    expect(result.stdout).not.toContain("Applying migrations");
  });
});
