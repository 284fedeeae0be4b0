import path from "node:path";

/** `npm run` changes into the project folder; relative paths mean the folder the person typed the command in. */
export function resolveFromCaller(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}
