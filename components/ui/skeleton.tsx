import { cx } from "./class-names";

export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cx("rounded-md bg-surface-muted motion-safe:animate-pulse", className)}
    />
  );
}

/** A page-shaped placeholder while a data page loads; announced once to screen readers. */
export function PageSkeleton({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div>
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="h-10 w-72 max-w-full" />
      <Skeleton className="mt-4 h-5 w-full max-w-2xl" />
      <Skeleton className="mt-2 mb-8 h-5 w-2/3 max-w-xl" />
      <div className="space-y-3">
        {Array.from({ length: rows }, (_, index) => (
          <Skeleton key={index} className="h-14 w-full" />
        ))}
      </div>
    </div>
  );
}
