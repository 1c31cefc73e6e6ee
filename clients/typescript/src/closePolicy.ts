/** What the client does after the server (or the network) closed the socket, by close code (PROTOCOL 3.4). */
export type CloseAction =
  /** 1000: the close was meant; stay closed. */
  | 'stay-closed'
  /** 1009, 4000: the client sent something wrong; report it, reconnecting would only repeat it. */
  | 'report'
  /** 4001, 4002: the token is refused or expired; ask the app for a new one, then reconnect. */
  | 'renew-token'
  /** Everything else (1006, 1011, 1012, 4003, 4008, 4029, ...): reconnect with backoff. */
  | 'reconnect';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case 1000:
      return 'stay-closed';
    case 1009:
    case 4000:
      return 'report';
    case 4001:
    case 4002:
      return 'renew-token';
    default:
      return 'reconnect';
  }
}
