import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Stands in for Application Insights' ingestion endpoint (POST /v2.1/track) so a test can read what the bot's
 * OpenTelemetry exporter sends. The exporter speaks only HTTPS: the certificate is a self-signed one for
 * 127.0.0.1 made for this stand-in alone (no other use, no secret); a child process trusts it through
 * NODE_EXTRA_CA_CERTS.
 */
export const LOOPBACK_CA = join(__dirname, 'fixtures', 'loopback-tls.cert.pem');

export interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

export interface Ingestion {
  /** For APPLICATIONINSIGHTS_CONNECTION_STRING. */
  connectionString: string;
  readonly envelopes: Envelope[];
  close(): Promise<void>;
}

export async function startIngestion(): Promise<Ingestion> {
  const envelopes: Envelope[] = [];
  const server = createServer(
    {
      key: readFileSync(join(__dirname, 'fixtures', 'loopback-tls.key.pem')),
      cert: readFileSync(LOOPBACK_CA),
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const batch = JSON.parse(body.toString('utf8')) as Envelope[];
        envelopes.push(...batch);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: batch.length, itemsAccepted: batch.length, errors: [] }));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/`,
    envelopes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
