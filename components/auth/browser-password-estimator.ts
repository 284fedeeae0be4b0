"use client";

import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type { PasswordEstimate, PasswordOwner } from "@/lib/domain/identity/password-strength";
import { passwordUserInputs } from "@/lib/domain/identity/password-strength";

let estimator: Promise<ZxcvbnFactory> | null = null;
let loadedEstimator: ZxcvbnFactory | null = null;

/**
 * zxcvbn-ts with the same dictionaries and options as the server's check
 * (lib/server/identity/password-strength.ts), fetched as a separate chunk the first time a password
 * field is used: several hundred kB the sign-up page does not load until then.
 */
export function loadPasswordEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ])
    .then(([{ ZxcvbnFactory }, common, en]) => {
      loadedEstimator = new ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
      });
      return loadedEstimator;
    })
    .catch((error: unknown) => {
      estimator = null;
      throw error;
    });
  return estimator;
}

function estimateWith(factory: ZxcvbnFactory, password: string, owner: PasswordOwner): PasswordEstimate {
  const { score, feedback } = factory.check(password, passwordUserInputs(owner));
  return { score, warning: feedback.warning, suggestions: feedback.suggestions };
}

/** The estimate the server will make of `password` for `owner` (same user inputs, same threshold). */
export async function estimateInBrowser(password: string, owner: PasswordOwner): Promise<PasswordEstimate> {
  return estimateWith(await loadPasswordEstimator(), password, owner);
}

/**
 * The same estimate when the dictionaries have already arrived, else null: submitting never waits
 * for them on a slow connection, because the server checks the password anyway.
 */
export function estimateIfLoaded(password: string, owner: PasswordOwner): PasswordEstimate | null {
  return loadedEstimator && estimateWith(loadedEstimator, password, owner);
}
