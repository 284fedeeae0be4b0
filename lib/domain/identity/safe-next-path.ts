/** A made-up origin to resolve `next` against: whatever resolves elsewhere is another site. */
const PROBE_ORIGIN = "http://x.invalid";
const NEXT_PATH_MAX_LENGTH = 2048;
/** How many layers of %-encoding are peeled off to look for a hidden "//", "\" or control character. */
const DECODE_LAYERS = 4;
/** C0 and C1 controls (tab, newline …), DEL, and the invisible format characters (bidi controls …). */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** `value` and each %-decoding of it until nothing changes; null when a layer is not valid %-encoding. */
function decodingLayers(value: string): string[] | null {
  const layers = [value];
  for (let i = 0; i < DECODE_LAYERS; i += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(layers[layers.length - 1]!);
    } catch {
      return null;
    }
    if (decoded === layers[layers.length - 1]) return layers;
    layers.push(decoded);
  }
  return layers;
}

/** A path on this site: one "/" then not "/" or "\", no backslash, control or format character. */
function looksLikeLocalPath(layer: string): boolean {
  return layer.startsWith("/") && layer[1] !== "/" && !layer.includes("\\") && !CONTROL_OR_FORMAT.test(layer);
}

/**
 * Where to go after signing in or up: `next` as a path on this site (path, query and fragment,
 * %-encoded the way a URL parser writes them), or `fallback` when `next` is missing or could lead
 * anywhere else — another origin ("//evil", "/\evil", "https://…", "javascript:…"), or a path that
 * hides one behind a tab, newline or other control character, a backslash or %-encoding
 * ("/%09/evil" becomes "//evil" once a browser drops the tab).
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > NEXT_PATH_MAX_LENGTH) return fallback;
  const layers = decodingLayers(next);
  if (!layers || !layers.every(looksLikeLocalPath)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(next, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return looksLikeLocalPath(path) ? path : fallback;
}
