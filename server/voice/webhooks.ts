import { TrackType, type WebhookEvent } from "livekit-server-sdk";
import express, { type RequestHandler } from "express";
import { log } from "../log.ts";
import { callCircleRoom, type VoiceEvent } from "./room-api.ts";
import { parseVoiceRoom } from "./room-name.ts";
import type { VoiceService } from "./service.ts";

/** LiveKit events the rooms care about, as the room's VoiceEvent kinds. */
const EVENT_KINDS: Partial<Record<WebhookEvent["event"], VoiceEvent["kind"]>> = {
  participant_joined: "joined",
  participant_left: "left",
  participant_connection_aborted: "left",
  track_published: "trackPublished",
  track_unpublished: "trackUnpublished",
};

/** The room event a LiveKit webhook stands for, with its Colyseus roomId; null for events rooms ignore. */
export function voiceEventOf(event: WebhookEvent): { roomId: string; event: VoiceEvent } | null {
  const kind = EVENT_KINDS[event.event];
  const voiceRoom = event.room ? parseVoiceRoom(event.room.name) : null;
  const participant = event.participant;
  if (!kind || !voiceRoom || !participant?.identity) return null;
  const { roomId, space } = voiceRoom;
  const voiceEvent: VoiceEvent = { kind, identity: participant.identity, sid: participant.sid, space };
  if (event.track) voiceEvent.audio = event.track.type === TrackType.AUDIO;
  return { roomId, event: voiceEvent };
}

/**
 * POST /api/voice/webhook: LiveKit's events, verified against the raw body and its signed
 * Authorization header, passed to the circle room they concern. Someone LiveKit reports in the
 * voice room of a session that no longer exists is removed from it.
 */
export function webhookRoute(voice: VoiceService): RequestHandler[] {
  const raw = express.raw({ type: "application/webhook+json", limit: "64kb" });
  const handle: RequestHandler = async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    let event: WebhookEvent;
    try {
      event = await voice.receiveWebhook(body, req.get("authorization"));
    } catch {
      res.status(401).json({ error: "This webhook is not signed by our LiveKit server." });
      return;
    }
    const routed = voiceEventOf(event);
    if (routed) {
      try {
        const call = await callCircleRoom(routed.roomId, "handleVoiceEvent", routed.event);
        if (!call.found && (routed.event.kind === "joined" || routed.event.kind === "trackPublished")) {
          await voice.removeParticipant(routed.roomId, routed.event.identity, routed.event.space);
        }
      } catch (error) {
        // LiveKit retries nothing useful here; the room re-checks on the next event.
        log.warn({ roomId: routed.roomId, kind: routed.event.kind, err: String(error) }, "voice webhook not applied");
      }
    }
    res.status(200).json({ ok: true });
  };
  return [raw, handle];
}
