"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "./auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setIsPending(true);
    const { error: failure } = await authClient.signOut();
    if (failure) {
      setIsPending(false);
      setError("Could not sign out. Reload the page and try again.");
      return;
    }
    router.push("/");
    router.refresh();
  }

  return (
    <div>
      <Button variant="secondary" onClick={signOut} disabled={isPending}>
        {isPending ? "Signing out…" : "Sign out"}
      </Button>
      {error ? (
        <p role="alert" className="mt-2 text-sm font-medium text-danger-fg">
          {error}
        </p>
      ) : null}
    </div>
  );
}
