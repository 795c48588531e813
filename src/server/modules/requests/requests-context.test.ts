import { describe, expect, it } from 'vitest';
import { loadRequestsSettings } from './requests-context.ts';
import { hashToken, isTokenShaped, trackingToken } from './tracking/tracking-token.ts';

describe('requests settings and tokens', () => {
  it('reads its settings with defaults and refuses nonsense at start-up', () => {
    expect(loadRequestsSettings({})).toMatchObject({
      perIp: 5,
      windowMinutes: 10,
      trackFailuresPerIp: 20,
      repliesPerIp: 10,
      routingRadiusKm: 10,
      ackHours: 72,
      answerHours: 336,
    });
    expect(loadRequestsSettings({ REQUESTS_PER_IP: '50' }).perIp).toBe(50);
    expect(() => loadRequestsSettings({ REQUESTS_PER_IP: '0' })).toThrow('REQUESTS_PER_IP');
    expect(() => loadRequestsSettings({ REQUEST_ACK_HOURS: 'deux' })).toThrow('REQUEST_ACK_HOURS');
  });

  it('derives a 256-bit token per request and key, stored only as its hash', () => {
    const key = Buffer.alloc(32, 1);
    const token = trackingToken(key, '6f1c2d9e-0000-4000-8000-000000000001');
    expect(isTokenShaped(token)).toBe(true);
    expect(trackingToken(key, '6f1c2d9e-0000-4000-8000-000000000001')).toBe(token);
    expect(trackingToken(Buffer.alloc(32, 2), '6f1c2d9e-0000-4000-8000-000000000001')).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(isTokenShaped('../../etc/passwd')).toBe(false);
  });
});
