import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
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
import { PARAMETERS, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import { operatorBudget, voteCost } from "@/lib/domain/voting/quadratic-cost";
import { loadWhenReady } from "@/lib/trpc/server";
import { CaptureCostSection, type NewestRoundPower } from "./capture-cost-section";
import { PaidForSection } from "./paid-for-section";
import { WhoCountsSection, type LiveRules } from "./who-counts-section";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "How Plenum works",
  description:
    "In plain words: the network's rules, how a change is proposed, discussed and voted on with quadratic voting, why splitting nodes into accounts does not pay, and how the result reaches every node.",
};

/** A parameter's default, as people read it ("48 hours"). */
const byDefault = (key: ParameterKey) => formatParameterValue(key, PARAMETERS[key].default);
/** A parameter's value as people read it ("3 days"). */
const current = (key: ParameterKey, value: number) => formatParameterValue(key, value);
/** A parameter's label inside a sentence: "the pay per GB served". */
const label = (key: ParameterKey) => {
  const text = PARAMETERS[key].label;
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
};

const LOOP = [
  {
    title: "Propose",
    text: "An operator picks one or more rules, types the new values and explains why. Plenum checks the values against the allowed ranges and shows, in plain words, what would change.",
  },
  {
    title: "Discuss",
    text: `Everyone can read the proposal; operators comment and ask questions. The discussion lasts at least ${byDefault("gov.discussionPeriodHours")} (the ${label("gov.discussionPeriodHours")}).`,
  },
  {
    title: "Vote in a round",
    text: `Proposals that finished their discussion join the next voting round, which lasts ${byDefault("gov.roundLengthHours")}. Operators spread their voice credits over the proposals of the round.`,
  },
  {
    title: "Ratify",
    text: "When the round closes, the proposals that passed are merged into a new, numbered set of rules: a config version.",
  },
  {
    title: "Sign",
    text: `Plenum signs the new config version with its key, so every node can check it really comes from the network. It takes effect ${byDefault("gov.enactmentDelayHours")} later, so operators can get ready.`,
  },
  {
    title: "Sync to every node",
    text: "A separate worker sends the signed config to every node. Each node checks the signature and answers: applied (ACK) or refused, with a reason (NACK). Nodes that miss it are tried again.",
  },
] as const;

const COST_EXAMPLE = [1, 2, 3, 4, 5] as const;

type ServerApi = Parameters<Parameters<typeof loadWhenReady>[0]>[0];

const DEFAULT_RULES: LiveRules = {
  creditsPerNode: PARAMETERS["gov.voiceCreditsPerNode"].default,
  minNodeAgeDays: PARAMETERS["gov.minNodeAgeDays"].default,
  minUptimeForVoting: PARAMETERS["gov.minUptimeForVoting"].default,
  prefixV4: PARAMETERS["gov.clusterPrefixV4"].default,
  prefixV6: PARAMETERS["gov.clusterPrefixV6"].default,
  uncorroboratedWeight: PARAMETERS["reward.uncorroboratedWeight"].default,
  maxMbps: PARAMETERS["service.maxMbps"].default,
  isCurrent: false,
};

/** The rules in force now, from the active config version. */
async function currentRules(api: ServerApi): Promise<LiveRules> {
  const values = new Map(
    (await api.parameters.catalogue()).categories.flatMap((category) =>
      category.parameters.map((parameter) => [parameter.key, parameter.value] as const),
    ),
  );
  const value = (key: ParameterKey) => values.get(key) ?? PARAMETERS[key].default;
  return {
    creditsPerNode: value("gov.voiceCreditsPerNode"),
    minNodeAgeDays: value("gov.minNodeAgeDays"),
    minUptimeForVoting: value("gov.minUptimeForVoting"),
    prefixV4: value("gov.clusterPrefixV4"),
    prefixV6: value("gov.clusterPrefixV6"),
    uncorroboratedWeight: value("reward.uncorroboratedWeight"),
    maxMbps: value("service.maxMbps"),
    isCurrent: true,
  };
}

/** The newest round's voting power by network, or null before the first round. */
async function newestRound(api: ServerApi): Promise<NewestRoundPower | null> {
  const [latest] = (await api.rounds.list({ limit: 1 })).rounds;
  if (!latest) return null;
  try {
    const overview = await api.rounds.overview({ roundNumber: latest.number });
    return {
      number: overview.number,
      creditsPerNode: overview.creditsPerNode,
      power: overview.votingPowerByCluster,
    };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function HowItWorksPage() {
  // Before the platform is set up the page still explains everything, with the catalogue's defaults.
  const live = await loadWhenReady(async (api) => {
    const [rules, round] = await Promise.all([currentRules(api), newestRound(api)]);
    return { rules, round };
  });
  const { rules, round } = live.ready ? live.data : { rules: DEFAULT_RULES, round: null };
  const credits = rules.creditsPerNode;
  const count = (value: number) => formatNumber(value);

  return (
    <>
      <PageHeader
        title="How Plenum works"
        description={
          <p>
            Plenum is where the people who run the network’s computers (its <em>nodes</em>) decide together
            how the network rewards them, and where each decision is sent to every node. You do not need to
            know how networks work to take part: this page explains it in plain words.
          </p>
        }
      />

      <div className="max-w-3xl space-y-12">
        <section aria-labelledby="rules-heading">
          <h2 id="rules-heading" className="text-2xl font-semibold">
            The rules are numbers anyone can change
          </h2>
          <p className="mt-3">
            The network runs on a short list of rules, called <em>parameters</em>. Each one is a number with a
            plain description, a unit and an allowed range. For example, the{" "}
            <strong>{label("reward.perGbUploaded")}</strong> says how many credits a node earns for each
            gigabyte it sends to others ({byDefault("reward.perGbUploaded")} by default), and the{" "}
            <strong>{label("freeRider.graceDays")}</strong> gives new nodes time before they are expected to
            give back as much as they take ({byDefault("freeRider.graceDays")} by default).
          </p>
          <p className="mt-3">
            Some rules are tied together: the three weights that say what “good service” means must add up to
            100 %. Plenum checks this on every proposal, so a proposal cannot break the rules by accident.
          </p>
          <p className="mt-3">
            <Link href="/parameters">See every parameter with its current value</Link>
          </p>
        </section>

        <section aria-labelledby="loop-heading">
          <h2 id="loop-heading" className="text-2xl font-semibold">
            From an idea to every node
          </h2>
          <ol className="mt-4 space-y-3">
            {LOOP.map((step, index) => (
              <li key={step.title}>
                <Card className="flex gap-4 p-4">
                  <span
                    aria-hidden="true"
                    className="flex size-9 shrink-0 items-center justify-center rounded-full bg-accent font-semibold text-accent-foreground"
                  >
                    {index + 1}
                  </span>
                  <div>
                    <h3 className="font-semibold">{step.title}</h3>
                    <p className="mt-1">{step.text}</p>
                  </div>
                </Card>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="voting-heading">
          <h2 id="voting-heading" className="text-2xl font-semibold">
            Quadratic voting: more votes cost more
          </h2>
          <p className="mt-3">
            In each round, every node that may vote brings its operator {count(credits)}{" "}
            <em>voice credits</em> (the {label("gov.voiceCreditsPerNode")}) when it is the only node in its
            network; nodes that share a network share its votes, as <a href="#who-counts">explained below</a>.
            An operator with 3 nodes in a network of their own has {count(operatorBudget(credits, 3))} credits
            to spend in that round.
          </p>
          <p className="mt-3">
            You can put several votes on a proposal, for it or against it, but each extra vote costs more than
            the last: the cost is the number of votes times itself.
          </p>
          <div className="mt-4 max-w-md">
            <Table regionLabel="What votes cost">
              <TableCaption>What votes on one proposal cost</TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>Votes</TableHead>
                  <TableHead>Cost in credits</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {COST_EXAMPLE.map((votes) => (
                  <TableRow key={votes}>
                    <TableHead scope="row" className="tabular-nums">
                      {votes}
                    </TableHead>
                    <TableCell className="tabular-nums">
                      {votes} × {votes} = {count(voteCost(votes))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <p className="mt-4">
            So one vote each on five proposals costs 5 credits, while five votes on one proposal cost 25.
            Strong feelings can be expressed, but they are expensive, which makes people spend where they care
            most. Unspent credits expire when the round ends; you can change your ballot until then.
          </p>
        </section>

        <WhoCountsSection rules={rules} />

        <section aria-labelledby="eligibility-heading">
          <h2 id="eligibility-heading" className="text-2xl font-semibold">
            Who can vote: proof of service
          </h2>
          <p className="mt-3">
            A vote comes from nodes that really serve the network, not from accounts. A node counts in a round
            when it has proved it holds its own key, has been reporting for at least{" "}
            {current("gov.minNodeAgeDays", rules.minNodeAgeDays)} (the {label("gov.minNodeAgeDays")}) and was
            online at least {current("gov.minUptimeForVoting", rules.minUptimeForVoting)} of that time (the{" "}
            {label("gov.minUptimeForVoting")}), counted in{" "}
            <a href="#paid-for-heading">hours Plenum heard from it</a>. Making up fake accounts does not help:
            each extra voice needs a real node doing real work, and more votes need nodes in more networks, as
            explained above.
          </p>
        </section>

        <CaptureCostSection rules={rules} round={round} />

        <PaidForSection rules={rules} />

        <section aria-labelledby="after-heading">
          <h2 id="after-heading" className="text-2xl font-semibold">
            What happens after a vote
          </h2>
          <ul className="mt-3 list-disc space-y-2 pl-5">
            <li>
              A proposal <strong>passes</strong> when enough nodes took part (at least{" "}
              {byDefault("gov.quorum")} of the nodes that may vote: the {label("gov.quorum")}) and it got more
              votes for than against. Changes to the governance rules themselves need at least{" "}
              {byDefault("gov.metaSupermajority")} of the votes cast on them to be in favour.
            </li>
            <li>
              Passed proposals are applied one by one, the one with the most net votes (for minus against)
              first. If two passed proposals change the same rule, the one with more net votes wins and the
              other is marked <strong>superseded</strong>.
            </li>
            <li>
              If applying a proposal would break a rule that ties values together, it is marked{" "}
              <strong>failed</strong>, with the reason, and the others still go ahead.
            </li>
            <li>
              The result is the next config version. It takes effect {byDefault("gov.enactmentDelayHours")}{" "}
              after the round closes, and the worker pushes the signed config to every node, which answers
              applied or refused. You can follow this on the <Link href="/config">config history</Link>.
            </li>
            <li>
              Ballots become public after the round closes, so anyone can recount every result: each
              round&apos;s page on <Link href="/rounds">Rounds</Link> links its ballots and shows how to check
              them with <code>npm run verify</code>.
            </li>
          </ul>
        </section>

        <section aria-labelledby="start-heading" className="rounded-lg border border-border bg-surface p-5">
          <h2 id="start-heading" className="text-xl font-semibold">
            Take part
          </h2>
          <p className="mt-2">
            Read what others propose, join the discussion, vote in the open round, or suggest a change
            yourself.
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Button asChild>
              <Link href="/proposals">Read the proposals</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href="/rounds">See the voting rounds</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href="/proposals/new">Propose a change</Link>
            </Button>
          </div>
        </section>
      </div>
    </>
  );
}
