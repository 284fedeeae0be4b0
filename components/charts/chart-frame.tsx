import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/** What a lazily loaded chart shows until its code has arrived. */
export function ChartSkeleton() {
  return <Skeleton className="h-full w-full" />;
}

/** The chart's box: an image to assistive technology, named by what the chart shows in words. */
export function ChartFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      {children}
    </div>
  );
}
