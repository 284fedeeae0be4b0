import Link from "next/link";
import { formatParameterValue } from "@/lib/domain/parameters/format";

const WEIGHT_KEY = "reward.uncorroboratedWeight";

/** The one sentence every traffic figure needs: what "confirmed" means and how unconfirmed data is paid. */
export function ConfirmedExplainer({ uncorroboratedWeight }: { uncorroboratedWeight: number }) {
  return (
    <p>
      <strong>Confirmed by peers</strong> means another node, in a different network, confirmed receiving the
      data: confirmed data is paid in full, and data nobody confirmed is paid at{" "}
      {formatParameterValue(WEIGHT_KEY, uncorroboratedWeight)} (the{" "}
      <Link href={`/parameters/${encodeURIComponent(WEIGHT_KEY)}`}>pay for unconfirmed traffic</Link> rule the
      network votes on).
    </p>
  );
}
