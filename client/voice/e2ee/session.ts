/**
 * The browser's side of encrypted voice: one key exchange per circle connection, feeding the
 * LiveKit key provider and the security code shown to the user.
 */
import type { Room } from "colyseus.js";
import { ServerMessage } from "../../../shared/protocol.ts";
import type { VoiceKeyDelivery, VoiceKeyRotation } from "../../../shared/voice-keys.ts";
import { CircleKeyExchange } from "./exchange.ts";
import { voice } from "../voice.ts";

/** Starts the key exchange on a circle connection; returns what stops it. */
export function startKeyExchange(room: Room): () => void {
  let stopped = false;
  const unsubscribe: (() => void)[] = [];
  if (voice.getState().encryption.status !== "unsupported") voice.setState({ encryption: { status: "securing", code: null, epoch: 0 } });
  void CircleKeyExchange.create(
    { selfId: () => room.sessionId, send: (type, payload) => room.send(type, payload) },
    (key) => {
      if (stopped) return;
      // The provider is livekit-client's: it loads with voice, not with the circle page.
      void import("./provider.ts").then(({ circleKeyProvider }) => circleKeyProvider().install(key));
      voice.setState({ encryption: { status: "on", code: key.code, epoch: key.epoch } });
    },
  ).then((exchange) => {
    if (stopped) return;
    unsubscribe.push(
      room.onMessage(ServerMessage.VoiceKeyRotate, (rotation: VoiceKeyRotation) => void exchange.handleRotation(rotation)),
      room.onMessage(ServerMessage.VoiceKeyDeliver, (delivery: VoiceKeyDelivery) => void exchange.handleDelivery(delivery)),
    );
    exchange.publish();
  });
  return () => {
    stopped = true;
    for (const off of unsubscribe) off();
  };
}
