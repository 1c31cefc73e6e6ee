// The JSON frames of the gateway (docs/PROTOCOL.md sections 3, 6 and 7), as the server writes them.
// Zero values are omitted by the server, so most fields are optional; 64-bit integers are strings.
export {};
