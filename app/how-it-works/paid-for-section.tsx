import Link from "next/link";
import { PARAMETERS, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import type { LiveRules } from "./who-counts-section";

function RuleLink({ parameter }: { parameter: ParameterKey }) {
  const text = PARAMETERS[parameter].label;
  return (
    <Link href={`/parameters/${encodeURIComponent(parameter)}`}>
      {text.charAt(0).toLowerCase()}
      {text.slice(1)}
    </Link>
  );
}

/** Proof of service in plain words: what is paid, what is refused, what counts for voting, and the gap left. */
export function PaidForSection({ rules }: { rules: LiveRules }) {
  const valueNote = rules.isCurrent ? "now" : "by default";
  return (
    <section aria-labelledby="paid-for-heading">
      <h2 id="paid-for-heading" className="text-2xl font-semibold">
        What a node gets paid for
      </h2>
      <p className="mt-3">
        Every node reports what it did: how long it was up and how much data it sent to other nodes. A report
        is the node’s own word, so Plenum does not simply pay what nodes say.
      </p>
      <ul className="mt-3 list-disc space-y-2 pl-5">
        <li>
          <strong>Data other nodes confirm is paid in full.</strong> A node can say which nodes it sent data
          to. When the node that received it, in a <a href="#who-counts">different network</a>, reports
          receiving the same data, that data is confirmed. Two nodes in the same network cannot confirm each
          other.
        </li>
        <li>
          <strong>Data nobody confirms is paid in part:</strong>{" "}
          {formatParameterValue("reward.uncorroboratedWeight", rules.uncorroboratedWeight)} of it {valueNote},
          set by the <RuleLink parameter="reward.uncorroboratedWeight" /> rule, which the network votes on
          like any other.
        </li>
        <li>
          <strong>Impossible claims are refused.</strong> A report claiming more data than the node could have
          moved in the time it covers, at the <RuleLink parameter="service.maxMbps" /> (
          {formatParameterValue("service.maxMbps", rules.maxMbps)} {valueNote}), is turned away with the limit
          named, and nothing in it counts.
        </li>
        <li>
          <strong>Voting counts presence, not claims.</strong> Whether a node may vote depends on the hours in
          which Plenum actually heard from it (at least one signed report or ballot in the hour), not on the
          uptime the node reports about itself. A node that reports once a day was present for one hour of it.
        </li>
      </ul>
      <p className="mt-3">
        <strong>What this does not stop:</strong> two nodes in different networks that work together can
        confirm each other’s made-up traffic. That takes real machines in two networks, and it leaves a trace:
        two nodes that only ever trade with each other. Stewards see such pairs among their warning signs and
        can raise them in public.
      </p>
    </section>
  );
}
