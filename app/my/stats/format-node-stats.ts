import { formatNumber } from "@/lib/domain/format-number";

export function formatRating(rating: number): string {
  return formatNumber(rating, { minFractionDigits: 2, maxFractionDigits: 2 });
}

export function formatCredits(credits: number): string {
  return formatNumber(credits, { maxFractionDigits: 2 });
}
