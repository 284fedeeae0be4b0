import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import {
  passwordLengthProblem,
  passwordStrengthProblem,
  passwordUserInputs,
  type PasswordEstimate,
  type PasswordOwner,
} from "@/lib/domain/identity/password-strength";

// On globalThis for the same reason as getDb(): Next.js may load this module once per bundle, and
// the dictionaries (several MB) should be decompressed and ranked once per process.
const globalForEstimator = globalThis as unknown as { plenumPasswordEstimator?: Promise<ZxcvbnFactory> };

/**
 * zxcvbn-ts with its offline dictionaries (common passwords, diceware, English words, names,
 * Wikipedia) and keyboard layouts, loaded on first use. Levenshtein matching stays off: it costs
 * 200–500 ms of CPU per password, the rest a few ms. components/auth/password-strength-meter.tsx
 * builds the same estimator in the browser.
 */
function estimator(): Promise<ZxcvbnFactory> {
  globalForEstimator.plenumPasswordEstimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })().catch((error: unknown) => {
    globalForEstimator.plenumPasswordEstimator = undefined;
    throw error;
  });
  return globalForEstimator.plenumPasswordEstimator;
}

/** zxcvbn's score and feedback for `password`, the owner's e-mail, name and "plenum" counted as guessable. */
export async function estimatePasswordStrength(
  password: string,
  owner: PasswordOwner,
): Promise<PasswordEstimate> {
  const { score, feedback } = (await estimator()).check(password, passwordUserInputs(owner));
  return { score, warning: feedback.warning, suggestions: feedback.suggestions };
}

/**
 * Why `password` may not become `owner`'s password, in plain words, or null: the length rule
 * (lib/domain/operator-password.ts), then a strength score of at least PASSWORD_MIN_SCORE.
 */
export async function newPasswordProblem(password: string, owner: PasswordOwner): Promise<string | null> {
  return (
    passwordLengthProblem(password) ??
    passwordStrengthProblem(await estimatePasswordStrength(password, owner))
  );
}
