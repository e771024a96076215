/** GET /readyz: whether this instance should get traffic (storage reachable, not shutting down). */
import type { Server } from 'restify';
import type { Logger } from '../shared/logger';

/** One dependency the bot cannot answer without; check() throws when it is unusable. */
export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export type ProbeState = 'ok' | 'failing' | 'timeout';

export interface ReadinessReport {
  ready: boolean;
  /** 'draining' once SIGTERM arrived: a load balancer should stop sending new turns here. */
  status: 'ready' | 'not_ready' | 'draining';
  checks: Record<string, ProbeState>;
}

/**
 * /healthz says the process runs (restart it if not); /readyz says it can serve. Configuration is implied:
 * the server only listens once loadConfig accepted it. Probes run on each request, bounded by a timeout, so a
 * hung storage account makes the instance not ready instead of hanging the probe.
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly probes: readonly ReadinessProbe[],
    private readonly logger: Logger,
    private readonly timeoutMs = 2_000,
  ) {}

  drain(): void {
    this.draining = true;
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.probes.map(async (probe) => [probe.name, await this.run(probe)] as const),
    );
    const checks = Object.fromEntries(results);
    const healthy = results.every(([, state]) => state === 'ok');
    const status = this.draining ? 'draining' : healthy ? 'ready' : 'not_ready';
    return { ready: status === 'ready', status, checks };
  }

  private async run(probe: ReadinessProbe): Promise<ProbeState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ProbeState>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const checked = probe.check().then(
      (): ProbeState => 'ok',
      (error: unknown): ProbeState => {
        // The reason goes to the log only: /readyz is unauthenticated and must not describe the backend.
        this.logger.warn('readiness.failed', {
          check: probe.name,
          error: error instanceof Error ? error.name : 'unknown',
          ...restErrorFields(error),
        });
        return 'failing';
      },
    );
    try {
      const state = await Promise.race([checked, timeout]);
      if (state === 'timeout') this.logger.warn('readiness.failed', { check: probe.name, error: 'timeout' });
      return state;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The container holding bot state answers (a missing container is fine: it is created on first use). */
export function blobStorageProbe(container: { exists(): Promise<boolean> }): ReadinessProbe {
  return {
    name: 'storage',
    // exists() answers false for 404 and throws on 401/403 (a missing role assignment) and network errors.
    check: async () => {
      await container.exists();
    },
  };
}

export function serveReadiness(server: Server, readiness: Readiness): void {
  server.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.send(report.ready ? 200 : 503, { status: report.status, checks: report.checks });
  });
}

/**
 * The Azure SDK's RestError status and code, read by shape rather than `instanceof`: importing RestError
 * would load the Storage SDK in memory mode too, where no probe exists.
 */
function restErrorFields(error: unknown): { status?: number; code?: string } {
  if (!(error instanceof Error) || error.name !== 'RestError') return {};
  const { statusCode, code } = error as Error & { statusCode?: unknown; code?: unknown };
  return {
    status: typeof statusCode === 'number' ? statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
  };
}
