import type { ComponentProps } from "react";
import { cx } from "./class-names";

const FIELD =
  "block w-full min-h-11 rounded-md border border-border-strong bg-surface px-3 text-base text-foreground placeholder:text-muted-foreground";

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cx("mb-1 block text-sm font-medium", className)} {...props} />;
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cx(FIELD, "py-2", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cx(FIELD, "py-2 pr-8", className)} {...props} />;
}
