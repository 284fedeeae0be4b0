import type { ReactNode } from "react";
import { DateTime } from "@/components/relative-time";
import { formatDate } from "@/lib/domain/format-time";
import type { ForecastOutcome } from "@/lib/schemas/forecast-outcome";
import { loadWhenReady } from "@/lib/trpc/server";
import { OutcomeCheckView } from "./outcome-check";
import { noForecastReason } from "./outcome-words";

type Frozen = Extract<ForecastOutcome, { status: "frozen" | "no-forecast" }>;

const HEADING_ID = "did-it-work";

function Shell({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby={HEADING_ID} className="space-y-5" data-testid="forecast-outcome">
      <h2 id={HEADING_ID} className="text-2xl font-semibold">
        Did it work?
      </h2>
      {children}
    </section>
  );
}

/** When the change took effect, or when it will. */
function Activation({ activation }: { activation: Frozen["activation"] }) {
  return activation.activatedAt ? (
    <>
      took effect as config version {activation.configVersion} on <DateTime at={activation.activatedAt} />
    </>
  ) : (
    <>
      takes effect as config version {activation.configVersion} on <DateTime at={activation.activateAt} />
    </>
  );
}

/** Where the frozen forecast's fingerprint is in the public audit chain, and how to check it. */
function Fingerprint({ frozen }: { frozen: Frozen["frozen"] }) {
  const short = `${frozen.sha256.slice(0, 12)}…`;
  if (!frozen.isHashInChain) {
    return (
      <p role="alert" className="rounded-md border border-danger-fg bg-danger-bg p-4 text-danger-fg">
        The forecast stored here no longer matches the fingerprint the audit chain recorded when it was frozen
        {frozen.auditSeq === null ? " (the chain holds none)" : ` (event ${frozen.auditSeq})`}: it was changed
        afterwards. Tell the platform’s operators; <code>npm run verify</code> names the difference.
      </p>
    );
  }
  return (
    <p className="text-sm text-muted-foreground" data-testid="forecast-fingerprint">
      Frozen on <DateTime at={frozen.frozenAt} /> by model version {frozen.modelVersion}. Its SHA-256
      fingerprint <code title={frozen.sha256}>{short}</code> is{" "}
      <a href={`/api/v1/audit?after=${frozen.auditSeq! - 1}&limit=1`}>
        event {frozen.auditSeq} of the public audit chain
      </a>
      , so nobody can quietly change the forecast afterwards: <code>npm run verify</code> recomputes it from
      the public exports.
    </p>
  );
}

/**
 * "Did it work?" on a passed proposal's page: the forecast frozen when it passed against what the network
 * did 7 and 30 days after the change took effect. Renders nothing for a proposal that did not pass.
 */
export async function ForecastOutcomeSection({ proposalId }: { proposalId: string }) {
  let result: Awaited<ReturnType<typeof load>>;
  try {
    result = await load(proposalId);
  } catch (error) {
    // The comparison reads the ledger; if it fails, the proposal itself must still show.
    console.error("forecast outcome failed", { proposalId, error });
    return (
      <Shell>
        <p role="alert">
          The comparison with what happened could not be worked out just now. Reload the page to try again.
        </p>
      </Shell>
    );
  }
  if (!result.ready) return null;
  const outcome = result.data;
  if (outcome.status === "none") return null;
  if (outcome.status === "freezing") {
    return (
      <Shell>
        <p>
          The forecast made when this proposal passed is being frozen (its fingerprint goes into the public
          audit chain). Once the change has run for 7 days, this section compares that forecast with what
          happened.
        </p>
      </Shell>
    );
  }
  if (outcome.status === "no-forecast") {
    return (
      <Shell>
        <p>
          This change <Activation activation={outcome.activation} />. No forecast was made when it passed:{" "}
          {noForecastReason(outcome.reason)}. So there is nothing to compare; that too is recorded in the
          audit chain.
        </p>
        <Fingerprint frozen={outcome.frozen} />
      </Shell>
    );
  }
  const firstCheck = outcome.checks[0];
  return (
    <Shell>
      <p className="max-w-3xl">
        When this proposal passed on {formatDate(outcome.frozen.ratifiedAt)}, the network model’s forecast was
        frozen. The change <Activation activation={outcome.activation} />; 7 and 30 whole days later the
        forecast is set against what the network really did.
        {firstCheck?.status === "scheduled" && firstCheck.on ? (
          <strong> The first check is on {formatDate(firstCheck.on)}.</strong>
        ) : null}
      </p>
      {outcome.checks.map((check, index) => (
        <OutcomeCheckView key={check.days} check={check} isFirst={index === 0} />
      ))}
      <details className="max-w-3xl rounded-md border border-border bg-surface px-4 py-3">
        <summary className="cursor-pointer font-medium">How the comparison works</summary>
        <p className="mt-2 text-sm">
          For each figure the forecast gave, per simulated day, a median and a likely range (the 10th to the
          90th percentile over its seeded runs). For the check after n days we take the mean of its first n
          daily medians under the new rules, and the mean of its daily 10th and 90th percentiles as the
          forecast range, and set them against the mean of the real figures over the first n whole days (UTC)
          after the change took effect, measured the same way from the daily rewards. “Within the forecast
          range” means the real mean lies inside that range. The forecast started from the network as it stood
          on the day the round closed, a day or so before the change took effect.
        </p>
      </details>
      <Fingerprint frozen={outcome.frozen} />
    </Shell>
  );
}

function load(proposalId: string) {
  return loadWhenReady((api) => api.forecastOutcomes.ofProposal({ proposalId }));
}
