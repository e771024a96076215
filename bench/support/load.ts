/** Closed-loop load: `concurrency` clients, each sending its next request as soon as its last one answered. */

export interface LoadResult {
  requests: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** Answers that were not what a user should see (a wrong card, an error, a dropped connection). */
  failures: number;
}

export async function runLoad(
  total: number,
  concurrency: number,
  send: (index: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const started = process.hrtime.bigint();
      let ok = false;
      try {
        ok = await send(index);
      } catch {
        ok = false;
      }
      latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (!ok) failures += 1;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, client));
  return {
    requests: total,
    elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
    latenciesMs,
    failures,
  };
}

/** Nearest-rank percentile of unsorted samples (q in 0..1). */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}
