/** Why reconnecting waits: no attempt is made while the page is hidden or the browser is offline. */
export type PauseReason = 'hidden' | 'offline';

export interface PauseSignals {
  /** The reason to wait now, or undefined when attempts may go ahead. */
  current(): PauseReason | undefined;
  /** Stops watching. */
  dispose(): void;
}

/**
 * Watches the page's visibility and the browser's online state, calling `onResume` when neither holds attempts
 * back any more. Outside a browser (Node.js, workers without a document) nothing ever pauses.
 */
export function watchPauseSignals(onResume: () => void): PauseSignals {
  const doc = typeof document !== 'undefined' ? document : undefined;
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  const win = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined;

  const current = (): PauseReason | undefined => {
    if (nav && nav.onLine === false) return 'offline';
    if (doc && doc.visibilityState === 'hidden') return 'hidden';
    return undefined;
  };
  const changed = (): void => {
    if (current() === undefined) onResume();
  };

  doc?.addEventListener('visibilitychange', changed);
  win?.addEventListener('online', changed);
  return {
    current,
    dispose() {
      doc?.removeEventListener('visibilitychange', changed);
      win?.removeEventListener('online', changed);
    },
  };
}
