import type { Metadata } from "next";
import Link from "next/link";
import { configVersionHref } from "@/components/config-links";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/domain/format-number";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { absolute: "Network overview · Plenum" } };

const EXPLORE = [
  {
    href: "/parameters",
    title: "Parameters",
    text: "Every rule the community can change, in plain language: what it does, its current value and what raising or lowering it would mean.",
  },
  {
    href: "/config",
    title: "Config history",
    text: "Each signed version of the rules, when it took effect and what it changed from the one before.",
  },
  {
    href: "/nodes",
    title: "Nodes",
    text: "The nodes that make up the network: who runs them, where, when they were last seen and which rules they run.",
  },
] as const;

function Stat({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">{formatNumber(value)}</dd>
      {hint ? <dd className="mt-1 text-sm text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

export default async function OverviewPage() {
  const result = await loadWhenReady((api) => api.network.overview());
  if (!result.ready) return <NotReady />;
  const overview = result.data;
  const now = getRequestTime();
  const { activeVersion, latestVersion } = overview;

  return (
    <>
      <PageHeader
        title={overview.name}
        description={
          <p>
            Plenum lets the people who run this network&apos;s nodes decide its reward rules together. Anyone
            can read the rules; operators propose changes, discuss them and vote, with every ordinary node
            given a real say. Each decision becomes a signed config version that every node applies
            automatically.
          </p>
        }
      />

      <section aria-labelledby="rules-heading" className="mb-10">
        <h2 id="rules-heading" className="mb-4 text-2xl font-semibold">
          Rules in force
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle as="h3">Config version {activeVersion.version}</CardTitle>
              <Badge tone="success">Active</Badge>
            </div>
            <p className="mt-2">
              Activated <RelativeTime at={activeVersion.activatedAt} now={now} /> (
              <DateTime at={activeVersion.activatedAt} />
              ).
            </p>
            <p className="mt-3">
              <Link href={configVersionHref(activeVersion.version, latestVersion)}>
                See what version {activeVersion.version} contains
              </Link>
              {" · "}
              <Link href="/parameters">Current parameter values</Link>
            </p>
          </Card>
          <Card>
            <CardTitle as="h3">Coming next</CardTitle>
            {overview.scheduledVersions.length === 0 ? (
              <CardDescription className="text-base">
                No newer version is scheduled. Version {activeVersion.version} is the latest.
              </CardDescription>
            ) : (
              <ul className="mt-2 space-y-2">
                {overview.scheduledVersions.map((scheduled) => (
                  <li key={scheduled.version}>
                    <Link href={configVersionHref(scheduled.version, latestVersion)}>
                      Version {scheduled.version}
                    </Link>{" "}
                    {scheduled.activateAt.getTime() > now.getTime() ? "activates on" : "was due on"}{" "}
                    <DateTime at={scheduled.activateAt} /> (
                    <RelativeTime at={scheduled.activateAt} now={now} />
                    ).
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </section>

      <section aria-labelledby="nodes-heading" className="mb-10">
        <h2 id="nodes-heading" className="mb-4 text-2xl font-semibold">
          Nodes and operators
        </h2>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <Stat label="Active nodes" value={overview.nodes.byStatus.Active} />
          <Stat
            label="Online now"
            value={overview.nodes.online}
            hint={`seen in the last ${overview.onlineWindowMinutes} minutes`}
          />
          <Stat label="Gone" value={overview.nodes.byStatus.Gone} hint="left the network" />
          <Stat label="Operators" value={overview.operatorCount} hint="people or groups running nodes" />
          <Stat label="Regions" value={overview.regionCount} />
        </dl>
        <p className="mt-4">
          <Link href="/nodes">Browse all {formatNumber(overview.nodes.total)} nodes</Link>
        </p>
      </section>

      <section aria-labelledby="explore-heading">
        <h2 id="explore-heading" className="mb-4 text-2xl font-semibold">
          Explore
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {EXPLORE.map((item) => (
            <li key={item.href}>
              <Card className="h-full">
                <CardTitle as="h3">
                  <Link href={item.href}>{item.title}</Link>
                </CardTitle>
                <p className="mt-2 text-muted-foreground">{item.text}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
