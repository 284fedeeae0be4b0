import { DomainError, isDomainError } from "@/lib/domain/errors";
import type { Auth } from "@/lib/server/platform/auth";
import type { Db } from "@/lib/server/platform/db";
import { domainErrorResponse } from "@/lib/server/http/error-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { streamOperatorEpochsCsv } from "@/lib/server/stats/stream-operator-epochs-csv";
import { getSessionOperator } from "@/lib/server/identity/session-queries";

const SIGN_IN_MESSAGE =
  "Sign in to download your nodes' epochs: open /sign-in?next=/my/stats, then use the download link again.";

/** The browser saves or shows this body as is: plain words, and no attachment to save. */
function rateLimitedResponse(error: DomainError): Response {
  const retryAfter = domainErrorResponse(error).headers.get("retry-after");
  return new Response(error.message, {
    status: 429,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...(retryAfter ? { "retry-after": retryAfter } : {}),
    },
  });
}

/** GET /api/my/epochs.csv: the signed-in operator's reward ledger as a CSV download, never cached. */
export const getEpochsCsvResponse = handleRoute(
  async (db: Db, request: Request, { auth, now = new Date() }: { auth: Auth; now?: Date }) => {
    const operator = await getSessionOperator(db, request.headers, { auth });
    if (!operator) throw new DomainError("UNAUTHENTICATED", SIGN_IN_MESSAGE);
    let csv: ReadableStream<Uint8Array>;
    try {
      csv = await streamOperatorEpochsCsv(db, { operatorId: operator.id, now });
    } catch (error) {
      if (isDomainError(error) && error.code === "RATE_LIMITED") return rateLimitedResponse(error);
      throw error;
    }
    return new Response(csv, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="plenum-epochs-${now.toISOString().slice(0, 10)}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
