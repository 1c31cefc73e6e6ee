/** Exponential backoff settings; the delay of attempt n is drawn uniformly in [0, min(maxMs, baseMs * 2^n)). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/** The ceiling of attempt `attempt` (0-based): the delay never reaches it. */
export function backoffCeiling(attempt: number, options: BackoffOptions): number {
  // 2^attempt overflows to Infinity long after it passes maxMs, so Math.min still holds.
  return Math.min(options.maxMs, options.baseMs * 2 ** attempt);
}

/**
 * "Full jitter": a uniform draw below the exponential ceiling, so that thousands of browsers cut off by the same
 * node restart do not come back in waves.
 */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}
