import type { ComponentProps } from "react";
import { cx } from "./class-names";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return (
    <div className={cx("rounded-lg border border-border bg-surface p-5 shadow-xs", className)} {...props} />
  );
}

type CardTitleProps = ComponentProps<"h2"> & { as?: "h2" | "h3" | "h4" };

export function CardTitle({ as: Heading = "h2", className, ...props }: CardTitleProps) {
  return <Heading className={cx("text-lg font-semibold leading-snug", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p className={cx("mt-1 text-sm text-muted-foreground", className)} {...props} />;
}
