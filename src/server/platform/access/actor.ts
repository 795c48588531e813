/** Who acts: every write and audit event names one. Identity (users, roles, scopes) extends this. */
export type Actor =
  | { type: 'admin-token'; id: null }
  | { type: 'system'; id: string }
  | { type: 'cli'; id: string }
  | { type: 'anonymous'; id: null };

export const systemActor = (job: string): Actor => ({ type: 'system', id: job });
export const cliActor = (command: string): Actor => ({ type: 'cli', id: command });
