/**
 * Gathers the frames of a HISTORY answer: ROOM_UPDATE, the messages, then MAY_HAVE_MORE only when older messages
 * exist. The server writes a page at once, so without MAY_HAVE_MORE the page ends when its frames stop coming
 * (`quietMs`) or when another ROOM_UPDATE of the room arrives.
 */
export class HistoryCollector {
    constructor(quietMs = 250) {
        this.quietMs = quietMs;
        this.pages = [];
    }
    /** Starts a page on the ROOM_UPDATE that opens the answer. */
    collect(room) {
        return new Promise((resolve, reject) => {
            const page = { room, messages: [], resolve, reject, timer: undefined };
            this.pages.push(page);
            this.rearm(page);
        });
    }
    /** True when the message belongs to a page being gathered. */
    message(message) {
        const page = this.pageOf(message.RoomUuid);
        if (!page)
            return false;
        page.messages.push(message);
        this.rearm(page);
        return true;
    }
    /** True when the frame ends a page being gathered. */
    mayHaveMore(frame) {
        const page = this.pageOf(frame.RoomUuid);
        if (page)
            this.finish(page, { offset: frame.Offset, limit: frame.Limit });
        return page !== undefined;
    }
    /** A ROOM_UPDATE after a page's messages (presence, another answer) ends that page. */
    roomUpdate(room) {
        const page = this.pageOf(room.Uuid);
        if (page && page.messages.length > 0)
            this.finish(page);
    }
    abandon(reason) {
        for (const page of this.pages) {
            clearTimeout(page.timer);
            page.reject(new Error(reason));
        }
        this.pages = [];
    }
    pageOf(roomUuid) {
        return this.pages.find((p) => p.room.Uuid === roomUuid);
    }
    rearm(page) {
        clearTimeout(page.timer);
        page.timer = setTimeout(() => this.finish(page), this.quietMs);
    }
    finish(page, next) {
        clearTimeout(page.timer);
        this.pages = this.pages.filter((p) => p !== page);
        page.resolve(next ? { room: page.room, messages: page.messages, next } : { room: page.room, messages: page.messages });
    }
}
