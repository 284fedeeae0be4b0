import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openBareSqlite } from "./bare-sqlite";

interface Baseline {
  ms: number;
  latenciesMs: number[];
}

/**
 * The baseline: the rows the product stored during the measured run, read back with every column,
 * inserted one autocommit statement at a time into a fresh file holding the same Ballot table and
 * indexes (foreign keys off: the rounds and operators it points at are not there).
 */
export function baselineInserts(
  productFile: string,
  { roundId, afterSeq, repetitions }: { roundId: string; afterSeq: number; repetitions: number },
) {
  const product = openBareSqlite(productFile);
  const schema = product
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'Ballot' AND sql IS NOT NULL ORDER BY type DESC")
    .all() as { sql: string }[];
  const columns = (product.prepare("PRAGMA table_info('Ballot')").all() as { name: string }[]).map(
    (column) => column.name,
  );
  const rows = product
    .prepare(
      `SELECT ${columns.map((name) => `"${name}"`).join(", ")} FROM Ballot WHERE roundId = ? AND seq > ? ORDER BY seq`,
    )
    .raw()
    .all(roundId, afterSeq) as unknown[][];
  product.close();

  const directory = mkdtempSync(path.join(os.tmpdir(), "plenum-bench-bare-"));
  try {
    const runs: Baseline[] = [];
    for (let repetition = 0; repetition <= repetitions; repetition += 1) {
      const bare = openBareSqlite(path.join(directory, `ballots-${repetition}.db`));
      bare.pragma("foreign_keys = OFF");
      for (const { sql } of schema) bare.exec(sql);
      const insert = bare.prepare(
        `INSERT INTO Ballot (${columns.map((name) => `"${name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      const latenciesMs: number[] = [];
      const started = performance.now();
      for (const row of rows) {
        const insertedAt = performance.now();
        insert.run(...row);
        latenciesMs.push(performance.now() - insertedAt);
      }
      const ms = performance.now() - started;
      bare.close();
      // Repetition 0 warms up (page cache, JIT) and is not counted.
      if (repetition > 0) runs.push({ ms, latenciesMs });
    }
    return { rows: rows.length, runs };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
