/** Joins the truthy class names; callers pass classes that add to, not fight with, the defaults. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}
