import { createKeyMaterialFromString, ExternalE2EEKeyProvider, KeyProviderEvent } from "livekit-client";
import E2EEWorker from "livekit-client/e2ee-worker?worker";
import { VOICE_KEY_ACTIVATE_MS, VOICE_KEY_RING_SIZE } from "../../../shared/voice-keys.ts";
import type { CircleKey } from "./exchange.ts";

/**
 * LiveKit's key provider fed with the circle's keys, each at its epoch's slot in the key ring.
 * A new key decrypts at once and encrypts VOICE_KEY_ACTIVATE_MS later, by when everyone else
 * has it too: a rotation loses no words.
 */
export class CircleKeyProvider extends ExternalE2EEKeyProvider {
  private newestEpoch = -1;
  private activation: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super({ keyringSize: VOICE_KEY_RING_SIZE });
  }

  async install(key: CircleKey): Promise<void> {
    const material = await createKeyMaterialFromString(key.key);
    const keyIndex = key.epoch % VOICE_KEY_RING_SIZE;
    const first = this.newestEpoch < 0;
    this.newestEpoch = key.epoch;
    clearTimeout(this.activation);
    if (first) return this.onSetEncryptionKey(material, undefined, keyIndex);
    // Ready to decrypt, not yet the key we send with.
    this.emit(KeyProviderEvent.SetKey, { key: material, keyIndex }, false);
    this.activation = setTimeout(() => {
      if (this.newestEpoch === key.epoch) this.onSetEncryptionKey(material, undefined, keyIndex);
    }, VOICE_KEY_ACTIVATE_MS);
  }
}

let provider: CircleKeyProvider | null = null;

/** The key provider every voice connection of this page uses (keys outlive a voice reconnect). */
export function circleKeyProvider(): CircleKeyProvider {
  provider ??= new CircleKeyProvider();
  return provider;
}

/** The E2EE worker, bundled and served by Hearth itself (a new one per LiveKit room). */
export function createE2EEWorker(): Worker {
  return new E2EEWorker();
}
