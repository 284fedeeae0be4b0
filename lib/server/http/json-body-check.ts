const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether JSON `bytes` nest arrays and objects more than `maxDepth` deep: one linear pass that counts
 * brackets outside strings, stopping at the first level too deep, so a deep body costs no parsing.
 * Bytes are scanned as they are (in UTF-8 every byte of a multi-byte character is ≥ 0x80, so it is
 * never a quote, backslash or bracket); other syntax is left to JSON.parse.
 */
export function exceedsJsonDepth(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let isInString = false;
  let isEscaped = false;
  for (const byte of bytes) {
    if (isInString) {
      if (isEscaped) isEscaped = false;
      else if (byte === BACKSLASH) isEscaped = true;
      else if (byte === QUOTE) isInString = false;
    } else if (byte === QUOTE) {
      isInString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if ((byte === CLOSE_BRACKET || byte === CLOSE_BRACE) && depth > 0) {
      depth -= 1;
    }
  }
  return false;
}

/** Whether `bytes` are valid UTF-8 (no stray continuation bytes, overlongs, surrogates or cut-off characters). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Why a JSON body is refused before it is parsed (400), or null when it may be parsed. */
export function jsonBodyRefusal(bytes: Uint8Array, { maxDepth }: { maxDepth: number }): string | null {
  if (!isValidUtf8(bytes)) return "The request body is not valid UTF-8. Send UTF-8 encoded JSON.";
  if (exceedsJsonDepth(bytes, maxDepth)) {
    return `The request body nests arrays and objects more than ${maxDepth} levels deep, the most accepted. Send flatter JSON.`;
  }
  return null;
}
