import type { ParameterKind } from "@/lib/domain/parameters/format-amount";

/** Shares are typed as percentages ("10" for 0.1), everything else in its own unit. */
const SHARE_SCALE = 100;

// Twelve significant digits hide binary noise (0.07 × 100 = 7.000000000000001) without losing typed precision.
const tidy = (value: number) => Number(value.toPrecision(12));

/** The text a value shows in its form field: "10" for a 0.1 share, "1.2" for 1.2 credits/GB. */
export function toInputText(kind: ParameterKind, value: number): string {
  return String(tidy(kind === "share" ? value * SHARE_SCALE : value));
}

/** The stored value for what was typed; null when the text is not a number (empty, "abc", "1,5"). */
export function fromInputText(kind: ParameterKind, text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const typed = Number(trimmed);
  if (!Number.isFinite(typed)) return null;
  return kind === "share" ? tidy(typed / SHARE_SCALE) : typed;
}

/** The form field's step and bounds in the unit people type. */
export function inputBounds(
  kind: ParameterKind,
  parameter: { min: number; max: number; step: number },
): { min: number; max: number; step: number } {
  const scale = kind === "share" ? SHARE_SCALE : 1;
  return {
    min: tidy(parameter.min * scale),
    max: tidy(parameter.max * scale),
    step: tidy(parameter.step * scale),
  };
}
