import type { Metadata } from "next";
import Link from "next/link";
import { configVersionAnchor, signedConfigHref } from "@/components/config-links";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pagination";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { PARAMETERS } from "@/lib/domain/parameters/catalogue";
import { describeParameterChange, formatParameterValue } from "@/lib/domain/parameters/format";
import { CONFIG_HISTORY_PAGE_SIZE } from "@/lib/schemas/config-history";
import { firstSearchParam } from "@/lib/schemas/search-params";
import { getRequestTime, loadWhenReady, type RouterOutputs } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Config history",
  description: "Every signed version of the network's rules, what it changed and when it took effect.",
};

type HistoryEntry = RouterOutputs["config"]["history"]["entries"][number];

function parseBefore(value: string | string[] | undefined): number | undefined {
  const text = firstSearchParam(value);
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const before = Number(text);
  return before >= 2 ? before : undefined;
}

function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function VersionStatus({ entry, now }: { entry: HistoryEntry; now: Date }) {
  if (entry.isActive) return <Badge tone="success">Active</Badge>;
  if (entry.activatedAt) return <Badge tone="neutral">Superseded</Badge>;
  if (entry.activateAt.getTime() > now.getTime()) {
    return (
      <Badge tone="info">
        Scheduled for <DateTime at={entry.activateAt} />
      </Badge>
    );
  }
  return <Badge tone="warning">Activation pending</Badge>;
}

function Changes({ entry }: { entry: HistoryEntry }) {
  if (entry.version === 1) {
    return (
      <p className="mt-4 font-medium">
        Genesis — the network&apos;s starting rules (every parameter at its default).
      </p>
    );
  }
  if (entry.changes.length === 0) {
    return <p className="mt-4">No parameter changed from version {entry.version - 1}.</p>;
  }
  return (
    <>
      <h3 className="mt-5 text-base font-semibold">What changed from version {entry.version - 1}</h3>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {entry.changes.map((change) => (
          <li key={change.key}>{describeParameterChange(change.key, change.from, change.to)}</li>
        ))}
      </ul>
      <div className="mt-4">
        <Table regionLabel={`Changes in version ${entry.version}`}>
          <TableCaption className="sr-only">Changes in version {entry.version}</TableCaption>
          <TableHeader>
            <TableRow className="border-t-0">
              <TableHead>Parameter</TableHead>
              <TableHead>From</TableHead>
              <TableHead>To</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entry.changes.map((change) => (
              <TableRow key={change.key}>
                <TableHead scope="row">
                  <Link href={`/parameters#${encodeURIComponent(change.key)}`}>
                    {PARAMETERS[change.key].label}
                  </Link>{" "}
                  <code className="block text-xs font-normal text-muted-foreground">{change.key}</code>
                </TableHead>
                <TableCell className="tabular-nums">
                  {formatParameterValue(change.key, change.from)}
                </TableCell>
                <TableCell className="tabular-nums">
                  <span aria-hidden="true">→ </span>
                  {formatParameterValue(change.key, change.to)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function VersionEntry({ entry, now }: { entry: HistoryEntry; now: Date }) {
  return (
    <Card id={configVersionAnchor(entry.version)} className="scroll-mt-6">
      <article aria-labelledby={`${configVersionAnchor(entry.version)}-heading`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={`${configVersionAnchor(entry.version)}-heading`} className="text-2xl font-semibold">
            Version {entry.version}
          </h2>
          <VersionStatus entry={entry} now={now} />
        </div>
        <dl className="mt-3 grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline font-medium text-muted-foreground">Issued: </dt>
            <dd className="inline">
              <DateTime at={entry.issuedAt} />
            </dd>
          </div>
          <div>
            <dt className="inline font-medium text-muted-foreground">
              {entry.activatedAt ? "Activated: " : "Activates: "}
            </dt>
            <dd className="inline">
              <DateTime at={entry.activatedAt ?? entry.activateAt} /> (
              <RelativeTime at={entry.activatedAt ?? entry.activateAt} now={now} />)
            </dd>
          </div>
          {entry.proposals.length > 0 ? (
            <div className="sm:col-span-2">
              <dt className="inline font-medium text-muted-foreground">
                From {entry.proposals.length === 1 ? "proposal" : `${entry.proposals.length} proposals`}:{" "}
              </dt>
              <dd className="inline">
                {entry.proposals.map((id, index) => (
                  <span key={id}>
                    {index > 0 ? ", " : null}
                    <code>{id}</code>
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
        </dl>
        <Changes entry={entry} />
        <details className="mt-5 rounded-md border border-border px-4 py-2 text-sm">
          <summary className="cursor-pointer py-1 font-medium">
            Signature: SHA-256 <code title={entry.sha256}>{shortHash(entry.sha256)}</code>, key{" "}
            <code>{entry.keyId}</code>
          </summary>
          <dl className="mt-2 space-y-2 pb-2">
            <div>
              <dt className="font-medium text-muted-foreground">SHA-256 of the signed bytes</dt>
              <dd>
                <code className="break-all">{entry.sha256}</code>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-muted-foreground">Previous version&apos;s SHA-256</dt>
              <dd>
                {entry.prevSha256 ? (
                  <code className="break-all">{entry.prevSha256}</code>
                ) : (
                  "none (first version)"
                )}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-muted-foreground">Signing key id</dt>
              <dd>
                <code className="break-all">{entry.keyId}</code>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-muted-foreground">Signature fingerprint</dt>
              <dd>
                <code className="break-all">{entry.signatureFingerprint}</code>
              </dd>
            </div>
          </dl>
          <p className="pb-2">
            <a href={signedConfigHref(entry.version)}>
              Signed config version {entry.version} (JSON, as nodes receive it)
            </a>
          </p>
        </details>
      </article>
    </Card>
  );
}

export default async function ConfigHistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const beforeVersion = parseBefore((await searchParams).before);
  const result = await loadWhenReady(async (api) => {
    const [history, overview] = await Promise.all([
      api.config.history({ limit: CONFIG_HISTORY_PAGE_SIZE, beforeVersion }),
      api.network.overview(),
    ]);
    return { history, latestVersion: overview.latestVersion };
  });
  if (!result.ready) return <NotReady />;
  const { history, latestVersion } = result.data;
  const now = getRequestTime();
  // Version 1 always exists once the platform is set up, and `before` is at least 2: never empty.
  const newest = history.entries[0]?.version ?? latestVersion;
  const oldest = history.entries.at(-1)?.version ?? 1;
  // Versions are numbered without gaps, so the newer page starts one page size above this one.
  const newerBefore = newest + CONFIG_HISTORY_PAGE_SIZE + 1;

  return (
    <>
      <PageHeader
        title="Config history"
        description={
          <p>
            Every version of the network&apos;s rules, newest first. Each one is signed by the platform and
            chained to the one before it, so a node can check it has the real rules and has not been rolled
            back.
          </p>
        }
      />
      <div className="space-y-6">
        {history.entries.map((entry) => (
          <VersionEntry key={entry.version} entry={entry} now={now} />
        ))}
      </div>
      <Pager
        label="Config history pages"
        summary={`Versions ${oldest}–${newest} of ${latestVersion}`}
        previousText="Newer versions"
        nextText="Older versions"
        previousHref={
          newest >= latestVersion
            ? undefined
            : newerBefore > latestVersion
              ? "/config"
              : `/config?before=${newerBefore}`
        }
        nextHref={history.nextBeforeVersion ? `/config?before=${history.nextBeforeVersion}` : undefined}
      />
    </>
  );
}
