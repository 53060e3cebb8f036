/**
 * The voice disguise as an AudioWorklet (loaded with audioWorklet.addModule from its own bundled
 * file). Settings arrive as processorOptions and on the port.
 */
import type { DisguiseSettings } from "../../../shared/voice-features.ts";
import { DISGUISE_PROCESSOR, PitchShifter } from "./pitch-shift.ts";

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;

class DisguiseProcessor extends AudioWorkletProcessor {
  private readonly shifter = new PitchShifter(sampleRate);

  constructor(options: { processorOptions?: unknown }) {
    super(options);
    this.shifter.configure(options.processorOptions as DisguiseSettings);
    this.port.onmessage = (event: MessageEvent<DisguiseSettings>) => this.shifter.configure(event.data);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    const output = outputs[0]?.[0];
    if (input && output) this.shifter.process(input, output);
    return true;
  }
}

registerProcessor(DISGUISE_PROCESSOR, DisguiseProcessor);
