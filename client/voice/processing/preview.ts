/** Hear yourself through the noise filter and disguise before joining (headphones!). */
import { buildChain } from "./mic-processor.ts";
import { captureOptions, type MicSettings } from "./settings.ts";

export interface Preview {
  stop(): void;
}

export async function startPreview(settings: MicSettings): Promise<Preview> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: captureOptions(settings) });
  const input = stream.getAudioTracks()[0]!;
  try {
    const chain = await buildChain(input, { noiseFilter: settings.noiseFilter, disguise: settings.disguise });
    const element = new Audio();
    element.srcObject = new MediaStream([chain.output]);
    await element.play();
    return {
      stop: () => {
        element.pause();
        element.srcObject = null;
        chain.stop();
        input.stop();
      },
    };
  } catch (error) {
    input.stop();
    throw error;
  }
}
