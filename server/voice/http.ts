import express, { type ErrorRequestHandler, Router } from "express";
import { z } from "zod";
import type { VoiceTokenResponse } from "../../shared/protocol.ts";
import { log } from "../log.ts";
import { callCircleRoom } from "./room-api.ts";
import type { VoiceService } from "./service.ts";
import { TicketError } from "./tickets.ts";
import { webhookRoute } from "./webhooks.ts";

const tokenRequestSchema = z.object({ ticket: z.string().min(1).max(1024) }).strict();

/**
 * Voice routes, mounted at /api/voice:
 *   POST /token    { ticket } → 200 VoiceTokenResponse; 400 malformed body; 401 bad ticket;
 *                  403 not seated in that live room; 503 voice off. Errors are { error }.
 *   POST /webhook  LiveKit's webhooks (signed).
 */
export function voiceRouter(voice: VoiceService | undefined): Router {
  const router = Router();

  if (!voice) {
    router.use((_req, res) => {
      res.status(503).json({ error: "Voice is turned off on this server." });
    });
    return router;
  }

  router.post("/token", express.json({ limit: "4kb" }), async (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Please send a JSON body of the form { "ticket": "…" }.' });
      return;
    }
    let ticket;
    try {
      ticket = voice.verifyTicket(parsed.data.ticket);
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
      res.status(401).json({ error: error.message });
      return;
    }
    const call = await callCircleRoom(ticket.roomId, "redeemVoiceTicket", ticket.participantId, ticket.nonce);
    if (!call.found) {
      res.status(403).json({ error: "This circle session has ended. Please join the circle again to talk." });
      return;
    }
    if (!call.result) {
      res.status(403).json({
        error: "You are not seated in this circle any more, or this ticket was already used. Please ask the circle for a fresh one.",
      });
      return;
    }
    const body: VoiceTokenResponse = await voice.tokenFor(ticket.roomId, call.result);
    res.set("Cache-Control", "no-store").json(body);
  });

  router.post("/webhook", ...webhookRoute(voice));

  router.use((_req, res) => {
    res.status(404).json({ error: "Not found." });
  });

  const onError: ErrorRequestHandler = (error: { status?: unknown; type?: unknown }, _req, res, _next) => {
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: String(error) }, "voice route failed");
    res.status(status).json({
      error: status === 500 ? "Something went wrong on our side; please try again." : "This request could not be read.",
    });
  };
  router.use(onError);

  return router;
}
