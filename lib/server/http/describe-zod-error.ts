import type { z } from "zod";

/** One line a person can act on: each failing field with what it allows, e.g. `version: must be …; name: …`. */
export function describeZodError(error: z.ZodError, subject = "request"): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : subject}: ${issue.message}`)
    .join("; ");
}
