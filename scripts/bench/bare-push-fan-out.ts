import http from "node:http";
import { type importEd25519PrivateKey } from "../../lib/server/platform/ed25519";
import { signPush } from "../../lib/server/config-sync/sign-push";
import { measure, type FanOut } from "./measure-fan-out";

export interface BaselineTarget {
  nodeId: string;
  url: string;
  webhookSecret: string;
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(15_000, () => request.destroy(new Error(`timeout posting to ${url}`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** The baseline: the same signed body to every node of the second fleet, maxInFlight at a time. */
export async function baselineFanOut(
  targets: readonly BaselineTarget[],
  {
    version,
    body,
    platformKey,
    maxInFlight,
  }: {
    version: number;
    body: string;
    platformKey: ReturnType<typeof importEd25519PrivateKey>;
    maxInFlight: number;
  },
): Promise<FanOut> {
  return measure(async () => {
    let next = 0;
    let acknowledged = 0;
    const workers = Array.from({ length: maxInFlight }, async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        const headers = signPush({
          webhookId: `cfg_${target.nodeId}_${version}`,
          timestampSeconds: Math.floor(Date.now() / 1000),
          body,
          webhookSecret: target.webhookSecret,
          platformKey,
        });
        const reply = await post(target.url, body, headers);
        if (reply.status === 200 && (JSON.parse(reply.text) as { status?: string }).status === "ACK")
          acknowledged += 1;
      }
    });
    await Promise.all(workers);
    if (acknowledged !== targets.length) {
      throw new Error(`the baseline got ${acknowledged} ACKs for v${version} from ${targets.length} nodes`);
    }
    return { pushes: targets.length, acknowledged };
  });
}
