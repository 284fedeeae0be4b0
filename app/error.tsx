"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <>
      <PageHeader
        title="This page could not be loaded"
        description={
          <p>
            Something went wrong on the server while preparing this page. Try again in a moment; if it keeps
            failing, check that the Plenum server is running and can reach its database (the server log has
            the details
            {digest ? (
              <>
                , reference <code>{digest}</code>
              </>
            ) : null}
            ).
          </p>
        }
      />
      <Button onClick={() => retry()}>Try again</Button>
    </>
  );
}
