import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";

/**
 * The least strength score a new password must reach, on zxcvbn's scale of 0 to 4: 3 means "safely
 * unguessable" (about 10^8 guesses or more, resisting an online attack and a slowed offline one).
 */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

/** What the estimator says about a password: its score and, for weak ones, why and what to do. */
export interface PasswordEstimate {
  score: PasswordScore;
  warning: string | null;
  suggestions: string[];
}

/** Who is choosing the password: words an attacker who knows them would try first. */
export interface PasswordOwner {
  email?: string | null;
  displayName?: string | null;
}

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

/** "Very weak" … "Very strong": the score in words, so a meter never speaks in colour alone. */
export function passwordStrengthLabel(score: PasswordScore): string {
  return LABELS[score];
}

/**
 * The words the estimator treats as guessable for this person: "plenum", the e-mail's part before
 * the @ and its pieces ("ada.lovelace" → "ada", "lovelace"), the display name and its words.
 */
export function passwordUserInputs({ email, displayName }: PasswordOwner): string[] {
  const inputs = new Set<string>(["plenum"]);
  const add = (value: string) => {
    const word = value.trim().toLowerCase();
    if (word.length >= 2) inputs.add(word);
  };
  const localPart = email?.slice(0, Math.max(0, email.lastIndexOf("@"))) ?? "";
  for (const value of [localPart, displayName ?? ""]) {
    add(value);
    for (const piece of value.split(/[^\p{L}\p{N}]+/u)) add(piece);
  }
  return [...inputs];
}

/** The length rule's sentence, or null: checked before the estimate, which only sees what fits. */
export function passwordLengthProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password is at least ${PASSWORD_MIN_LENGTH} characters (this one has ${password.length}).`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Password is at most ${PASSWORD_MAX_LENGTH} characters (this one has ${password.length}).`;
  }
  return null;
}

const FALLBACK_ADVICE = "Add another word or two that have nothing to do with you or with Plenum.";

/**
 * Why a password with this estimate is refused, in plain words (the estimator's warning and
 * suggestions), or null when its score reaches PASSWORD_MIN_SCORE.
 */
export function passwordStrengthProblem({ score, warning, suggestions }: PasswordEstimate): string | null {
  if (score >= PASSWORD_MIN_SCORE) return null;
  const advice = [warning, ...suggestions].filter((text): text is string => Boolean(text?.trim()));
  return [
    `This password is too easy to guess (${passwordStrengthLabel(score).toLowerCase()}: ${score} of 4, at least ${PASSWORD_MIN_SCORE} needed).`,
    ...(advice.length > 0 ? advice : [FALLBACK_ADVICE]),
  ].join(" ");
}
