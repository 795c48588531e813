import type { Actor } from './access/actor.ts';
import type { Tx } from './db/client.ts';

/**
 * Domain events inside the writer's transaction: a module reacts to another module's write
 * (e.g. identity gives the creator of a département its admin role) without either touching the
 * other's tables. Hooks run before commit, so their effects commit or roll back with the write.
 */
export interface WriteEvent {
  action: string;
  recordType: string;
  recordId: string;
}
type WriteHook = (tx: Tx, actor: Actor, event: WriteEvent) => Promise<void>;

const hooks = new Map<string, WriteHook[]>();

export function onWrite(action: string, hook: WriteHook): void {
  hooks.set(action, [...(hooks.get(action) ?? []), hook]);
}

export async function runWriteHooks(tx: Tx, actor: Actor, event: WriteEvent): Promise<void> {
  for (const hook of hooks.get(event.action) ?? []) await hook(tx, actor, event);
}
