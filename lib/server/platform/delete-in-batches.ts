/**
 * Deletes every row `findIds` returns, a batch per statement, until a batch comes back short; each
 * statement commits on its own, so no lock or transaction is held across batches.
 */
export async function deleteInBatches(
  findIds: (take: number) => Promise<{ id: string }[]>,
  deleteIds: (ids: string[]) => Promise<{ count: number }>,
  batchSize: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const ids = (await findIds(batchSize)).map((row) => row.id);
    if (ids.length > 0) deleted += (await deleteIds(ids)).count;
    if (ids.length < batchSize) return deleted;
  }
}
