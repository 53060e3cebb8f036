/**
 * The strongest simple peer for bench/load.ts: a plain `ws` relay of the same 31-byte codec
 * frames Hearth relays, batched at the same 20 Hz. Each client connects to
 * `/?circle=<id>&slot=<n>` and sends binary frames; the relay keeps each member's latest frame
 * and, every 50 ms, sends each member one message of [slot: uint8][frame] entries for the frames
 * of the others that changed since the last batch. It checks nothing (no size, no plausibility,
 * no blocks): what it costs is the floor for batching the same bytes.
 */
import { parseArgs } from "node:util";
import { type WebSocket, WebSocketServer } from "ws";
import { serveLoopMetrics } from "./load-metrics.ts";

const BATCH_MS = 50;
const { values } = parseArgs({ options: { port: { type: "string", default: "0" } }, strict: false });

interface Member {
  socket: WebSocket;
  slot: number;
  frame: Buffer | null;
  changed: boolean;
}

const circles = new Map<string, Member[]>();
const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(values.port), perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on("connection", (socket, request) => {
  const query = new URL(request.url ?? "/", "http://relay").searchParams;
  const circle = query.get("circle") ?? "";
  let members = circles.get(circle);
  if (!members) circles.set(circle, (members = []));
  const member: Member = { socket, slot: Number(query.get("slot") ?? members.length) & 0xff, frame: null, changed: false };
  members.push(member);
  socket.on("message", (data: Buffer) => {
    member.frame = data;
    member.changed = true;
  });
  socket.on("close", () => members.splice(members.indexOf(member), 1));
});

const batch = Buffer.allocUnsafe(256 * 64);

function flush(): void {
  for (const members of circles.values()) {
    for (const receiver of members) {
      if (receiver.socket.readyState !== receiver.socket.OPEN) continue;
      let length = 0;
      for (const sender of members) {
        if (sender === receiver || !sender.changed || !sender.frame) continue;
        batch[length] = sender.slot;
        sender.frame.copy(batch, length + 1);
        length += 1 + sender.frame.length;
      }
      // A copy: ws may still hold the buffer after send returns.
      if (length > 0) receiver.socket.send(Buffer.from(batch.subarray(0, length)), { binary: true });
    }
    for (const member of members) member.changed = false;
  }
}

setInterval(flush, BATCH_MS);
wss.on("listening", () => {
  const address = wss.address();
  serveLoopMetrics(typeof address === "object" && address ? address.port : 0);
});
