/**
 * Preloaded into a bot by bench/profile.ts (`node -r`): on SIGUSR2 the bot writes one JSON line to stderr
 * with where its resident memory is (V8 heap spaces, external, array buffers), so RSS can be split up
 * without a profiler changing what it measures.
 */
import { getHeapSpaceStatistics } from 'node:v8';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

process.on('SIGUSR2', () => {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((space) => [
      space.space_name.replace(/_space$/, ''),
      `${mb(space.space_used_size)}/${mb(space.space_size)}`,
    ]),
  );
  process.stderr.write(
    `memory-probe ${JSON.stringify({
      rss: mb(usage.rss),
      heapUsed: mb(usage.heapUsed),
      heapTotal: mb(usage.heapTotal),
      external: mb(usage.external),
      arrayBuffers: mb(usage.arrayBuffers),
      spaces,
    })}\n`,
  );
});
