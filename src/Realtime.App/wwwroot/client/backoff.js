export const defaultBackoff = { baseMs: 500, maxMs: 30000 };
/** The ceiling of attempt `attempt` (0-based): the delay never reaches it. */
export function backoffCeiling(attempt, options) {
    // 2^attempt overflows to Infinity long after it passes maxMs, so Math.min still holds.
    return Math.min(options.maxMs, options.baseMs * 2 ** attempt);
}
/**
 * "Full jitter": a uniform draw below the exponential ceiling, so that thousands of browsers cut off by the same
 * node restart do not come back in waves.
 */
export function fullJitterDelay(attempt, options, random = Math.random) {
    return Math.floor(random() * backoffCeiling(attempt, options));
}
