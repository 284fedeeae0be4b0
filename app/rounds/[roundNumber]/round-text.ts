import { formatNumber } from "@/lib/domain/format-number";

/** "+3" for votes in favour, "-2" against. */
export function formatSignedVotes(votes: number): string {
  return votes > 0 ? `+${formatNumber(votes)}` : formatNumber(votes);
}

/** "1 operator", "12 operators". */
export function formatCount(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
