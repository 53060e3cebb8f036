import { type Client, getMessageBytes, Protocol } from "@colyseus/core";
import { MAX_POSE_IDS, POSE_ENTRY_MAX_BYTES } from "../../shared/pose-relay.ts";
import { ServerMessage } from "../../shared/protocol.ts";

/** Who may receive whose pose: the room's Visibility (server/rooms/visibility.ts). */
export interface PoseAudience {
  canSee(viewer: string, target: string): boolean;
  /** True when nobody is kept apart and everyone is revealed: then no pair needs asking. */
  everyoneSeesEveryone(): boolean;
}

interface Slot {
  participantId: string;
  /** The latest validated frame, exactly as it goes on the wire; null while seatless. */
  frame: Uint8Array | null;
  /** Room-wide counter value of this frame: never reused, so a recycled pose id is never mistaken. */
  version: number;
}

/**
 * Relays poses outside the room state (wire format: shared/pose-relay.ts). Each participant has
 * a pose id (a slot); each viewer remembers which version of each slot it last received. After
 * every state patch, `flush` sends each client the poses it lacks and may see, in one message.
 * Newcomers, reconnections and pairs a block no longer keeps apart therefore catch up by
 * themselves, and a still pose costs nothing.
 */
export class PoseRelay {
  private readonly slots: (Slot | undefined)[] = [];
  private readonly seenBy = new Map<string, number[]>();
  private version = 0;
  /** The message as Colyseus frames it (ROOM_DATA_BYTES, the type), then the entries: built once per client. */
  private readonly message: Uint8Array;
  private readonly header: number;

  /** `audience()`: who receives whose state; blocks keep pairs apart, and poses follow the state. */
  constructor(private readonly audience: () => PoseAudience) {
    const header = getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, ServerMessage.Poses);
    this.header = header.length;
    this.message = new Uint8Array(this.header + MAX_POSE_IDS * POSE_ENTRY_MAX_BYTES);
    this.message.set(header);
  }

  /** Gives a participant the lowest free pose id. */
  admit(participantId: string): number {
    let poseId = this.slots.findIndex((slot) => slot === undefined);
    if (poseId === -1) poseId = this.slots.length;
    if (poseId >= MAX_POSE_IDS) throw new Error("No pose id left in this room.");
    this.slots[poseId] = { participantId, frame: null, version: 0 };
    return poseId;
  }

  /** A new frame (already validated). An unchanged frame changes nothing. */
  update(poseId: number, frame: Uint8Array): void {
    const slot = this.slots[poseId];
    if (!slot || (slot.frame && sameBytes(slot.frame, frame))) return;
    if (slot.frame?.length === frame.length) slot.frame.set(frame);
    else slot.frame = frame.slice();
    slot.version = ++this.version;
  }

  /** The latest frame of a pose id, as relayed (null while seatless). */
  frameOf(poseId: number): Uint8Array | null {
    return this.slots[poseId]?.frame ?? null;
  }

  /** No pose for now (in the waiting room): nobody is sent one. */
  clear(poseId: number): void {
    const slot = this.slots[poseId];
    if (slot) slot.frame = null;
  }

  /** The participant left for good: free their id and forget what they had seen. */
  release(poseId: number): void {
    const slot = this.slots[poseId];
    if (!slot) return;
    this.seenBy.delete(slot.participantId);
    this.slots[poseId] = undefined;
  }

  /** The viewer came back on a new connection: send them everything again. */
  resend(viewerId: string): void {
    this.seenBy.delete(viewerId);
  }

  /** Sends each client the poses it has not received yet. Call right after the state patch. */
  flush(clients: readonly Client[]): void {
    if (clients.length === 0) return; // also while the room is still being created: no audience yet
    const audience = this.audience();
    const everyone = audience.everyoneSeesEveryone();
    for (let c = 0; c < clients.length; c++) {
      const client = clients[c]!;
      const viewer = client.sessionId;
      let seen = this.seenBy.get(viewer);
      if (!seen) this.seenBy.set(viewer, (seen = []));
      let length = this.header;
      for (let poseId = 0; poseId < this.slots.length; poseId++) {
        const slot = this.slots[poseId];
        if (!slot?.frame || slot.participantId === viewer) continue;
        if (!everyone && !audience.canSee(viewer, slot.participantId)) {
          seen[poseId] = 0; // seen again later (unblocked), they get the current pose at once
          continue;
        }
        if (seen[poseId] === slot.version) continue;
        seen[poseId] = slot.version;
        this.message[length] = poseId;
        this.message.set(slot.frame, length + 1);
        length += 1 + slot.frame.length;
      }
      // A copy: the socket may still hold it after this returns.
      if (length > this.header) client.enqueueRaw(this.message.slice(0, length));
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
