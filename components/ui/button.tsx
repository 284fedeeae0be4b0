import { Slot } from "@radix-ui/react-slot";
import type { ComponentProps } from "react";
import { cx } from "./class-names";

const VARIANTS = {
  primary: "bg-accent text-accent-foreground hover:bg-accent-hover hover:text-accent-foreground",
  secondary:
    "border border-border-strong bg-surface text-foreground hover:bg-surface-muted hover:text-foreground",
  ghost: "text-foreground hover:bg-surface-muted hover:text-foreground",
} as const;

const SIZES = {
  sm: "min-h-9 px-3 text-sm",
  md: "min-h-11 px-4 text-base",
} as const;

export type ButtonProps = ComponentProps<"button"> & {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  /** Render the single child (a link, say) with the button's look instead of a <button>. */
  asChild?: boolean;
};

export function Button({
  variant = "primary",
  size = "md",
  asChild = false,
  className,
  type,
  ...props
}: ButtonProps) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      type={asChild ? undefined : (type ?? "button")}
      className={cx(
        "inline-flex items-center justify-center gap-2 rounded-md font-medium no-underline transition-colors",
        "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60",
        VARIANTS[variant],
        SIZES[size],
        className,
      )}
      {...props}
    />
  );
}
