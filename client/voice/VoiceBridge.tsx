import { useEffect } from "react";
import { ClientMessage } from "../../shared/protocol.ts";
import { sendMessage } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { fetchVoiceCredentials } from "./credentials.ts";
import { startKeyExchange } from "./e2ee/session.ts";
import { useVoice } from "./useVoice.ts";
import { micSettings } from "./processing/settings.ts";
import { applyMicSettings, connectVoice, disconnectVoice, setMicAllowed } from "./voice.ts";
import { Spaces } from "../../shared/facilitation.ts";

/** Keeps the voice connection in step with the circle: joins with it, follows the server's mute. */
export function VoiceBridge() {
  const space = useSelf((me) => me?.space ?? Spaces.Main);
  // One voice connection per circle and space: moving to a breakout reconnects to its voice room.
  const voiceRoom = useConnection((s) =>
    s.voiceAvailable && s.room && space !== Spaces.Waiting ? `${s.room.roomId}:${space}` : null,
  );
  const micAllowed = useSelf((me) => me?.micAllowed ?? true);
  const selfMuted = useVoice((s) => s.selfMuted);
  const circle = useConnection((s) => s.room);

  // Every circle connection takes part in the voice key exchange (end-to-end encryption).
  useEffect(() => {
    if (!circle) return;
    return startKeyExchange(circle);
  }, [circle]);

  useEffect(() => {
    if (!voiceRoom) return;
    void connectVoice(fetchVoiceCredentials);
    return () => void disconnectVoice();
  }, [voiceRoom]);

  useEffect(() => {
    void setMicAllowed(micAllowed);
  }, [micAllowed]);

  // Settings changed in the circle: the microphone follows at once.
  useEffect(() => micSettings.subscribe(() => void applyMicSettings()), []);

  // Others see what runs on this voice: the server sets the marks from this message.
  const disguised = useVoice((s) => s.processing.disguise !== "off");
  const captions = useVoice((s) => s.captions);
  useEffect(() => {
    if (!circle) return;
    circle.send(ClientMessage.VoiceMarks, { disguised, captions });
  }, [circle, disguised, captions]);

  // Others see a muted icon for a self-muted person too.
  useEffect(() => {
    sendMessage(ClientMessage.SelfMute, { muted: selfMuted });
  }, [selfMuted]);

  return null;
}
