/** Display names are 1 to 60 characters once trimmed, with runs of spaces collapsed to one. */
export const DISPLAY_NAME_MIN_LENGTH = 1;
export const DISPLAY_NAME_MAX_LENGTH = 60;
/** Longer raw input is refused before any work on it (spaces to collapse are generous below this). */
const RAW_MAX_LENGTH = DISPLAY_NAME_MAX_LENGTH * 8;
/** More accents than this on one letter is a "Zalgo" smear over the lines around it. */
const MAX_MARKS_IN_A_ROW = 3;

export type DisplayNameCheck = { ok: true; name: string } | { ok: false; problem: string };

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
/** Invisible format characters (bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C; zero-width spaces, BOM …). */
const FORMAT = /\p{Cf}/u;
const JOINERS = new Set(["\u200c", "\u200d"]);
/** Characters with no visible form: private use, unassigned, lone surrogates, and blank "letters". */
const INVISIBLE = /[\p{Co}\p{Cn}\p{Cs}\u115f\u1160\u3164\uffa0\u2800\u034f]/u;
const CHECK_MARKS = /[\u2611\u2705\u2713\u2714\u{1f5f8}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARKS_IN_A_ROW = new RegExp(`\\p{M}{${MAX_MARKS_IN_A_ROW + 1},}`, "u");

/** Role words nobody may put beside a name in brackets: the server shows roles as a badge. */
const ROLE_WORD_IN_BRACKETS =
  "(?:admin|administrator|sysadmin|steward|moderator|mod|staff|official|verified|operator|owner|team|support|plenum)s?";
/** Role words also refused after a dash, bar, colon or comma, or as the whole name. */
const ROLE_WORD = "(?:admin|administrator|sysadmin|steward|moderator|mod|staff)s?";
const OPEN = "[\\[({<【「『〈《〔〖〘〚⟨⟦⟪]";
const CLOSE = "[\\])}>】」』〉》〕〗〙〛⟩⟧⟫]";
const SEPARATOR = "[-‐‑‒–—―|¦:;,/\\\\·•~*=#@]";
const ALONE_BEFORE = "(?<![\\p{L}\\p{N}])";
const ALONE_AFTER = "(?![\\p{L}\\p{N}])";
const ROLE_CLAIMS = [
  new RegExp(
    `${OPEN}[^\\])}>】」』〉》〕〗〙〛⟩⟧⟫]*${ALONE_BEFORE}${ROLE_WORD_IN_BRACKETS}${ALONE_AFTER}`,
    "u",
  ),
  new RegExp(
    `${ALONE_BEFORE}${ROLE_WORD_IN_BRACKETS}${ALONE_AFTER}[^\\[({<【「『〈《〔〖〘〚⟨⟦⟪]*${CLOSE}`,
    "u",
  ),
  new RegExp(`${SEPARATOR}\\s*${ROLE_WORD}${ALONE_AFTER}`, "u"),
  new RegExp(`^${ROLE_WORD}\\s*${SEPARATOR}`, "u"),
  new RegExp(`^(?:(?:the|plenum)\\s+)*${ROLE_WORD}(?:\\s+team)?$`, "u"),
];

function refuse(problem: string): DisplayNameCheck {
  return { ok: false, problem: `Display name ${problem}` };
}

/** Whether a zero-width (non-)joiner at `index` sits between two visible characters, as scripts use it. */
function joinsTwoCharacters(characters: readonly string[], index: number): boolean {
  const before = characters[index - 1];
  const after = characters[index + 1];
  const isVisible = (character: string | undefined) =>
    character !== undefined && !/\s/u.test(character) && !FORMAT.test(character);
  return isVisible(before) && isVisible(after);
}

function hasInvisibleFormatCharacter(name: string): boolean {
  const characters = [...name];
  return characters.some(
    (character, index) =>
      FORMAT.test(character) && !(JOINERS.has(character) && joinsTwoCharacters(characters, index)),
  );
}

/** Cyrillic and Greek letters that look like the Latin ones in the role words ("stеward" with a Cyrillic е). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: "a",
  е: "e",
  о: "o",
  с: "c",
  ѕ: "s",
  і: "i",
  ԁ: "d",
  ԝ: "w",
  м: "m",
  т: "t",
  г: "r",
  п: "n",
  α: "a",
  ε: "e",
  ο: "o",
  ι: "i",
  τ: "t",
  ν: "v",
  ɑ: "a",
  ı: "i",
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "gu");

/** Whether `name` claims a role beside it ("(steward)", "[admin]", "- moderator", "Admin: …", "Moderators"). */
export function claimsRole(name: string): boolean {
  const folded = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(LOOKALIKE, (letter) => LOOKALIKES[letter] ?? letter);
  return ROLE_CLAIMS.some((claim) => claim.test(folded));
}

/**
 * The display name to store for `raw`: NFC, trimmed, inner whitespace collapsed to one space,
 * 1–60 characters, at least one letter or digit. Refused: control characters, bidi controls and
 * other invisible format characters (a zero-width joiner or non-joiner between two characters is
 * kept, as scripts and emoji need it), characters with no visible form, stacks of accents, check
 * marks, and names that claim a role in brackets or after a dash (roles come from the server).
 */
export function checkDisplayName(raw: string): DisplayNameCheck {
  const allowed = `${DISPLAY_NAME_MIN_LENGTH} to ${DISPLAY_NAME_MAX_LENGTH} characters`;
  if (raw.length > RAW_MAX_LENGTH) return refuse(`is at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  const normalized = raw.normalize("NFC");
  if (hasInvisibleFormatCharacter(normalized)) {
    return refuse(
      "must not contain invisible or text-direction characters (such as U+202E or zero-width spaces)",
    );
  }
  const trimmed = normalized.trim();
  if (CONTROL.test(trimmed)) {
    return refuse("must be one line without control characters such as tabs or line breaks");
  }
  if (INVISIBLE.test(trimmed)) return refuse("must not contain characters that have no visible form");
  const name = trimmed.replace(/\s+/gu, " ");
  const length = [...name].length;
  if (length < DISPLAY_NAME_MIN_LENGTH) return refuse(`is required: ${allowed}`);
  if (length > DISPLAY_NAME_MAX_LENGTH) return refuse(`is at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  if (!LETTER_OR_DIGIT.test(name)) return refuse("needs at least one letter or digit");
  if (MARKS_IN_A_ROW.test(name)) {
    return refuse(`must not stack more than ${MAX_MARKS_IN_A_ROW} accents on one letter`);
  }
  if (CHECK_MARKS.test(name)) return refuse("must not contain check marks");
  if (claimsRole(name)) {
    return refuse(
      'must not claim a role such as "(steward)", "[admin]" or "- moderator": Plenum shows roles itself',
    );
  }
  return { ok: true, name };
}
