import os from "node:os";

/** One line describing where a benchmark ran. */
export function machineDetails(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu} · ${os.cpus().length} cores · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · ${os.platform()} ${os.release()} · Node ${process.version}`;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
