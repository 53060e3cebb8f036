/**
 * Makes colyseus.js use the `ws` package instead of Node 24's built-in WebSocket. Import it first:
 * colyseus.js picks its WebSocket when it loads. Only `ws` can cut a connection without a close
 * handshake (`terminate()`), as a dropped network does.
 */
delete (globalThis as { WebSocket?: unknown }).WebSocket;
