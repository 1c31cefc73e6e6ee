import { connect, connectChat, type ChatClient, type EventsClient, type Recovery } from '@akka-realtime/client';
import { showChat } from './chatPanel.js';
import { showEvents } from './eventsPanel.js';
import { showState } from './stateLabel.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const ui = {
  token: byId<HTMLTextAreaElement>('token'),
  connect: byId<HTMLButtonElement>('connect'),
  disconnect: byId<HTMLButtonElement>('disconnect'),
  state: byId('state'),
  chatState: byId('chat-state'),
  subscribed: byId('subscribed'),
  problem: byId('problem'),
  events: byId('events'),
  otherEvents: byId('other-events'),
};
const chatElements = {
  roomForm: byId<HTMLFormElement>('room-form'),
  roomName: byId<HTMLInputElement>('room'),
  presence: byId('presence'),
  messages: byId('messages'),
  postForm: byId<HTMLFormElement>('post-form'),
  message: byId<HTMLInputElement>('message'),
  problem: ui.problem,
};

const socketUrl = (path: string): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

let events: EventsClient | undefined;
let chat: ChatClient | undefined;
let stopChat: (() => void) | undefined;
let recovery: Recovery = 'none';

/**
 * What a client asks for after a 4001/4002: a token pasted since it last got one, else nothing (it stays closed
 * instead of retrying a refused token). One per client: both sockets must get the newly pasted token.
 */
const pastedTokenSince = (given: string) => (): string | undefined => {
  const token = ui.token.value.trim();
  if (!token || token === given) return undefined;
  given = token;
  return token;
};

function disconnect(): void {
  events?.close();
  chat?.close();
  stopChat?.();
  events = chat = stopChat = undefined;
  ui.disconnect.disabled = true;
}

function start(): void {
  disconnect();
  const token = ui.token.value.trim();
  if (!token) {
    ui.problem.textContent = 'paste a token first';
    return;
  }
  ui.problem.textContent = '';
  ui.events.replaceChildren();
  ui.otherEvents.replaceChildren();
  recovery = 'none';

  const client = connect({ url: socketUrl('/ws'), token, renewToken: pastedTokenSince(token) });
  events = client;
  client.on('state', (state) => showState(ui.state, state, recovery));
  client.on('subscribed', (subscription) => {
    recovery = subscription.recovery;
    ui.subscribed.textContent = `subscribed as ${subscription.user}, workspaces ${subscription.workspaces.join(', ') || '(none)'}, token valid until ${new Date(subscription.exp * 1000).toLocaleTimeString()}`;
    showState(ui.state, client.state, recovery);
  });
  client.on('error', (frame) => (ui.problem.textContent = frame.error));
  showEvents(client, ui.events, ui.otherEvents);
  showState(ui.state, client.state);

  const chatClient = connectChat({ url: socketUrl('/chat'), token, renewToken: pastedTokenSince(token) });
  chat = chatClient;
  chatClient.on('state', (state) => showState(ui.chatState, state));
  showState(ui.chatState, chatClient.state);
  stopChat = showChat(chatClient, chatElements);
  ui.disconnect.disabled = false;
}

ui.connect.onclick = start;
ui.disconnect.onclick = disconnect;
// "reconnecting in N s" counts down between state changes.
setInterval(() => {
  if (events?.state.status === 'reconnecting') showState(ui.state, events.state, recovery);
  if (chat?.state.status === 'reconnecting') showState(ui.chatState, chat.state);
}, 250);
