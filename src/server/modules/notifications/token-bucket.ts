/**
 * Caps how many sends per second leave this process (providers throttle with 429 beyond their
 * account rate, which would only turn into retries). Per process: several workers add up, so the
 * configured rate is meant for one worker.
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  /** Senders waiting for a token, served in order by one timer (no polling herd). */
  private readonly waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  private refill() {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /**
   * Tokens are handed out when they exist, never in advance: a sender released late (busy event
   * loop) has not already counted against the cap, so sends never bunch beyond it.
   */
  private serve = () => {
    this.timer = undefined;
    this.refill();
    while (this.tokens >= 1 && this.waiting.length > 0) {
      this.tokens -= 1;
      this.waiting.shift()?.();
    }
    if (this.waiting.length > 0)
      this.timer = setTimeout(this.serve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
  };

  async take(): Promise<void> {
    this.refill();
    if (this.waiting.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.timer ??= setTimeout(this.serve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    });
  }
}
