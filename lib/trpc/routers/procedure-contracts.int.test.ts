import { describe, expect, it } from "vitest";
import { appRouter } from "./_app";

type ProcedureDefinition = { _def: { inputs: unknown[]; output?: unknown; type?: string } };

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>,
);

describe("every procedure's contract", () => {
  it("covers the whole router", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(42);
  });

  it.each(procedures)("%s validates what it returns with a zod output schema", (_path, procedure) => {
    expect(procedure._def.output).toBeDefined();
  });

  it.each(procedures.filter(([, procedure]) => procedure._def.type === "mutation"))(
    "%s validates what it is given",
    (_path, procedure) => {
      expect(procedure._def.inputs.length).toBeGreaterThan(0);
    },
  );
});
