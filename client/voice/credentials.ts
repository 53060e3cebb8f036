import { requestVoiceTicket } from "../net/connection.ts";
import type { VoiceCredentials } from "./voice.ts";

/** Exchanges a fresh seat ticket from the room for a short-lived LiveKit token. */
export async function fetchVoiceCredentials(): Promise<VoiceCredentials> {
  const { ticket } = await requestVoiceTicket();
  const response = await fetch("/api/voice/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ticket }),
  });
  if (!response.ok) throw new Error(`Voice token refused (${response.status}).`);
  const body = (await response.json()) as { url: string; token: string };
  return { url: body.url, token: body.token };
}
