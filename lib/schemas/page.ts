import { z } from "zod";

/** One page of a list: its rows, how many match in all, and where this page sits. */
export function pageSchema<Row extends z.ZodType>(row: Row) {
  return z.object({
    rows: z.array(row),
    total: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
    /** At least 1, so "page 1 of 1" reads right for an empty list. */
    pageCount: z.number().int().positive(),
  });
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** The page result every paged query returns. */
export function toPage<Row>(
  rows: Row[],
  { total, page, pageSize }: { total: number; page: number; pageSize: number },
): Page<Row> {
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
