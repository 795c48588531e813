/** drizzle wraps driver errors; the SQLSTATE sits on the error or on its cause. */
function sqlState(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return {};
}

export const isUniqueViolation = (error: unknown) => sqlState(error).code === '23505';
export const isForeignKeyViolation = (error: unknown) => sqlState(error).code === '23503';
export const violatedConstraint = (error: unknown) => sqlState(error).constraint;
