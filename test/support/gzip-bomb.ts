import { createGzip } from 'node:zlib';

/** 560 MiB of zeros gzips to about 570 KB: under restify's 1 MB limit, which it checks before inflating. */
export function gzipOfZeros(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => out.push(chunk));
    gzip.on('end', () => resolve(Buffer.concat(out)));
    gzip.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024);
    let written = 0;
    const pump = (): void => {
      while (written < bytes) {
        written += chunk.length;
        if (!gzip.write(chunk)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    pump();
  });
}
