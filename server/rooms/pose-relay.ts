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

/** Called when new frames wait for `flushPending` (server/rooms/pose-flush.ts schedules it). */
export type RequestFlush = () => void;

/**
 * Relays poses outside the room state (wire format: shared/pose-relay.ts). Each participant has
 * a pose id (a slot); each viewer remembers which version of each slot it last received. After
 * every state patch, `flush` sends each client the poses it lacks and may see, in one message.
 * Newcomers, reconnections and pairs a block no longer keeps apart therefore catch up by
 * themselves, and a still pose costs nothing.
 *
 * Between patches, `flushPending` sends new frames at once (coalesced per client per event-loop
 * turn), but only to viewers who have already received that pose id after a patch: a viewer
 * learns who holds an id from the state, so an id it has not been sent since its patch (a
 * newcomer, a recycled id, a pair a block kept apart) still waits for the next patch's `flush`.
 */
export class PoseRelay {
  private readonly slots: (Slot | undefined)[] = [];
  private readonly seenBy = new Map<string, number[]>();
  private version = 0;
  /** Pose ids with a new frame since the last flush of either kind. */
  private readonly dirty: number[] = [];
  private readonly isDirty: boolean[] = [];
  /** The message as Colyseus frames it (ROOM_DATA_BYTES, the type), then the entries: built once per client. */
  private readonly message: Uint8Array;
  private readonly header: number;

  /** `audience()`: who receives whose state; blocks keep pairs apart, and poses follow the state. */
  constructor(
    private readonly audience: () => PoseAudience,
    private readonly clients: () => readonly Client[] = () => [],
    private readonly requestFlush: RequestFlush = () => {},
  ) {
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
    // A recycled id names someone else now: nobody may get it before the patch that says so.
    for (const seen of this.seenBy.values()) seen[poseId] = 0;
    return poseId;
  }

  /** A new frame (already validated). An unchanged frame changes nothing. */
  update(poseId: number, frame: Uint8Array): void {
    const slot = this.slots[poseId];
    if (!slot || (slot.frame && sameBytes(slot.frame, frame))) return;
    if (slot.frame?.length === frame.length) slot.frame.set(frame);
    else slot.frame = frame.slice();
    slot.version = ++this.version;
    if (!this.isDirty[poseId]) {
      this.isDirty[poseId] = true;
      this.dirty.push(poseId);
      this.requestFlush();
    }
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

  /**
   * Sends each client the poses it has not received yet. Call right after the state patch. A new
   * frame of a pose id the client already knows is left to the pending flush (it is on its way):
   * in a steady circle this sends nothing, and costs no extra socket write per patch.
   */
  flush(clients: readonly Client[]): void {
    if (clients.length === 0) return; // also while the room is still being created: no audience yet
    const audience = this.audience();
    const everyone = audience.everyoneSeesEveryone();
    for (let c = 0; c < clients.length; c++) {
      const client = clients[c]!;
      const seen = this.seenOf(client.sessionId);
      let length = this.header;
      for (let poseId = 0; poseId < this.slots.length; poseId++) {
        if (this.isDirty[poseId] && seen[poseId]) continue;
        length = this.append(poseId, client.sessionId, seen, audience, everyone, length);
      }
      this.send(client, length);
    }
  }

  /** Sends the frames that arrived since the last flush to the viewers who already know their ids. */
  flushPending(): void {
    if (this.dirty.length === 0) return;
    const clients = this.clients();
    const audience = this.audience();
    const everyone = audience.everyoneSeesEveryone();
    for (let c = 0; c < clients.length; c++) {
      const client = clients[c]!;
      const seen = this.seenBy.get(client.sessionId);
      if (!seen) continue; // not flushed after a patch yet: knows no pose id
      let length = this.header;
      for (let d = 0; d < this.dirty.length; d++) {
        const poseId = this.dirty[d]!;
        if (seen[poseId]) length = this.append(poseId, client.sessionId, seen, audience, everyone, length);
      }
      this.send(client, length);
    }
    this.clearDirty();
  }

  /** Appends a slot's frame to the message when this viewer may see it and lacks it. */
  private append(poseId: number, viewer: string, seen: number[], audience: PoseAudience, everyone: boolean, length: number): number {
    const slot = this.slots[poseId];
    if (!slot?.frame || slot.participantId === viewer) return length;
    if (!everyone && !audience.canSee(viewer, slot.participantId)) {
      seen[poseId] = 0; // seen again later (unblocked), they get the current pose after the patch
      return length;
    }
    if (seen[poseId] === slot.version) return length;
    seen[poseId] = slot.version;
    this.message[length] = poseId;
    this.message.set(slot.frame, length + 1);
    return length + 1 + slot.frame.length;
  }

  private send(client: Client, length: number): void {
    // A copy: the socket may still hold it after this returns.
    if (length > this.header) client.enqueueRaw(this.message.slice(0, length));
  }

  private seenOf(viewer: string): number[] {
    let seen = this.seenBy.get(viewer);
    if (!seen) this.seenBy.set(viewer, (seen = []));
    return seen;
  }

  private clearDirty(): void {
    for (const poseId of this.dirty) this.isDirty[poseId] = false;
    this.dirty.length = 0;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
