import { useEffect } from "react";
import { ClientMessage } from "../../shared/protocol.ts";
import { sendMessage } from "../net/connection.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { fetchVoiceCredentials } from "./credentials.ts";
import { useVoice } from "./useVoice.ts";
import { connectVoice, disconnectVoice, setMicAllowed } from "./voice.ts";
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

  useEffect(() => {
    if (!voiceRoom) return;
    void connectVoice(fetchVoiceCredentials);
    return () => void disconnectVoice();
  }, [voiceRoom]);

  useEffect(() => {
    void setMicAllowed(micAllowed);
  }, [micAllowed]);

  // Others see a muted icon for a self-muted person too.
  useEffect(() => {
    sendMessage(ClientMessage.SelfMute, { muted: selfMuted });
  }, [selfMuted]);

  return null;
}
