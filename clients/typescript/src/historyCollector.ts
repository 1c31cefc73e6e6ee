import type { ChatMessage, ChatRoom, MayHaveMoreFrame } from './frames.js';

export interface HistoryPage {
  room: ChatRoom;
  /** Oldest first. */
  messages: ChatMessage[];
  /** The next (older) page, when the server said older messages exist. */
  next?: { offset: number; limit: number };
}

interface CollectingPage {
  room: ChatRoom;
  messages: ChatMessage[];
  resolve(page: HistoryPage): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Gathers the frames of a HISTORY answer: ROOM_UPDATE, the messages, then MAY_HAVE_MORE only when older messages
 * exist. The server writes a page at once, so without MAY_HAVE_MORE the page ends when its frames stop coming
 * (`quietMs`) or when another ROOM_UPDATE of the room arrives.
 */
export class HistoryCollector {
  private pages: CollectingPage[] = [];

  constructor(private readonly quietMs = 250) {}

  /** Starts a page on the ROOM_UPDATE that opens the answer. */
  collect(room: ChatRoom): Promise<HistoryPage> {
    return new Promise((resolve, reject) => {
      const page: CollectingPage = { room, messages: [], resolve, reject, timer: undefined };
      this.pages.push(page);
      this.rearm(page);
    });
  }

  /** True when the message belongs to a page being gathered. */
  message(message: ChatMessage): boolean {
    const page = this.pageOf(message.RoomUuid);
    if (!page) return false;
    page.messages.push(message);
    this.rearm(page);
    return true;
  }

  /** True when the frame ends a page being gathered. */
  mayHaveMore(frame: MayHaveMoreFrame): boolean {
    const page = this.pageOf(frame.RoomUuid);
    if (page) this.finish(page, { offset: frame.Offset, limit: frame.Limit });
    return page !== undefined;
  }

  /** A ROOM_UPDATE after a page's messages (presence, another answer) ends that page. */
  roomUpdate(room: ChatRoom): void {
    const page = this.pageOf(room.Uuid);
    if (page && page.messages.length > 0) this.finish(page);
  }

  abandon(reason: string): void {
    for (const page of this.pages) {
      clearTimeout(page.timer);
      page.reject(new Error(reason));
    }
    this.pages = [];
  }

  private pageOf(roomUuid: string | undefined): CollectingPage | undefined {
    return this.pages.find((p) => p.room.Uuid === roomUuid);
  }

  private rearm(page: CollectingPage): void {
    clearTimeout(page.timer);
    page.timer = setTimeout(() => this.finish(page), this.quietMs);
  }

  private finish(page: CollectingPage, next?: { offset: number; limit: number }): void {
    clearTimeout(page.timer);
    this.pages = this.pages.filter((p) => p !== page);
    page.resolve(next ? { room: page.room, messages: page.messages, next } : { room: page.room, messages: page.messages });
  }
}
