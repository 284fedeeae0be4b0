import Link from "next/link";
import { DateTime } from "@/components/relative-time";
import { Card, CardTitle } from "@/components/ui/card";
import type { IdenticalBallotLink } from "@/lib/domain/clusters/warning-signs";
import { formatNumber } from "@/lib/domain/format-number";
import type { IdenticalBallotsSign } from "@/lib/schemas/warning-signs";
import { ACCOUNTS_WINDOW_TEXT } from "./sign-wording";

const LINK_TEXT: Record<IdenticalBallotLink, string> = {
  "same-group": "in one group of accounts created together",
  "created-together": `created within ${ACCOUNTS_WINDOW_TEXT} of each other`,
};

function votesText(votes: number): string {
  const count = Math.abs(votes);
  return `${formatNumber(count)} ${count === 1 ? "vote" : "votes"} ${votes > 0 ? "for" : "against"}`;
}

function BallotCard({ sign }: { sign: IdenticalBallotsSign }) {
  const unlisted = sign.accountCount - sign.accounts.length;
  return (
    <li>
      <Card>
        <CardTitle as="h3">
          Round {sign.roundNumber}: {formatNumber(sign.accountCount)} accounts cast the same ballot
        </CardTitle>
        <p className="mt-1 text-sm text-muted-foreground">
          The accounts are {sign.links.map((link) => LINK_TEXT[link]).join(", and ")}. The round closed{" "}
          <DateTime at={sign.closedAt} />:{" "}
          <Link href={`/rounds/${sign.roundNumber}`}>see round {sign.roundNumber}</Link>.
        </p>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <div>
            <h4 className="font-medium">The ballot</h4>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
              {sign.allocations.map((allocation) => (
                <li key={allocation.proposalId}>
                  <Link href={`/proposals/${allocation.proposalId}`}>{allocation.proposalTitle}</Link>:{" "}
                  {votesText(allocation.votes)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h4 className="font-medium">Cast by</h4>
            <ul className="mt-1 space-y-1 text-sm">
              {sign.accounts.map((account) => (
                <li key={account.id}>
                  {account.displayName}, created <DateTime at={account.createdAt} />
                </li>
              ))}
              {unlisted > 0 ? (
                <li className="text-muted-foreground">and {formatNumber(unlisted)} more not listed here</li>
              ) : null}
            </ul>
          </div>
        </div>
      </Card>
    </li>
  );
}

/** Identical counted ballots from accounts tied to each other, newest round first. */
export function IdenticalBallotsList({
  signs,
  signCount,
}: {
  signs: IdenticalBallotsSign[];
  signCount: number;
}) {
  return (
    <>
      {signCount > signs.length ? (
        <p className="mb-3 text-sm text-muted-foreground">
          The first {formatNumber(signs.length)} of {formatNumber(signCount)}, newest round first.
        </p>
      ) : null}
      <ul className="space-y-4">
        {signs.map((sign) => (
          <BallotCard key={`${sign.roundNumber}:${sign.accounts[0]?.id}`} sign={sign} />
        ))}
      </ul>
    </>
  );
}
