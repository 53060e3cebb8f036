/**
 * Runs an AudioWorkletProcessor module in Node: just enough of the AudioWorkletGlobalScope
 * (AudioWorkletProcessor, registerProcessor, sampleRate) to drive its process() in 128-frame quanta.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

type ProcessorClass = new (options: { processorOptions?: unknown; numberOfInputs?: number }) => {
  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
};

const registered = new Map<string, ProcessorClass>();
const scope = globalThis as Record<string, unknown>;
scope.sampleRate ??= 48_000;
scope.currentTime ??= 0;
scope.AudioWorkletProcessor ??= class {
  readonly port = { addEventListener() {}, postMessage() {}, start() {}, onmessage: null };
};
// Emscripten glue inside a worklet sees Node and reaches for CommonJS globals.
scope.__dirname ??= process.cwd();
scope.require ??= createRequire(import.meta.url);
scope.registerProcessor ??= (name: string, processor: ProcessorClass) => registered.set(name, processor);

export async function loadProcessor(file: string, name: string): Promise<ProcessorClass> {
  await import(pathToFileURL(file).href);
  const processor = registered.get(name);
  if (!processor) throw new Error(`${file} did not register ${name}.`);
  return processor;
}

export const QUANTUM = 128;

/** Pushes `input` through a processor instance quantum by quantum; returns the output and the time spent in process(). */
export function runThrough(
  node: InstanceType<ProcessorClass>,
  input: Float32Array,
): { output: Float32Array; processMs: number } {
  const output = new Float32Array(input.length);
  const inBlock = new Float32Array(QUANTUM);
  const outBlock = new Float32Array(QUANTUM);
  let processMs = 0;
  for (let offset = 0; offset + QUANTUM <= input.length; offset += QUANTUM) {
    inBlock.set(input.subarray(offset, offset + QUANTUM));
    outBlock.fill(0);
    const started = performance.now();
    node.process([[inBlock]], [[outBlock]], {});
    processMs += performance.now() - started;
    output.set(outBlock, offset);
  }
  return { output, processMs };
}
