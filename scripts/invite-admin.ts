// `npm run user:invite-admin -- email@example.fr 57 "Prénom Nom"`: the first administrator of a
// département (production has no demo accounts). Prints the one-time link and queues the e-mail.
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { cliActor } from '../src/server/platform/access/actor.ts';
import { openPlatformDatabase, startJobs } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { AppError } from '../src/server/platform/errors.ts';
import { modules } from '../src/server/modules/index.ts';
import { territoryIdByCode } from '../src/server/modules/territory/index.ts';
import { createIdentityContext } from '../src/server/modules/identity/identity-context.ts';
import { inviteUser } from '../src/server/modules/identity/users.service.ts';

const [email, departmentCode, displayName = 'Administrateur'] = process.argv.slice(2);
if (!email || !departmentCode) {
  console.error('Usage : npm run user:invite-admin -- adresse@exemple.fr CODE_DÉPARTEMENT ["Prénom Nom"]');
  process.exit(2);
}
const config = loadConfig();
const logger = pino({ level: 'warn' }) as unknown as FastifyBaseLogger;
const database = await openPlatformDatabase(config);
const jobs = await startJobs(config, database, modules, logger, false);
let exitCode = 0;
try {
  const departmentId = await territoryIdByCode(database.db, 'department', departmentCode);
  if (!departmentId)
    throw new AppError(404, 'introuvable', 'Introuvable', `Le département ${departmentCode} n'existe pas.`);
  const ctx = createIdentityContext(config, database, jobs);
  const { token } = await inviteUser(ctx, database.db, cliActor('user:invite-admin'), {
    email,
    displayName,
    roles: [{ role: 'admin', scopeType: 'department', scopeId: departmentId }],
  });
  console.log(`Invitation créée pour ${email} (administrateur du département ${departmentCode}).`);
  console.log(`Lien à usage unique, valable 7 jours : ${config.publicUrl}/invitation/${token}`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(error.detail);
  exitCode = 1;
} finally {
  await jobs.stop();
  await database.close();
}
process.exit(exitCode);
