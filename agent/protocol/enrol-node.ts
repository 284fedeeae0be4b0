import { type KeyObject } from "node:crypto";
import { signEnrolmentMessage } from "./node-request-signature";
import {
  PlatformError,
  PlatformUnreachableError,
  type PlatformClient,
  type RegisterResponse,
} from "./platform-client";

/**
 * Enrolment (node-protocol.md, "Enrolment"): ask for a challenge, sign its message, register. A 410
 * (challenge expired or already used) is retried once with a fresh challenge.
 */
export async function enrolNode({
  client,
  privateKey,
  publicKey,
  enrolmentToken,
  name,
  endpointUrl,
}: {
  client: PlatformClient;
  privateKey: KeyObject;
  publicKey: string;
  enrolmentToken: string;
  name: string;
  endpointUrl: string;
}): Promise<RegisterResponse> {
  const attempt = async () => {
    const challenge = await client.requestChallenge(publicKey);
    return client.register({
      challengeId: challenge.challengeId,
      publicKey,
      signature: signEnrolmentMessage(challenge.message, privateKey),
      enrolmentToken,
      name,
      endpointUrl,
    });
  };
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof PlatformError && error.status === 410) return attempt();
    throw error;
  }
}

/** What a person should read when enrolment fails: what happened and what to do next. */
export function describeEnrolmentError(error: unknown, server: string): string {
  if (error instanceof PlatformUnreachableError) return error.message;
  if (!(error instanceof PlatformError)) return (error as Error).message;
  switch (error.status) {
    case 400:
      return `the platform refused the request as malformed: ${error.message}`;
    case 401:
      return `the platform did not accept this key's signature (${error.message}); check that the key file is intact, or create a new key with keygen`;
    case 403:
      return `the token is unknown, expired, revoked or used up: create a new one at ${server}/tokens`;
    case 409:
      return `this key is already registered as a node (${error.message}); run \`run\` with its state file, or create a new key with \`keygen --key <new file>\` to enrol another node`;
    case 410:
      return `the enrolment challenge expired twice in a row (${error.message}); check that this machine's clock is right and try again`;
    case 413:
      return `the request was too large (${error.message}); use a shorter --name or --endpoint`;
    case 422:
      return `the platform refused the endpoint URL: ${error.message}`;
    case 429:
      return `too many enrolment attempts from this address; try again in ${error.retryAfterSeconds ?? 60} s`;
    default:
      return `the platform answered ${error.status} ${error.code}: ${error.message}`;
  }
}
