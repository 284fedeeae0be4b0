import {
  ACCOUNTS_CREATED_TOGETHER_MS,
  TOKENS_CREATED_TOGETHER_MS,
} from "@/lib/domain/clusters/warning-signs";

const minutesOf = (ms: number) => ms / 60_000;

/** "an hour": how close two accounts' creation times must be to count as created together. */
export const ACCOUNTS_WINDOW_TEXT =
  minutesOf(ACCOUNTS_CREATED_TOGETHER_MS) === 60
    ? "an hour"
    : `${minutesOf(ACCOUNTS_CREATED_TOGETHER_MS)} minutes`;

/** "10 minutes": how close two enrolment tokens' creation times must be to count as minted together. */
export const TOKENS_WINDOW_TEXT = `${minutesOf(TOKENS_CREATED_TOGETHER_MS)} minutes`;
