/** Polls an async `probe` until it resolves truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T>, timeoutMs = 5000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
