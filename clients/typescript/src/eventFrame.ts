import type { ActivityEventFrame, IdmEventFrame, NodeEventFrame, TaskEventFrame } from './frames.js';

export type EventFrame =
  | { kind: 'node'; frame: NodeEventFrame }
  | { kind: 'task'; frame: TaskEventFrame }
  | { kind: 'idm'; frame: IdmEventFrame }
  | { kind: 'activity'; frame: ActivityEventFrame };

/**
 * Tells the event frames of the events socket apart (PROTOCOL 3.2): node and task frames carry no `@type`;
 * anything unknown is undefined and ignored, for forward compatibility.
 */
export function classifyEventFrame(frame: Record<string, unknown>): EventFrame | undefined {
  switch (frame['@type']) {
    case 'idm':
      return { kind: 'idm', frame: frame as unknown as IdmEventFrame };
    case 'activity':
      return { kind: 'activity', frame: frame as unknown as ActivityEventFrame };
    case undefined:
      if (typeof frame['TaskUpdated'] === 'object') return { kind: 'task', frame: frame as unknown as TaskEventFrame };
      if (typeof frame['Target'] === 'object' || typeof frame['Source'] === 'object')
        return { kind: 'node', frame: frame as unknown as NodeEventFrame };
      return undefined;
    default:
      return undefined;
  }
}

/** The workspace a node frame was sent for (`MetaStore.EventWorkspaceId`, JSON-encoded by the server). */
export function eventWorkspaceId(frame: NodeEventFrame): string | undefined {
  const encoded = (frame.Target ?? frame.Source)?.MetaStore?.['EventWorkspaceId'];
  if (encoded === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(encoded);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
