/**
 * OpenTelemetry traces and logs to Application Insights, only when APPLICATIONINSIGHTS_CONNECTION_STRING is
 * set. index.ts imports this module first: the SDK's instrumentations patch http (incoming turns, connector
 * calls) and the Azure SDK (blob storage) only in modules loaded after it.
 */
import 'dotenv/config';
import type { IncomingMessage } from 'node:http';
import type * as AzureMonitor from '@azure/monitor-opentelemetry';
import { createJsonLogger, type Logger, type LogLevel } from '../shared/logger';

type Monitor = typeof AzureMonitor;
type ConsoleOptions = NonNullable<
  NonNullable<AzureMonitor.AzureMonitorOpenTelemetryOptions['instrumentationOptions']>['console']
>;

export interface Telemetry {
  /** Flushes what is buffered; the exporter batches, so a stop without it loses the last seconds. */
  shutdown(): Promise<void>;
}

const connectionString = process.env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
export const telemetry: Telemetry | undefined = connectionString ? start(connectionString) : undefined;

function start(connection: string): Telemetry {
  // The role name Application Insights groups by (else "unknown_service:node").
  process.env.OTEL_SERVICE_NAME ??= 'group-conversations-bot';
  // Required only here: the SDK adds about a second to start-up, which a run without it should not pay.
  const monitor = require('@azure/monitor-opentelemetry') as Monitor;
  // Probes arrive every few seconds and would drown the turns in the request table.
  const http = {
    enabled: true,
    ignoreIncomingRequestHook: (request: IncomingMessage) => /^\/(healthz|readyz)\b/.test(request.url ?? ''),
  };
  // OpenTelemetry's SeverityNumber.DEBUG: LOG_LEVEL already decides which lines are written at all.
  const consoleLogs: ConsoleOptions = { enabled: true, logSeverity: 5 as ConsoleOptions['logSeverity'] };
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: connection },
    instrumentationOptions: { http, azureSdk: { enabled: true }, console: consoleLogs },
    enableLiveMetrics: false,
  });
  return {
    // An unreachable ingestion endpoint must not turn a clean stop into a crash: what is lost is telemetry.
    shutdown: () => monitor.shutdownAzureMonitor().catch(() => undefined),
  };
}

/**
 * The same JSON lines, written through console.* so the SDK's console instrumentation exports each one as a
 * log record with the trace of the turn it belongs to, at its own severity (warn and error go to stderr).
 */
export function telemetryLogger(level: LogLevel): Logger {
  const via = (print: (line: string) => void) => createJsonLogger(level, (line) => print(line.trimEnd()));
  return {
    debug: via(console.debug).debug,
    info: via(console.info).info,
    warn: via(console.warn).warn,
    error: via(console.error).error,
  };
}
