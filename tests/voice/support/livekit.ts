import { createSocket } from "node:dgram";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { matchMaker } from "@colyseus/core";
import { RoomServiceClient } from "livekit-server-sdk";
import type { CircleRoom } from "../../../server/rooms/CircleRoom.ts";
import { parseVoiceRoom } from "../../../server/voice/room-name.ts";
import { waitFor } from "../../support/wait.ts";
import { setGrantCheck } from "./bots.ts";
import { type HearthServer, startHearth } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";
import { freePort } from "../../support/free-port.ts";

/** Signs the tickets of a test Hearth, so tests can also make expired ones and ones for other rooms. */
export const TEST_TICKET_SECRET = "test-ticket-secret-0123456789-abcdefghijklmnop";
export const LIVEKIT_API_KEY = "devkey";
export const LIVEKIT_API_SECRET = "secret";

/** A UDP port that was free a moment ago on 127.0.0.1. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export interface VoiceHearth extends HearthServer {
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** ws://127.0.0.1:<port>, for colyseus.js */
  wsUrl: string;
  /** LiveKit's server API, for checking what LiveKit itself believes. */
  liveKitApi: RoomServiceClient;
}

/**
 * Hearth in this process with voice on and its own livekit-server on free loopback ports.
 * Colyseus' matchmaker is process-wide: one per test file.
 */
export async function startVoiceHearth(env: Record<string, string> = {}): Promise<VoiceHearth> {
  const [port, livekitPort, rtcUdpPort] = [await freePort(), await freePort(), await freeUdpPort()];
  const hearth = await startHearth(
    loadConfig({
      PORT: String(port),
      HOST: "127.0.0.1",
      CLIENT_DIR: "nonexistent",
      DATA_DIR: ":memory:",
      VOICE: "on",
      LIVEKIT_PORT: String(livekitPort),
      LIVEKIT_RTC_UDP_PORT: String(rtcUdpPort),
      LIVEKIT_API_KEY,
      LIVEKIT_API_SECRET,
      TICKET_SECRET: TEST_TICKET_SECRET,
      ...env,
    }),
  );
  if (!hearth.livekit) throw new Error("Hearth did not start its own livekit-server.");
  const liveKitApi = new RoomServiceClient(hearth.livekit.url, LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
  setGrantCheck(({ room, identity }) => grantArrived(liveKitApi, room, identity));
  return {
    ...hearth,
    httpUrl: `http://127.0.0.1:${hearth.port}`,
    wsUrl: `ws://127.0.0.1:${hearth.port}`,
    liveKitApi,
  };
}

/** Waits until LiveKit's permission for `identity` is the one its circle room decided (allowed or muted). */
async function grantArrived(api: RoomServiceClient, voiceRoom: string, identity: string): Promise<void> {
  const roomId = parseVoiceRoom(voiceRoom)?.roomId;
  const circle = roomId ? (matchMaker.getLocalRoomById(roomId) as CircleRoom | undefined) : undefined;
  await waitFor(
    `LiveKit to hold the room's microphone permission for ${identity}`,
    async () => {
      const decided = circle?.voiceGrantFor(identity);
      if (!decided) return true; // not seated (any more): nothing will be granted
      const listed = (await api.listParticipants(voiceRoom).catch(() => [])).find((p) => p.identity === identity);
      return listed !== undefined && (listed.permission?.canPublish ?? false) === decided.canPublish;
    },
    10_000,
    20,
  );
}

export interface SocketInfo {
  protocol: "tcp" | "tcp6" | "udp" | "udp6";
  /** Local address as text: 127.0.0.1, ::1, 0.0.0.0, :: ... */
  address: string;
  port: number;
  /** TCP state in hex (0A = LISTEN); UDP sockets show 07. */
  state: string;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".");
  // IPv6: four little-endian 32-bit words.
  const bytes: number[] = [];
  for (let word = 0; word < 4; word++) {
    for (let i = 3; i >= 0; i--) bytes.push(parseInt(hex.slice(word * 8 + i * 2, word * 8 + i * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join(".")}`;
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  const text = groups.join(":");
  return text === "0:0:0:0:0:0:0:0" ? "::" : text === "0:0:0:0:0:0:0:1" ? "::1" : text;
}

/** The internet sockets a process holds, from /proc (Linux only). */
export function socketsOf(pid: number): SocketInfo[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const sockets: SocketInfo[] = [];
  for (const protocol of ["tcp", "tcp6", "udp", "udp6"] as const) {
    const lines = readFileSync(`/proc/${pid}/net/${protocol}`, "utf8").trim().split("\n").slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [addressHex, portHex] = fields[1]!.split(":");
      if (!inodes.has(fields[9]!)) continue;
      sockets.push({ protocol, address: decodeAddress(addressHex!), port: parseInt(portHex!, 16), state: fields[3]! });
    }
  }
  return sockets;
}
