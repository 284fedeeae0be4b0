import Link from "next/link";
import { EXCLUSIVE_PAIR_WINDOW_DAYS, EXCLUSIVE_PEER_PERCENT } from "@/lib/domain/clusters/exclusive-pairs";
import { ACCOUNTS_WINDOW_TEXT, TOKENS_WINDOW_TEXT } from "./sign-wording";

/** What each warning sign means, and what a steward does (and does not do) with one. */
export function WarningSignsExplainer() {
  return (
    <section aria-labelledby="what-signs-mean" className="mb-10 max-w-3xl space-y-4">
      <h2 id="what-signs-mean" className="text-xl font-semibold">
        What these signs mean
      </h2>
      <p>
        One person could sign up many accounts to look like many voters. Voting power already follows where
        nodes really are on the internet, so splitting does not pay; these signs show where someone may have
        tried anyway.
      </p>
      <dl className="space-y-3">
        <div>
          <dt className="font-semibold">Accounts created together</dt>
          <dd>
            Two or more accounts created within {ACCOUNTS_WINDOW_TEXT} of each other, whose nodes enrolled
            with tokens created within {TOKENS_WINDOW_TEXT} of each other and first reported from the same
            network cluster (the same block of internet addresses, shown as its prefix).
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Identical ballots</dt>
          <dd>
            In a closed round, accounts that cast exactly the same ballot and are either in one group of
            accounts created together or were themselves created within {ACCOUNTS_WINDOW_TEXT} of each other.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Node pairs that only trade with each other</dt>
          <dd>
            Two nodes that, over the last {EXCLUSIVE_PAIR_WINDOW_DAYS} days, each reported traffic with the
            other, and for each of them at least {String(EXCLUSIVE_PEER_PERCENT)} % of the data it reported
            exchanging with peers was with the other. Nodes are paid in full only for data a node in another
            network confirms receiving, so two nodes in different networks could confirm each other&apos;s
            made-up traffic; honest nodes trade with many peers. A pair in the same network earns nothing
            extra this way, since traffic inside one network is never counted as confirmed.
          </dd>
        </div>
      </dl>
      <p>
        <strong>A sign is evidence to look at, never proof.</strong> Honest people do this too: a workshop
        where everyone signs up at once, neighbours on one university or office network, friends who agree.
        Plenum never acts on a sign by itself: no account, node, budget or vote changes because of it.
      </p>
      <p>
        If a sign worries you, raise it in public, in the <Link href="/proposals">discussion</Link> of the
        proposals it touches, and ask the accounts to explain. Stewards look and discuss; they do not decide
        alone.
      </p>
    </section>
  );
}
