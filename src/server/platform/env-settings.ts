/**
 * Reads a module's integer setting from the environment: absent or empty gives `fallback`; zero,
 * negatives, fractions and words stop the start-up with a French message naming the variable.
 */
export function readPositiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} doit être un entier positif (reçu « ${raw} »)`);
  return value;
}
