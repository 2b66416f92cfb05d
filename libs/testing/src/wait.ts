/** How long {@link eventually} waits unless told otherwise. */
export const DEFAULT_WAIT_MS = 15_000;

export interface EventuallyOptions {
  /** Give up after this many milliseconds (default 15 s). */
  timeoutMs?: number;
  /** What is being waited for, named in the error when it never happens. */
  what?: string;
  /** Pause between probes (default 100 ms). */
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value that is not `undefined` and resolves with that value;
 * a probe that throws counts as "not yet" (its last error is quoted if time runs out). Use it
 * instead of a fixed sleep: wait for a positive fact (a row, an event, a status), never for time.
 *
 * Called as `eventually(probe, { timeoutMs, what })` or, in the older form,
 * `eventually(probe, timeoutMs, what)`.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutOrOptions: number | EventuallyOptions = {},
  what?: string,
): Promise<T> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions, what } : timeoutOrOptions;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
  const suffix = lastError ? `: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'condition'}${suffix}`);
}

/**
 * Waits until `probe` returns true (anything else, or a throw, is "not yet"). The boolean
 * form of {@link eventually}, for conditions that have no value worth returning.
 */
export async function waitFor(probe: () => Promise<boolean>, options: EventuallyOptions = {}): Promise<void> {
  await eventually(async () => ((await probe()) ? true : undefined), options);
}
