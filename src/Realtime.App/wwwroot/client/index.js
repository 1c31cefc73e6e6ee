export { connect, EventsClient } from './events.js';
export { connectChat, ChatClient } from './chat.js';
export { backoffCeiling, defaultBackoff, fullJitterDelay } from './backoff.js';
export { closeAction } from './closePolicy.js';
export { classifyEventFrame, eventWorkspaceId } from './eventFrame.js';
