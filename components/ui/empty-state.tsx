import type { ReactNode } from "react";

type EmptyStateProps = {
  title: string;
  /** What to try next. */
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: "h2" | "h3";
};

export function EmptyState({ title, children, action, headingLevel: Heading = "h2" }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-border-strong bg-surface px-6 py-10 text-center">
      <Heading className="text-lg font-semibold">{title}</Heading>
      {children ? <div className="mx-auto mt-2 max-w-prose text-muted-foreground">{children}</div> : null}
      {action ? <div className="mt-5 flex justify-center">{action}</div> : null}
    </div>
  );
}
