import { type ChildProcess, spawn } from 'node:child_process';
import { freeLoopbackPort } from '../../dev/free-port';

/** The well-known Azurite development account (public, not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  close(): Promise<void>;
}

/** Azure Blob storage on loopback, in memory, for tests: the real BlobsStorage client talks to it. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freeLoopbackPort();
  // Its entry point under this Node, not the .bin shim: found from wherever this file was compiled to
  // (the tests, or dist-bench for bench/profile.ts), and no `.cmd` on Windows.
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const child = spawn(
    process.execPath,
    [
      main,
      '--silent',
      '--disableTelemetry',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    // An exit event that already fired would never fire again: only wait for a child that is still running.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForListening(child, port);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    close,
  };
}

async function waitForListening(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`azurite-blob exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/${ACCOUNT}?comp=list`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('azurite-blob did not start within 15 s');
}
