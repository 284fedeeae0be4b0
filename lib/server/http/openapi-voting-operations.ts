import { z } from "zod";
import {
  auditQuerySchema,
  ballotInputSchema,
  proposalIdSchema,
  roundBallotsQuerySchema,
  roundIdSchema,
} from "@/lib/schemas/voting";
import { NODE_SIGNATURE_HEADERS, type HeaderSpec, type OperationSpec } from "./openapi-spec";

const EXPORT_CACHE_HEADERS: Record<string, HeaderSpec> = {
  "Cache-Control": { description: "A closed round never changes: cacheable for a year" },
  ETag: { description: "Quoted sha256 of the body; send it back as If-None-Match" },
};

/** Voting and the public audit exports: the open round, ballots, closed rounds and the audit chain. */
export const VOTING_OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v1/rounds/current",
    operationId: "getCurrentRound",
    summary: "The voting round open now, with every proposal on its ballot and what it would change",
    description:
      "Public. `from` is the value the proposal was written against, `to` the value it proposes. Vote with POST /api/v1/ballots before closesAt.",
    success: { status: 200, description: "The open round", body: "CurrentRound" },
    errors: { 404: "No round is open; the message says when the next one may open" },
  },
  {
    method: "post",
    path: "/api/v1/ballots",
    operationId: "castBallot",
    summary: "A node casts its operator's ballot in the open round (signed by the node)",
    description:
      "Signed with the plenum-node-* headers over the exact body bytes. Only nodes their operator allowed to cast ballots (on the node's page; new nodes start without it) may call this. Counts as the ballot of the node's operator and replaces any earlier one in the round. Each proposal costs votes² voice credits; the sum must not exceed the operator's budget (from its eligible nodes and the network clusters they report from, fixed when the round opened). Keep the receipt: it is listed in the round's export after close. At most 30 ballots in 10 minutes per operator.",
    headerParams: NODE_SIGNATURE_HEADERS,
    requestBody: ballotInputSchema,
    success: { status: 200, description: "Ballot stored", body: "BallotReceipt" },
    errors: {
      400: "A plenum-node-* header is missing or malformed, or a body field is invalid (the message names it)",
      401: "Timestamp more than 300 s from the platform clock (sync the clock with NTP), unknown or retired node, or a signature that does not verify",
      403: "The node's operator has not allowed this node to cast ballots for them (checked right after the signature, before anything is read or stored; the message links the node's page, where the operator allows it), or the operator had no eligible node when the round opened, so has no budget in it",
      404: "No round with this roundId",
      409: "Replay: this exact signature was already received",
      413: "Body larger than 64 KiB",
      422: "The round is not open (closed, or not the open round), a proposal is not in the round, or the cost exceeds the budget",
      429: "More than 30 ballots in 10 minutes from this operator; wait Retry-After seconds",
    },
  },
  {
    method: "get",
    path: "/api/v1/rounds/{roundId}/ballots",
    operationId: "getRoundBallots",
    summary: "Public export of a closed round: eligibility, ballots with receipts, tallies and outcomes",
    description:
      "Everything needed to recompute the round (node-protocol.md, Public audit exports). Lists the ballot that counts per operator in storage order; with all=1 every stored ballot in storage order, replaced ones included, so the receipt chain can be walked.",
    pathParams: z.object({ roundId: roundIdSchema }),
    queryParams: roundBallotsQuerySchema,
    success: {
      status: 200,
      description: "The round's export",
      body: "RoundBallotsExport",
      headers: EXPORT_CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: {
      400: "The round id or the all parameter is malformed",
      404: "No round with this id",
      409: "The round has not closed yet; its ballots are published after close",
    },
  },
  {
    method: "get",
    path: "/api/v1/audit",
    operationId: "getAuditEvents",
    summary: "The governance audit chain, page by page, and its current head",
    description:
      'Events with seq > after, oldest first, at most limit. hash = sha256(prevHash + "\\n" + canonical({ seq, at, type, subject, data })) with RFC 8785 canonical JSON; the first event\'s prevHash is "". Page on with after = the last seq received until it reaches head.seq.',
    queryParams: auditQuerySchema,
    success: { status: 200, description: "A page of events and the chain head", body: "AuditExport" },
    errors: { 400: "after or limit is not a whole number in range (the message names it)" },
  },
  {
    method: "get",
    path: "/api/v1/proposals/{proposalId}/frozen-forecast",
    operationId: "getFrozenForecast",
    summary: "A passed proposal's forecast, frozen when its round ratified it",
    description:
      'Public. sha256 = sha256(canonical(payload)) with RFC 8785 canonical JSON; the proposal.forecast-frozen event of the audit chain carries the same hash, so anyone can check that the forecast shown under "Did it work?" is the one made at ratification. The proposal ids are in those events.',
    pathParams: z.object({ proposalId: proposalIdSchema }),
    success: {
      status: 200,
      description: "The frozen forecast",
      body: "FrozenForecastExport",
      headers: {
        ...EXPORT_CACHE_HEADERS,
        "Cache-Control": { description: "A frozen forecast never changes: cacheable for a year" },
      },
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: {
      400: "The proposal id is malformed",
      404: "No forecast is frozen for this proposal (it did not pass, or its round closed moments ago)",
    },
  },
];
