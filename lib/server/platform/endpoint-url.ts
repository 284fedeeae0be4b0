import { lookup } from "node:dns/promises";
import { DomainError } from "@/lib/domain/errors";
import { ENDPOINT_URL_MAX } from "@/lib/schemas/node-protocol";
import { classifyAddress, parseIpAddress } from "./ip-ranges";

/** Every address a host name resolves to (A and AAAA), as text. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const DNS_TIMEOUT_MS = 5_000;

export const resolveAllAddresses: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface VettedEndpoint {
  /** The URL as the WHATWG parser normalises it; push to this. */
  url: string;
  /** The addresses it was vetted for; connect to one of these, never re-resolve (DNS rebinding). */
  addresses: string[];
}

const PUBLIC_ONLY = "Plenum only pushes to public addresses";

function refuse(message: string): never {
  throw new DomainError("UNPROCESSABLE", `endpointUrl ${message}`);
}

function article(word: string): string {
  return /^(?!uni)[aeiouAEIOU]/.test(word) ? "an" : "a";
}

async function resolveWithTimeout(resolve: ResolveHost, hostname: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${DNS_TIMEOUT_MS / 1000} s`)),
      DNS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([resolve(hostname), timeout]);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return refuse(`host ${hostname} does not resolve (${reason}); check the name and its DNS records`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks a node's endpoint URL against node-protocol.md "Endpoint URL safety": https (http only when
 * `allowPrivate`), no user name or password, at most 2048 characters, and every address it resolves
 * to public unicast (unless `allowPrivate`). Used at registration and again by the worker at connect
 * time. Refusals are DomainError UNPROCESSABLE naming the rule.
 */
export async function vetEndpointUrl(
  url: string,
  { allowPrivate, resolve = resolveAllAddresses }: { allowPrivate: boolean; resolve?: ResolveHost },
): Promise<VettedEndpoint> {
  if (url.length > ENDPOINT_URL_MAX) refuse(`must be at most ${ENDPOINT_URL_MAX} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse("is not an absolute URL; write it like https://node.example.org/plenum");
  }
  const schemes = allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(parsed.protocol)) {
    refuse(
      allowPrivate
        ? "must use https or http"
        : "must use https: give an https URL whose host resolves to a public address (plain http and loopback or private addresses are accepted only for the demo fleet's own nodes, or on a platform started with PLENUM_ALLOW_PRIVATE_ENDPOINTS=1 for development)",
    );
  }
  if (parsed.username || parsed.password) refuse("must not contain a user name or password");
  if (parsed.hash) refuse("must not contain a #fragment");
  const hostname = parsed.hostname;
  if (!hostname) refuse("has no host name");

  const literal = parseIpAddress(hostname) ? hostname.replace(/^\[|\]$/g, "") : null;
  const addresses = literal ? [literal] : await resolveWithTimeout(resolve, hostname);
  if (addresses.length === 0) refuse(`host ${hostname} resolves to no address; check its DNS records`);
  if (!allowPrivate) {
    for (const address of addresses) {
      const range = classifyAddress(address);
      if (range !== null) {
        refuse(`resolves to ${address}, ${article(range)} ${range} address; ${PUBLIC_ONLY}`);
      }
    }
  }
  return { url: parsed.href, addresses };
}
