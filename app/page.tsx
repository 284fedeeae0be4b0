import type { Metadata } from "next";
import Link from "next/link";
import { configVersionHref } from "@/components/config-links";
import { NetworkHeadline, StatTile } from "@/components/charts/network-headline";
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

export default async function OverviewPage() {
  const result = await loadWhenReady((api) =>
    Promise.all([
      api.network.overview(),
      // The numbers at a glance are a bonus: if they fail, the rest of the overview still shows.
      api.stats.headline().catch(() => null),
    ]),
  );
  if (!result.ready) return <NotReady />;
  const [overview, glance] = result.data;
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

      <section aria-labelledby="glance-heading" className="mb-10">
        <h2 id="glance-heading" className="mb-4 text-2xl font-semibold">
          Network at a glance
        </h2>
        {glance ? (
          <NetworkHeadline headline={glance.headline} range={glance.range} />
        ) : (
          <p className="text-muted-foreground">The network&apos;s numbers could not be loaded just now.</p>
        )}
        <p className="mt-4">
          <Link href="/stats">See all network stats</Link>: who contributes, who earns and who decides.
        </p>
      </section>

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
          <StatTile label="Active nodes" value={formatNumber(overview.nodes.byStatus.Active)} />
          <StatTile
            label="Online now"
            value={formatNumber(overview.nodes.online)}
            hint={`nodes that reported in the last ${overview.onlineWindowMinutes} minutes, right now`}
          />
          <StatTile label="Gone" value={formatNumber(overview.nodes.byStatus.Gone)} hint="left the network" />
          <StatTile
            label="Operators"
            value={formatNumber(overview.operatorCount)}
            hint="people or groups running nodes"
          />
          <StatTile label="Regions" value={formatNumber(overview.regionCount)} />
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
