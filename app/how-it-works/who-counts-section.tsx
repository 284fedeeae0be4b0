import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { clusterBudget } from "@/lib/domain/clusters/cluster-budgets";
import { clusterShareVotes, clusterVotes } from "@/lib/domain/clusters/cluster-votes";
import { formatNumber } from "@/lib/domain/format-number";

/** The network rules the explanation uses: the network's current values, or the defaults before setup. */
export interface LiveRules {
  creditsPerNode: number;
  minNodeAgeDays: number;
  minUptimeForVoting: number;
  prefixV4: number;
  prefixV6: number;
  uncorroboratedWeight: number;
  maxMbps: number;
  /** False when the platform is not set up yet and the values are the catalogue's defaults. */
  isCurrent: boolean;
}

const count = (value: number) => formatNumber(value);
const isWhole = (value: number) => Math.abs(value - Math.round(value)) < 1e-9;
/** 7.07 → "7.1", 1,491.9 → "1,492": fewer decimals the larger the number, never 0 for a small one. */
const roughly = (value: number) =>
  formatNumber(value, { maxFractionDigits: value < 1 ? 2 : value < 100 ? 1 : 0 });

/** "10", "≈ 7.1": votes held are often not whole. */
export const heldVotes = (value: number) =>
  isWhole(value) ? formatNumber(Math.round(value)) : `≈ ${roughly(value)}`;

/** "10", "about 1,492": for a number inside a sentence. */
export const aboutVotes = (value: number) =>
  isWhole(value) ? formatNumber(Math.round(value)) : `about ${roughly(value)}`;

/** "= 10", "≈ 7.1": for a formula followed by its value. */
export const equalsVotes = (value: number) => {
  const text = heldVotes(value);
  return text.startsWith("≈") ? text : `= ${text}`;
};

const NODES = 100;

/** Why splitting nodes into accounts does not pay: votes live in networks, shown on 100 nodes filed four ways. */
export function WhoCountsSection({ rules }: { rules: LiveRules }) {
  const c = rules.creditsPerNode;
  const credits = count(c);
  const alone = clusterVotes(1, c);
  const rows = [
    {
      who: `One operator with ${count(NODES)} nodes in one data centre`,
      budget: `${count(clusterBudget([{ nodes: NODES, clusterNodes: NODES }], c))}`,
      votes: `${heldVotes(clusterVotes(NODES, c))} (√(${count(NODES)} × ${credits}))`,
    },
    {
      who: `The same ${count(NODES)} nodes filed under ${count(NODES)} accounts`,
      budget: `${count(clusterBudget([{ nodes: 1, clusterNodes: NODES }], c))} each`,
      votes: `${heldVotes(clusterShareVotes({ nodes: 1, clusterNodes: NODES }, c))} each (√(${credits} ÷ ${count(NODES)})), ${heldVotes(clusterVotes(NODES, c))} in all`,
    },
    {
      who: `${count(NODES)} people, each with 1 node at home`,
      budget: `${credits} each`,
      votes: `${heldVotes(alone)} each (√${credits}), ${heldVotes(NODES * alone)} in all`,
    },
    {
      who: `One operator with ${count(NODES)} nodes in ${count(NODES)} different networks`,
      budget: count(
        clusterBudget(
          Array.from({ length: NODES }, () => ({ nodes: 1, clusterNodes: 1 })),
          c,
        ),
      ),
      votes: `${heldVotes(NODES * alone)}, as if ${count(NODES)} people ran them`,
    },
  ];
  const neighbour = clusterShareVotes({ nodes: 1, clusterNodes: 2 }, c);

  return (
    <section aria-labelledby="who-counts">
      <h2 id="who-counts" className="text-2xl font-semibold">
        Votes follow networks, not accounts
      </h2>
      <p className="mt-3">
        Accounts cost nothing. If votes followed accounts, anyone could file their nodes under many accounts
        and get more say. So Plenum counts where nodes really are on the internet. Every report a node sends
        comes from an internet address, and addresses that start with the same {count(rules.prefixV4)} bits
        (IPv4) or {count(rules.prefixV6)} bits (IPv6) form one <em>network</em>: usually one home connection,
        one campus or one data centre.
      </p>
      <p className="mt-3">
        A network of N eligible nodes holds √(N × {credits}) votes on one proposal, shared equally by its
        nodes, whoever runs them. An operator&apos;s votes are what their nodes hold in each network, added
        up, and their budget of voice credits is that number times itself. Compare the same {count(NODES)}{" "}
        nodes filed four ways:
      </p>
      <div className="mt-4">
        {/* Wide enough that the first column reads as lines, not a word per line; narrower screens scroll. */}
        <Table regionLabel="Worked example: the same nodes filed four ways" className="min-w-[40rem]">
          <TableCaption>
            {count(NODES)} nodes at {credits} voice credits per node
            {rules.isCurrent ? " (the network's current value)" : " (the default)"}
          </TableCaption>
          <TableHeader>
            <TableRow className="border-t-0">
              <TableHead className="w-[15rem]">Who</TableHead>
              <TableHead>Budget (voice credits)</TableHead>
              <TableHead>Votes held on one proposal</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.who}>
                <TableHead scope="row">{row.who}</TableHead>
                <TableCell className="tabular-nums">{row.budget}</TableCell>
                <TableCell className="tabular-nums">{row.votes}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <p className="mt-4">
        Splitting the data centre into {count(NODES)} accounts changes nothing: its nodes still hold{" "}
        {heldVotes(clusterVotes(NODES, c))} votes between them. No split or merge of accounts changes what a
        group of nodes can cast. What counts is nodes in many real networks, and that takes real
        infrastructure in each of them, just as {count(NODES)} separate people would have.
      </p>
      <h3 className="mt-6 text-lg font-semibold">The price: honest neighbours share</h3>
      <p className="mt-2">
        Two operators whose nodes sit in the same network, say at one university, share its votes: each of
        their nodes holds √({credits} ÷ 2) {equalsVotes(neighbour)} votes instead of {heldVotes(alone)} (a
        budget of {count(clusterBudget([{ nodes: 1, clusterNodes: 2 }], c))} voice credits instead of{" "}
        {credits}). That is a small price, and a visible one: each operator&apos;s ballot page says how many
        of their nodes share a network and with how many other operators, never who they are or which network
        it is.
      </p>
    </section>
  );
}
