import { type NodeFault } from "./node-faults";

/** Which node a fault is for (`node-3`, a node's name or id) and the fault. */
export interface FaultRule {
  selector: string;
  fault: NodeFault;
}

export const FAULT_SPEC_HELP = `A fault is <node>=<fault>; list several separated by commas or spaces. <node> is node-<n> (the
fleet's n-th node, as in its endpoint path /node/<n>), a node's name or its id. Faults:
  down:<duration>                    connection reset for that long from the start (e.g. down:120s)
  slow:<duration>                    answer after that long (slow:20s passes the platform's 15 s cap)
  status:<500|503|429>[:retry-after=<seconds>][:times=<n>]
                                     answer that status (every request, or the first n)
  nack[:<CODE>]                      refuse every bundle with 422 NACK (default code BAD_BUNDLE)
  wrong-hash                         ACK, but report a sha256 that is not the config's
  claim-version:<n>                  claim to hold version n
  huge-reply:<bytes>                 answer with a reply that long (e.g. huge-reply:1MiB)
  redirect:<url>                     answer 307 to that URL
  gone                               answer 410 (the node left)
Durations: <n>ms, <n>s, <n>m or <n>h.`;

export class FaultSpecError extends Error {
  override name = "FaultSpecError";
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTE_UNITS: Record<string, number> = { "": 1, KiB: 1024, MiB: 1024 ** 2 };

function duration(text: string | undefined, rule: string, example: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text ?? "");
  if (!match) throw new FaultSpecError(`"${rule}": needs a duration such as ${example} (units ms, s, m, h)`);
  return Number(match[1]) * DURATION_UNITS[match[2]!]!;
}

function wholeNumber(text: string | undefined, rule: string, what: string, min: number): number {
  if (!text || !/^\d+$/.test(text) || Number(text) < min) {
    throw new FaultSpecError(`"${rule}": ${what} must be a whole number of at least ${min}`);
  }
  return Number(text);
}

function parseFault(text: string, rule: string, nowMs: number): NodeFault {
  const [kind, ...rest] = text.split(":");
  const noArguments = (fault: NodeFault) => {
    if (rest.length > 0) throw new FaultSpecError(`"${rule}": ${kind} takes no arguments`);
    return fault;
  };
  switch (kind) {
    case "down":
      return { kind, untilMs: nowMs + duration(rest.join(":"), rule, "down:120s") };
    case "slow":
      return { kind, delayMs: duration(rest.join(":"), rule, "slow:20s") };
    case "status": {
      const [status, ...settings] = rest;
      if (status !== "500" && status !== "503" && status !== "429") {
        throw new FaultSpecError(
          `"${rule}": status must be 500, 503 or 429, e.g. status:503:retry-after=120`,
        );
      }
      const fault: NodeFault = { kind, status: Number(status) as 500 | 503 | 429 };
      for (const setting of settings) {
        const [name, value] = setting.split("=");
        if (name === "retry-after") fault.retryAfterSeconds = wholeNumber(value, rule, "retry-after", 0);
        else if (name === "times") fault.times = wholeNumber(value, rule, "times", 1);
        else
          throw new FaultSpecError(
            `"${rule}": status takes retry-after=<seconds> and times=<n>, not "${setting}"`,
          );
      }
      return fault;
    }
    case "nack": {
      const code = rest.join(":") || "BAD_BUNDLE";
      if (!/^[A-Z][A-Z_]*$/.test(code)) {
        throw new FaultSpecError(
          `"${rule}": a NACK code is upper case with underscores, e.g. nack:BAD_SIGNATURE`,
        );
      }
      return { kind, code };
    }
    case "wrong-hash":
    case "gone":
      return noArguments({ kind });
    case "claim-version":
      return { kind, version: wholeNumber(rest.join(":"), rule, "the claimed version", 1) };
    case "huge-reply": {
      const match = /^(\d+)(|KiB|MiB)$/.exec(rest.join(":"));
      if (!match)
        throw new FaultSpecError(`"${rule}": needs a size such as huge-reply:1MiB or huge-reply:30000`);
      return { kind, bytes: Number(match[1]) * BYTE_UNITS[match[2]!]! };
    }
    case "redirect": {
      const location = rest.join(":");
      if (!URL.canParse(location)) {
        throw new FaultSpecError(`"${rule}": needs a URL such as redirect:http://127.0.0.1:9/elsewhere`);
      }
      return { kind, location };
    }
    default:
      throw new FaultSpecError(
        `"${rule}": unknown fault "${kind}"; use down, slow, status, nack, wrong-hash, claim-version, huge-reply, redirect or gone`,
      );
  }
}

/** Parses `node-3=down:120s, node-7=status:500`; `down` lasts from `nowMs`. Throws FaultSpecError naming the bad rule. */
export function parseFaultSpecs(text: string, nowMs: number): FaultRule[] {
  const rules = text.split(/[\s,]+/).filter((rule) => rule !== "");
  const parsed = rules.map((rule) => {
    const separator = rule.indexOf("=");
    if (separator <= 0) throw new FaultSpecError(`"${rule}": write <node>=<fault>, e.g. node-3=down:120s`);
    return { selector: rule.slice(0, separator), fault: parseFault(rule.slice(separator + 1), rule, nowMs) };
  });
  const seen = new Set<string>();
  for (const { selector } of parsed) {
    if (seen.has(selector))
      throw new FaultSpecError(`${selector} has more than one fault; give each node one`);
    seen.add(selector);
  }
  return parsed;
}
