/**
 * Starts the Graph sandbox standalone, bound to 127.0.0.1 (it trusts any well-formed token):
 * `npm run build && GRAPH_SANDBOX_PORT=3980 node dist/sandbox/cli.js`.
 */
import { startGraphSandbox } from './graph-sandbox';

async function main(): Promise<void> {
  const raw = process.env.GRAPH_SANDBOX_PORT ?? '3980';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`GRAPH_SANDBOX_PORT must be a port number, got '${raw}'`);
  }
  const sandbox = await startGraphSandbox({ host: '127.0.0.1', port });
  process.stdout.write(`Graph sandbox listening on ${sandbox.baseUrl}\n`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Graph sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
