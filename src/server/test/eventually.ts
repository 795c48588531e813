/**
 * Reads until `accept` holds or `ms` pass (then returns the last value, for the test's own
 * assertion to report): what another process wrote reaches this one's caches a moment later.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
