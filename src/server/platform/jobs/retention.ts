import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../audit/audit.ts';
import { systemActor } from '../access/actor.ts';
import type { JobDefinition } from './job-runner.ts';

/** A module's promise about its personal data: what is kept, for how long, and how it goes. */
export interface RetentionRule {
  name: string;
  description: string;
  /** Deletes or anonymises what is past its period; returns the number of rows touched. */
  purge(database: Database, now: Date): Promise<number>;
}

export const RETENTION_JOB = 'retention-purge';

/**
 * Runs `deleteBatch(limit)` until it touches fewer than `limit` rows: a purge after months of
 * backlog never holds every doomed id in the worker's capped heap, nor one huge transaction.
 */
export async function purgeInBatches(
  deleteBatch: (limit: number) => Promise<number>,
  batchSize = 1000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await deleteBatch(batchSize);
    total += touched;
    if (touched < batchSize) return total;
  }
}

export function createRetentionJob(
  database: Database,
  rules: RetentionRule[],
  logger: FastifyBaseLogger,
  cron: string,
): JobDefinition {
  return {
    name: RETENTION_JOB,
    cron,
    async handler() {
      const now = new Date();
      const counts: Record<string, number> = {};
      for (const rule of rules) {
        // One rule failing must not stop the others; the next daily run retries it.
        try {
          counts[rule.name] = await rule.purge(database, now);
        } catch (error) {
          logger.error({ err: error, rule: rule.name }, 'retention rule failed');
          counts[rule.name] = -1;
        }
      }
      await recordAudit(database.db, systemActor(RETENTION_JOB), {
        action: 'retention.purged',
        details: { counts, at: now.toISOString() },
      });
      logger.info({ counts }, 'retention purge done');
    },
  };
}
