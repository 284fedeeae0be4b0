import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

/** What a signed-in operator who is not a steward sees on a stewards' page. */
export function StewardsOnly({ what }: { what: string }) {
  return (
    <>
      <PageHeader
        title="Only stewards can see this"
        description={`${what} is a tool for stewards and admins.`}
      />
      <div className="max-w-prose space-y-4">
        <p>
          Your account has the operator role. Stewards are operators the network trusts to moderate; an admin
          gives the role.
        </p>
        <p>
          <Link href="/account">Your account</Link> shows your role.
        </p>
      </div>
    </>
  );
}
