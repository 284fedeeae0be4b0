"use client";

import { useEffect, useState } from "react";
import { cx } from "@/components/ui/class-names";
import {
  PASSWORD_MIN_SCORE,
  passwordStrengthLabel,
  type PasswordEstimate,
  type PasswordOwner,
} from "@/lib/domain/identity/password-strength";
import { estimateInBrowser } from "./browser-password-estimator";

const SEGMENT_COLOURS = ["bg-danger-fg", "bg-danger-fg", "bg-warning-fg", "bg-success-fg", "bg-success-fg"];

type Reading =
  | { state: "empty" }
  | { state: "checking" }
  | { state: "unavailable" }
  | { state: "estimated"; password: string; estimate: PasswordEstimate };

/** The sentence under the bar: the score in words, and for a weak password why and what to do. */
function describe(reading: Reading, password: string): string {
  if (reading.state === "empty" || password === "")
    return "Strength: type a password to see how strong it is.";
  if (reading.state === "unavailable")
    return "Strength: the estimate could not load; the server still checks it.";
  if (reading.state === "checking") return "Strength: checking…";
  const { score, warning, suggestions } = reading.estimate;
  const head = `Strength: ${passwordStrengthLabel(score)} (${score} of 4).`;
  if (score >= PASSWORD_MIN_SCORE) return `${head} Strong enough.`;
  const advice = [warning, ...suggestions].filter(Boolean).join(" ");
  return `${head} Needs at least ${PASSWORD_MIN_SCORE}. ${advice || "Add another word or two."}`;
}

/**
 * A live strength meter for a new password: four segments and a sentence (the sentence carries the
 * meaning; colour only repeats it), announced politely. The estimator loads on first use.
 */
export function PasswordStrengthMeter({
  id,
  password,
  owner,
}: {
  id: string;
  password: string;
  owner: PasswordOwner;
}) {
  const [reading, setReading] = useState<Reading>({ state: "empty" });
  const { email, displayName } = owner;

  useEffect(() => {
    if (password === "") return; // describe() and the bar read an empty field as empty
    let isCurrent = true;
    const timer = setTimeout(() => {
      setReading((previous) => (previous.state === "estimated" ? previous : { state: "checking" }));
      estimateInBrowser(password, { email, displayName }).then(
        (estimate) => isCurrent && setReading({ state: "estimated", password, estimate }),
        () => isCurrent && setReading({ state: "unavailable" }),
      );
    }, 250);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [password, email, displayName]);

  const score = reading.state === "estimated" && password !== "" ? reading.estimate.score : null;
  return (
    <div className="mt-2" data-testid="password-strength">
      <div className="flex gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((segment) => (
          <span
            key={segment}
            className={cx(
              "h-1.5 flex-1 rounded-full",
              score !== null && score >= segment ? SEGMENT_COLOURS[score] : "bg-border",
            )}
          />
        ))}
      </div>
      <p id={id} aria-live="polite" className="mt-1 text-sm text-muted-foreground">
        {describe(reading, password)}
      </p>
    </div>
  );
}
