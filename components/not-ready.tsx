import { PageHeader } from "./ui/page-header";

/** Shown instead of a page's data when the platform has not been bootstrapped yet. */
export function NotReady() {
  return (
    <>
      <PageHeader
        title="Plenum is not set up yet"
        description="This network has no data yet: its database has not been prepared."
      />
      <div className="max-w-prose space-y-4 rounded-lg border border-border bg-surface p-6">
        <p>If you run this server, prepare it with one command from the project folder:</p>
        <pre className="overflow-x-auto rounded-md bg-surface-muted px-4 py-3">
          <code>npm start</code>
        </pre>
        <p>
          It applies the database migrations (the same as <code>npm run db:deploy</code>), creates the
          network, its signing key and config version 1, then starts the web app and the sync worker.
        </p>
        <p>Then reload this page.</p>
      </div>
    </>
  );
}
