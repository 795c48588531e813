import type { Me } from '../../../shared/identity/identity.schemas.ts';
import type { Executor } from '../../platform/db/client.ts';
import { UnauthorizedError } from '../../platform/errors.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserById, toUser } from './identity.queries.ts';

/** What the web app learns about its session: never the raw user row. */
export async function describeMe(
  ctx: IdentityContext,
  db: Executor,
  userId: string,
  session: { mfaVerified: boolean; csrfToken: string },
): Promise<Me> {
  const row = await findUserById(db, userId);
  if (!row) throw new UnauthorizedError();
  return {
    user: await toUser(db, row),
    mfa: session.mfaVerified ? 'done' : row.totpEnabledAt ? 'required' : 'enrol',
    csrfToken: session.csrfToken,
    demo: row.demo && !ctx.config.production,
  };
}
