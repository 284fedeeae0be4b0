import type { ReactNode } from "react";
import type { NetworkDashboard } from "@/lib/schemas/network-stats";

/** Every dashboard section draws on the whole dashboard and the range as it ends a sentence. */
export type StatsSectionProps = { stats: NetworkDashboard; period: string };

export function DashboardSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-12">
      <h2 id={id} className="text-2xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-muted-foreground">{intro}</p>
      <div className="grid gap-6 md:grid-cols-2">{children}</div>
    </section>
  );
}
