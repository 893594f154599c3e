/**
 * A token bucket per client address, in memory (each registry instance limits what reaches it; the
 * national site's balancer spreads clients over instances). Written here rather than taken from npm:
 * the whole of it is these lines, and the libraries that do more (Redis stores, middleware for Express)
 * bring what the registry does not use.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** How many at once. */
    private readonly burst: number,
    /** How many more each second. */
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token for the address; false when it has none left (the caller refuses with 429). */
  take(address: string): boolean {
    const now = this.clock();
    const bucket = this.buckets.get(address) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(address, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return allowed;
  }

  /** True while the address has tokens left (looks without taking). */
  has(address: string): boolean {
    const bucket = this.buckets.get(address);
    if (!bucket) return true;
    return Math.min(this.burst, bucket.tokens + ((this.clock() - bucket.at) / 1000) * this.perSecond) >= 1;
  }

  /** Buckets that have filled up again say nothing a fresh one would not: dropped, so memory stays bounded. */
  private forgetFull(now: number) {
    for (const [address, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(address);
    }
  }
}
