import { describe, expect, it } from 'vitest';
import { purgeInBatches } from './retention.ts';

describe('purgeInBatches', () => {
  it('deletes batch after batch until one comes back short, and sums what it touched', async () => {
    let left = 2_345;
    const limits: number[] = [];
    const total = await purgeInBatches(async (limit) => {
      limits.push(limit);
      const touched = Math.min(left, limit);
      left -= touched;
      return touched;
    }, 1_000);
    expect(total).toBe(2_345);
    expect(limits).toEqual([1_000, 1_000, 1_000]);
  });

  it('asks once more after an exactly full batch, then stops on zero', async () => {
    let left = 1_000;
    let calls = 0;
    const total = await purgeInBatches(async (limit) => {
      calls++;
      const touched = Math.min(left, limit);
      left -= touched;
      return touched;
    }, 1_000);
    expect(total).toBe(1_000);
    expect(calls).toBe(2);
  });
});
