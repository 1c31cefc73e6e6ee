/**
 * Tells the event frames of the events socket apart (PROTOCOL 3.2): node and task frames carry no `@type`;
 * anything unknown is undefined and ignored, for forward compatibility.
 */
export function classifyEventFrame(frame) {
    switch (frame['@type']) {
        case 'idm':
            return { kind: 'idm', frame: frame };
        case 'activity':
            return { kind: 'activity', frame: frame };
        case undefined:
            if (typeof frame['TaskUpdated'] === 'object')
                return { kind: 'task', frame: frame };
            if (typeof frame['Target'] === 'object' || typeof frame['Source'] === 'object')
                return { kind: 'node', frame: frame };
            return undefined;
        default:
            return undefined;
    }
}
/** The workspace a node frame was sent for (`MetaStore.EventWorkspaceId`, JSON-encoded by the server). */
export function eventWorkspaceId(frame) {
    const encoded = (frame.Target ?? frame.Source)?.MetaStore?.['EventWorkspaceId'];
    if (encoded === undefined)
        return undefined;
    try {
        const value = JSON.parse(encoded);
        return typeof value === 'string' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
