/**
 * The simple alternative for bench/load.ts: a plain JSON-over-WebSocket relay (the `ws`
 * package), as people write for networked-aframe-style avatars. Each client connects to
 * `/?circle=<id>`; every message it sends is forwarded, as is, to the others in that circle.
 * It neither parses nor checks anything, which makes it as cheap as such a relay gets.
 */
import { parseArgs } from "node:util";
import { type WebSocket, WebSocketServer } from "ws";
import { serveLoopMetrics } from "./load-metrics.ts";

// --circles and --capacity are bench/load.ts's for the Hearth server; a relay makes circles as clients come.
const { values } = parseArgs({ options: { port: { type: "string", default: "0" } }, strict: false });
const circles = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(values.port), perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on("connection", (socket, request) => {
  const circle = new URL(request.url ?? "/", "http://relay").searchParams.get("circle") ?? "";
  let members = circles.get(circle);
  if (!members) circles.set(circle, (members = new Set()));
  members.add(socket);
  socket.on("message", (data, isBinary) => {
    for (const other of members) if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
  });
  socket.on("close", () => members.delete(socket));
});
wss.on("listening", () => {
  const address = wss.address();
  serveLoopMetrics(typeof address === "object" && address ? address.port : 0);
});
