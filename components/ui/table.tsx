import type { ComponentProps } from "react";
import { cx } from "./class-names";

type TableProps = ComponentProps<"table"> & {
  /** Names the scrollable region for screen readers, so keyboard users can scroll wide tables too. */
  regionLabel: string;
};

export function Table({ regionLabel, className, ...props }: TableProps) {
  return (
    <div
      role="region"
      aria-label={regionLabel}
      tabIndex={0}
      className="w-full overflow-x-auto rounded-lg border border-border bg-surface"
    >
      <table className={cx("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return (
    <caption
      className={cx("px-4 py-3 text-left text-sm text-muted-foreground caption-top", className)}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cx("bg-surface-muted", className)} {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cx("border-t border-border", className)} {...props} />;
}

/** A header cell: a bold column header by default, a lighter row header with `scope="row"`. */
export function TableHead({ scope = "col", className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cx(
        "px-4 py-2.5 align-middle text-foreground",
        "font-semibold",
        scope === "row" ? null : "whitespace-nowrap",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("px-4 py-2.5 align-middle", className)} {...props} />;
}
