import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { loadSecretKey } from '../../platform/secrets.ts';
import { createSecretBox, deriveKey, type SecretBox } from './crypto/secret-box.ts';

/** What the identity services share: settings, database, the sealing box and the job queue. */
export interface IdentityContext {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  /** Signs device cookies. */
  deviceKey: Buffer;
  /** Keys recovery-code hashes: a read of the table alone cannot brute-force them. */
  recoveryKey: Buffer;
  jobs?: JobRunner;
}

export function createIdentityContext(config: Config, database: Database, jobs?: JobRunner): IdentityContext {
  const secret = loadSecretKey(config.secretKey, config.dataDir);
  return {
    config,
    database,
    secretBox: createSecretBox(deriveKey(`${secret}:totp`)),
    deviceKey: deriveKey(`${secret}:device`),
    recoveryKey: deriveKey(`${secret}:recovery`),
    jobs,
  };
}
