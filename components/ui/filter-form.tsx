import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "./button";
import { cx } from "./class-names";
import { Input, Label } from "./form-controls";

/**
 * A GET form that filters a list: its fields, then the submit button and, while filters are set, a link
 * that clears them. `className` sets the grid; `actionsClassName` places the button row in it.
 */
export function FilterForm({
  action,
  label,
  submitLabel,
  clearHref,
  className,
  actionsClassName,
  children,
}: {
  action: string;
  label: string;
  submitLabel: string;
  /** Where "Clear filters" leads; no link when null. */
  clearHref: string | null;
  className: string;
  actionsClassName?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={cx("mb-6 grid gap-4 rounded-lg border border-border bg-surface p-4", className)}
    >
      {children}
      <div className={cx("flex flex-wrap items-center gap-4", actionsClassName)}>
        <Button type="submit">{submitLabel}</Button>
        {clearHref ? <Link href={clearHref}>Clear filters</Link> : null}
      </div>
    </form>
  );
}

/** The free-text search field of a FilterForm (`name="search"`). */
export function SearchField({
  id,
  label,
  defaultValue,
  maxLength,
  placeholder,
}: {
  id: string;
  label: string;
  defaultValue: string | undefined;
  maxLength: number;
  placeholder: string;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name="search"
        type="search"
        defaultValue={defaultValue ?? ""}
        maxLength={maxLength}
        autoComplete="off"
        placeholder={placeholder}
      />
    </div>
  );
}
