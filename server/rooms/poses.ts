import type { Client } from "@colyseus/core";
import { encodeFrame, FrameReader } from "../../shared/pose-codec.ts";
import { implausibleFrameReason } from "../../shared/pose-rules.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import type { Refuse } from "./message-gate.ts";
import { cancelPoseFlush, requestPoseFlush } from "./pose-flush.ts";
import { type PoseAudience, PoseRelay } from "./pose-relay.ts";
import { NO_SEAT, type Participant } from "./state.ts";

/**
 * The circle's poses: each participant's pose id, the validated frames, and their relay as they
 * arrive and after each patch (server/rooms/pose-relay.ts). Poses follow who sees whom (the
 * safety's Visibility).
 */
export class RoomPoses {
  private readonly relay: PoseRelay;
  private readonly frames = new FrameReader();

  private readonly pending: { roomId: string; flushPending(): void };

  constructor(
    private readonly capacity: () => number,
    audience: () => PoseAudience,
    private readonly refuse: Refuse,
    room: { readonly roomId: string; readonly clients: readonly Client[] },
  ) {
    this.pending = { get roomId() { return room.roomId; }, flushPending: () => this.relay.flushPending() };
    this.relay = new PoseRelay(audience, () => room.clients, () => requestPoseFlush(this.pending));
  }

  /** The room is disposed: no pending flush may run for it. */
  dispose(): void {
    cancelPoseFlush(this.pending);
  }

  /** Gives a newcomer a pose id. */
  admit(participantId: string): number {
    return this.relay.admit(participantId);
  }

  /** The participant left for good: their pose id is free again. */
  release(poseId: number): void {
    this.relay.release(poseId);
  }

  /** A reconnected viewer gets every pose again. */
  resend(viewerId: string): void {
    this.relay.resend(viewerId);
  }

  /** After each patch: every client gets the poses it lacks. */
  flush(clients: readonly Client[]): void {
    this.relay.flush(clients);
  }

  /** The frame the room relays for this pose id (null while seatless). */
  frameOf(poseId: number): Uint8Array | null {
    return this.relay.frameOf(poseId);
  }

  /** Seated: sitting upright, facing the fire, hands in the lap, until their own pose arrives. */
  place(p: Participant): void {
    if (p.seat === NO_SEAT) this.relay.clear(p.poseId);
    else this.relay.update(p.poseId, encodeFrame({ head: seatedHeadPose(p.seat, this.capacity()), hands: null }));
  }

  /** The gate's pose handler (bound once: no closure per message). */
  readonly receive = (client: Client, bytes: ClientPayload<typeof ClientMessage.Pose>, participant: Participant): void => {
    if (participant.seat === NO_SEAT) return; // in the waiting room: nowhere to be
    const frame = this.frames.read(bytes);
    if (!frame) return this.refuse(client, ClientMessage.Pose, "invalid_message", "Malformed pose frame.");
    const reason = implausibleFrameReason(frame, seatTransform(participant.seat, this.capacity()));
    if (reason) return this.refuse(client, ClientMessage.Pose, "invalid_message", reason);
    this.relay.update(participant.poseId, bytes);
  };
}
