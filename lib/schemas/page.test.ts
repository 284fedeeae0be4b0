import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pageSchema, toPage } from "./page";

describe("toPage", () => {
  it.each([
    [0, 25, 1],
    [1, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [1_000, 7, 143],
  ])("%i rows in pages of %i make %i pages", (total, pageSize, pageCount) => {
    expect(toPage([], { total, page: 1, pageSize }).pageCount).toBe(pageCount);
  });

  it("passes the schema it is described by", () => {
    const page = toPage([{ id: "a" }], { total: 1, page: 1, pageSize: 10 });
    expect(pageSchema(z.object({ id: z.string() })).parse(page)).toEqual(page);
  });
});
