export { connect, EventsClient, type ConnectOptions, type EventsClientEvents, type Recovery, type Subscription } from './events.js';
export { connectChat, ChatClient, type ChatClientEvents, type ChatOptions, type RoomRef } from './chat.js';
export type { HistoryPage } from './historyCollector.js';
export type { ConnectionState, SessionOptions, TokenProvider, WebSocketConstructor } from './session.js';
export type { PauseReason } from './pauseSignals.js';
export { backoffCeiling, defaultBackoff, fullJitterDelay, type BackoffOptions } from './backoff.js';
export { closeAction, type CloseAction } from './closePolicy.js';
export { classifyEventFrame, eventWorkspaceId, type EventFrame } from './eventFrame.js';
export type * from './frames.js';
