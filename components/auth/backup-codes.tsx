/** Backup codes shown once, right after they were made: each signs in once instead of an app code. */
export function BackupCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="backup-codes-title" className="rounded-md border border-border-strong p-4">
      <h3 id="backup-codes-title" className="font-semibold">
        Your backup codes
      </h3>
      <p className="mt-1 text-sm text-muted-foreground">
        Save them somewhere safe now (a password manager, or on paper): Plenum shows them only this once. Each
        one signs you in once if you lose your authenticator app.
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-base" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  );
}
