/**
 * One participant's side of the circle-key exchange, free of any UI or LiveKit: the browser's
 * voice and the test bots both drive it with the room's messages.
 */
import { ClientMessage } from "../../../shared/protocol.ts";
import type { VoiceKeyDelivery, VoiceKeyRotation, VoiceKeyShare } from "../../../shared/voice-keys.ts";
import { type ExchangeKeys, makeCircleKey, makeExchangeKeys, securityCode, unwrapCircleKey, wrapCircleKey } from "./crypto.ts";

export interface CircleKey {
  space: string;
  epoch: number;
  /** The secret LiveKit derives its frame keys from. Never leaves this device except wrapped. */
  key: string;
  /** Six digits for people to compare aloud. */
  code: string;
}

export interface KeyExchangeLink {
  /** Our participant id in the room. */
  selfId(): string;
  send(type: string, payload: unknown): void;
}

export class CircleKeyExchange {
  private latest: CircleKey | null = null;
  /** The newest rotation we were told of: a key for an older epoch is no longer wanted. */
  private wantedEpoch = new Map<string, number>();

  private constructor(
    private readonly link: KeyExchangeLink,
    private readonly own: ExchangeKeys,
    private readonly onKey: (key: CircleKey) => void,
  ) {}

  static async create(link: KeyExchangeLink, onKey: (key: CircleKey) => void): Promise<CircleKeyExchange> {
    return new CircleKeyExchange(link, await makeExchangeKeys(), onKey);
  }

  get publicKey(): string {
    return this.own.publicKey;
  }

  get current(): CircleKey | null {
    return this.latest;
  }

  /** Tells the room our public key (again after a fresh join: a new session has forgotten it). */
  publish(): void {
    this.link.send(ClientMessage.VoiceKeyPublish, { publicKey: this.own.publicKey });
  }

  async handleRotation(rotation: VoiceKeyRotation): Promise<void> {
    const wanted = this.wantedEpoch.get(rotation.space) ?? 0;
    if (rotation.epoch <= wanted) return;
    this.wantedEpoch.set(rotation.space, rotation.epoch);
    const self = this.link.selfId();
    if (rotation.keyer !== self) return;
    const key = makeCircleKey();
    const keys: VoiceKeyShare["keys"] = [];
    for (const member of rotation.members) {
      if (member.id === self) continue;
      const place = { space: rotation.space, epoch: rotation.epoch, from: self, to: member.id };
      keys.push({ to: member.id, ...(await wrapCircleKey(key, this.own, member.publicKey, place)) });
    }
    const share: VoiceKeyShare = { space: rotation.space, epoch: rotation.epoch, keys };
    this.link.send(ClientMessage.VoiceKeyShare, share);
    await this.accept(rotation.space, rotation.epoch, key);
  }

  async handleDelivery(delivery: VoiceKeyDelivery): Promise<void> {
    if (delivery.epoch < (this.wantedEpoch.get(delivery.space) ?? 0)) return;
    const place = { space: delivery.space, epoch: delivery.epoch, from: delivery.from, to: this.link.selfId() };
    const key = await unwrapCircleKey(delivery, this.own, delivery.fromKey, place);
    if (key) await this.accept(delivery.space, delivery.epoch, key);
  }

  private async accept(space: string, epoch: number, key: string): Promise<void> {
    if (this.latest && this.latest.space === space && this.latest.epoch >= epoch) return;
    const next = { space, epoch, key, code: await securityCode(key) };
    this.latest = next;
    this.onKey(next);
  }
}
