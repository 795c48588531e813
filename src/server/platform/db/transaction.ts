import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Executor, Tx } from './client.ts';

/**
 * The write convention: a module's write function takes `(executor, actor, input)`, where the
 * executor is the database or the caller's transaction, and runs its statements through
 * `withTransaction(executor, …)`. Called on the database it opens a transaction; called inside
 * one it joins it, so a caller composing several writes commits them (and their audit and
 * outbox rows) together or not at all.
 */
type Callback = () => unknown;
const afterCommits = new WeakMap<Tx, Callback[]>();

export function isTransaction(executor: Executor): executor is Tx {
  return executor instanceof PgTransaction;
}

export async function withTransaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTransaction(executor)) return work(executor);
  const callbacks: Callback[] = [];
  const result = await (executor as Db).transaction(async (tx) => {
    afterCommits.set(tx, callbacks);
    return work(tx);
  });
  await runCallbacks(callbacks);
  return result;
}

/**
 * Work that must wait for the commit (a wake-up of another process, a count that must not be
 * rolled back with a refused write): queued on the outermost transaction opened by
 * `withTransaction`, dropped if it rolls back; outside a transaction the write is already
 * committed, so it runs at once.
 */
export async function afterCommit(executor: Executor, callback: Callback): Promise<void> {
  const queue = isTransaction(executor) ? afterCommits.get(executor) : undefined;
  if (queue) queue.push(callback);
  else if (!isTransaction(executor)) await runCallbacks([callback]);
  else throw new Error('afterCommit: transaction not opened by withTransaction');
}

async function runCallbacks(callbacks: Callback[]): Promise<void> {
  // The transaction is committed: a failing callback must not make the caller believe otherwise.
  for (const callback of callbacks) {
    try {
      await callback();
    } catch (error) {
      console.error('afterCommit callback failed', error);
    }
  }
}
