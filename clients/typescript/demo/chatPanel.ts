import type { ChatClient, ChatMessage, ChatRoom, RoomRef } from '@akka-realtime/client';

export interface ChatElements {
  roomForm: HTMLFormElement;
  roomName: HTMLInputElement;
  presence: HTMLElement;
  messages: HTMLElement;
  postForm: HTMLFormElement;
  message: HTMLInputElement;
  problem: HTMLElement;
}

/** One GLOBAL room at a time: its presence, its messages (history, then live), and a box to post. */
export function showChat(client: ChatClient, ui: ChatElements): () => void {
  let room: ChatRoom | undefined;

  const render = (message: ChatMessage): void => {
    if (message.RoomUuid !== room?.Uuid) return;
    let item = ui.messages.querySelector<HTMLElement>(`li[data-uuid="${CSS.escape(message.Uuid)}"]`);
    if (!item) {
      item = document.createElement('li');
      item.dataset['uuid'] = message.Uuid;
      ui.messages.append(item);
    }
    const author = document.createElement('span');
    author.className = 'author';
    author.textContent = message.Author;
    item.replaceChildren(author, document.createTextNode(message.Message ?? ''));
    item.scrollIntoView({ block: 'nearest' });
  };
  const showPresence = (update: ChatRoom): void => {
    if (update.Uuid === room?.Uuid) ui.presence.textContent = [...(update.Users ?? [])].sort().join(', ');
  };
  const report = (error: unknown): void => {
    ui.problem.textContent = error instanceof Error ? error.message : String(error);
  };

  const loadHistory = async (ref: RoomRef): Promise<void> => (await client.historyPage(ref, { limit: 40 })).messages.forEach(render);
  const join = async (name: string): Promise<void> => {
    if (room?.Uuid) client.leave(room.Uuid);
    const ref: RoomRef = { Type: 'GLOBAL', RoomTypeObject: name, RoomLabel: name };
    room = await client.join(ref);
    ui.messages.replaceChildren();
    showPresence(room);
    await loadHistory(ref);
  };

  client.on('room', showPresence);
  client.on('message', render);
  client.on('deleted', (message) => ui.messages.querySelector(`li[data-uuid="${CSS.escape(message.Uuid)}"]`)?.remove());
  client.on('error', (frame) => report(frame.error));
  // After a reconnect the client joins the room again; the newest page fills in what a v1 server cannot replay.
  client.on('subscribed', () => {
    if (room?.RoomTypeObject) loadHistory({ Type: 'GLOBAL', RoomTypeObject: room.RoomTypeObject }).catch(report);
  });

  ui.roomForm.onsubmit = (event) => {
    event.preventDefault();
    join(ui.roomName.value.trim() || 'lobby').catch(report);
  };
  ui.postForm.onsubmit = (event) => {
    event.preventDefault();
    const text = ui.message.value.trim();
    if (!text || !room?.Uuid) return;
    ui.message.value = '';
    client.post(room.Uuid, text).catch(report);
  };
  client.subscribed.then(() => join(ui.roomName.value.trim() || 'lobby')).catch(report);

  return () => {
    ui.roomForm.onsubmit = ui.postForm.onsubmit = null;
  };
}
