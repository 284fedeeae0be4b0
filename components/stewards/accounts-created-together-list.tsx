import { DateTime } from "@/components/relative-time";
import { Card, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatNumber } from "@/lib/domain/format-number";
import type { AccountsCreatedTogetherSign } from "@/lib/schemas/warning-signs";
import { TimeSpan } from "./time-span";

const plural = (count: number, one: string, many: string) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

function GroupCard({ group }: { group: AccountsCreatedTogetherSign }) {
  const unlisted = group.accountCount - group.accounts.length;
  return (
    <li>
      <Card>
        <CardTitle as="h3">
          {plural(group.accountCount, "account", "accounts")} in network cluster{" "}
          <code className="break-all">{group.clusterPrefix}</code>
        </CardTitle>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Accounts created</dt>
          <dd>
            <TimeSpan span={group.accountsCreated} />
          </dd>
          <dt className="font-medium">Enrolment tokens created</dt>
          <dd>
            <TimeSpan span={group.tokensCreated} />
          </dd>
          <dt className="font-medium">First reports</dt>
          <dd>
            <TimeSpan span={group.firstReported} />
          </dd>
        </dl>
        <div className="mt-4">
          <Table regionLabel={`Accounts in cluster ${group.clusterPrefix}`}>
            <TableCaption className="sr-only">
              The accounts of this group, oldest first, with their nodes.
            </TableCaption>
            <TableHeader>
              <TableRow className="border-t-0">
                <TableHead>Account</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Nodes first seen in this cluster</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {group.accounts.map((account) => (
                <TableRow key={account.id}>
                  <TableHead scope="row" className="font-medium">
                    {account.displayName}
                  </TableHead>
                  <TableCell className="whitespace-nowrap">
                    <DateTime at={account.createdAt} />
                  </TableCell>
                  <TableCell className="tabular-nums">
                    {formatNumber(account.nodesInCluster)} of {plural(account.nodes, "node", "nodes")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        {unlisted > 0 ? (
          <p className="mt-2 text-sm text-muted-foreground">
            And {plural(unlisted, "more account", "more accounts")} not listed here.
          </p>
        ) : null}
      </Card>
    </li>
  );
}

/** Groups of accounts created together whose nodes share a first network cluster. */
export function AccountsCreatedTogetherList({
  groups,
  groupCount,
}: {
  groups: AccountsCreatedTogetherSign[];
  groupCount: number;
}) {
  return (
    <>
      {groupCount > groups.length ? (
        <p className="mb-3 text-sm text-muted-foreground">
          The first {formatNumber(groups.length)} of {formatNumber(groupCount)} groups, oldest accounts first.
        </p>
      ) : null}
      <ul className="space-y-4">
        {groups.map((group) => (
          <GroupCard key={`${group.clusterPrefix}:${group.accounts[0]?.id}`} group={group} />
        ))}
      </ul>
    </>
  );
}
