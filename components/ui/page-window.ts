export type PageWindowItem = number | "gap";

/**
 * The page numbers a pager shows: always the first and last page, the current one with `around`
 * neighbours each side, and "gap" where pages are skipped (a gap never hides just one page).
 */
export function pageWindow(page: number, pageCount: number, around = 1): PageWindowItem[] {
  const wanted = new Set<number>([1, pageCount]);
  for (let n = page - around; n <= page + around; n += 1) if (n >= 1 && n <= pageCount) wanted.add(n);
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: PageWindowItem[] = [];
  for (const n of sorted) {
    const previous = items.at(-1);
    if (typeof previous === "number" && n - previous === 2) items.push(previous + 1);
    else if (typeof previous === "number" && n - previous > 2) items.push("gap");
    items.push(n);
  }
  return items;
}
