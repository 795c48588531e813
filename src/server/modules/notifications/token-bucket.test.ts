import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

/** Largest number of releases beyond `burst + perSecond × Δt` over any window of the list. */
function worstExcess(times: number[], perSecond: number, burst: number): number {
  let worst = -Infinity;
  for (let i = 0; i < times.length; i += 1) {
    for (let j = i; j < times.length; j += 1)
      worst = Math.max(worst, j - i + 1 - (burst + (perSecond * (times[j] - times[i])) / 1000));
  }
  return worst;
}

describe('TokenBucket shared by concurrent senders', () => {
  it('hands out one second of burst, then the rate, in order, to 16 senders at once', async () => {
    const perSecond = 50;
    const bucket = new TokenBucket(perSecond);
    const released: number[] = [];
    const order: number[] = [];
    let next = 0;
    const total = 150;
    const lane = async () => {
      while (next < total) {
        const ticket = next++;
        await bucket.take();
        released.push(performance.now());
        order.push(ticket);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 16 }, lane));
    const elapsed = performance.now() - started;
    // 50 at once, then 100 more at 50/s: about 2 s, never faster.
    expect(elapsed).toBeGreaterThanOrEqual(1950);
    expect(elapsed).toBeLessThan(4000);
    // A token is released when it exists: within a 1 ms timer tick, never ahead of the cap.
    expect(worstExcess(released, perSecond, perSecond)).toBeLessThanOrEqual(1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('never makes a sender wait when the cap is far above the demand', async () => {
    const bucket = new TokenBucket(1_000_000);
    const started = performance.now();
    await Promise.all(Array.from({ length: 5_000 }, () => bucket.take()));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
