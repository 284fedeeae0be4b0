import { isNodeMayNotVoteMessage } from "../../lib/domain/voting/node-ballot-permission";
import { COMMANDS, parseSourceAddressOption, UsageError } from "../cli-args";
import { readKeyFile } from "../key-file";
import { resolveFromCaller } from "../paths";
import { createPlatformClient, PlatformError, type Ballot } from "../protocol/platform-client";
import { readStateFile } from "../state-file";
import { DEFAULT_KEY_FILE, DEFAULT_STATE_FILE, type CommandIo } from "./io";

/** Pairs each --proposal with the --votes at the same position. */
export function parseAllocations(
  proposals: readonly string[],
  votes: readonly string[],
): Ballot["allocations"] {
  const usage = COMMANDS.vote.help;
  if (proposals.length !== votes.length) {
    throw new UsageError(
      `give one --votes for each --proposal (got ${proposals.length} --proposal and ${votes.length} --votes)`,
      usage,
    );
  }
  const seen = new Set<string>();
  return proposals.map((proposalId, index) => {
    if (seen.has(proposalId)) throw new UsageError(`--proposal ${proposalId} is given twice`, usage);
    seen.add(proposalId);
    const text = votes[index]!;
    const count = /^-?\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(count)) {
      throw new UsageError(
        `--votes must be a whole number such as 3 or -2, got "${text}" for ${proposalId}`,
        usage,
      );
    }
    return { proposalId, votes: count };
  });
}

/** What a person should read when the ballot was not stored: what happened and what to do next. */
export function describeVoteError(error: unknown, server: string): string {
  if (!(error instanceof PlatformError)) return (error as Error).message;
  switch (error.status) {
    case 400:
      return `the platform refused the ballot as malformed: ${error.message}`;
    case 401:
      return `the platform does not accept this node (${error.message}); if the node was retired or the platform's database was reset, enrol again with a new token from ${server}/tokens`;
    case 403:
      // The platform's message names the node's page, where the operator allows it: print it whole.
      if (isNodeMayNotVoteMessage(error.message)) return error.message;
      return `this node's operator cannot vote in the round: ${error.message}`;
    case 404:
      return error.message;
    case 409:
      return `the platform already received this exact request (${error.message}); run the command again`;
    case 422:
      return `the platform refused the ballot: ${error.message}`;
    case 429:
      return `too many ballots from this node's operator; try again in ${error.retryAfterSeconds ?? 60} s`;
    default:
      return `the platform answered ${error.status} ${error.code}: ${error.message}`;
  }
}

export async function voteCommand(
  values: {
    round?: string;
    proposal: string[];
    votes: string[];
    key?: string;
    state?: string;
    "source-address"?: string;
  },
  io: CommandIo,
  { fetchImpl, now = Date.now }: { fetchImpl?: typeof fetch; now?: () => number } = {},
): Promise<number> {
  const allocations = parseAllocations(values.proposal, values.votes);
  const sourceOption = parseSourceAddressOption(values["source-address"], { usage: COMMANDS.vote.help });
  const { privateKey } = readKeyFile(resolveFromCaller(values.key ?? DEFAULT_KEY_FILE));
  const state = readStateFile(resolveFromCaller(values.state ?? DEFAULT_STATE_FILE));
  // The ballot leaves from the address the node reports from, so it comes from the node's own network.
  const sourceAddress = sourceOption ?? state.sourceAddress;
  const client = createPlatformClient({ server: state.server, fetchImpl, sourceAddress });
  try {
    let roundId = values.round;
    if (roundId === undefined) {
      const round = await client.getCurrentRound();
      roundId = round.roundId;
      io.out(`Round ${roundId} is open until ${round.closesAt}.`);
    }
    const { receipt, cost, budget } = await client.castBallot({
      nodeId: state.nodeId,
      privateKey,
      ballot: { roundId, allocations },
      timestamp: Math.floor(now() / 1000),
    });
    io.out(`Ballot stored in round ${roundId} as the ballot of this node's operator.`);
    io.out(`Receipt: ${receipt}`);
    io.out(`Cost: ${cost} of ${budget} voice credits (${budget - cost} left).`);
    return 0;
  } catch (error) {
    io.err(`Vote failed: ${describeVoteError(error, state.server)}`);
    return 1;
  }
}
