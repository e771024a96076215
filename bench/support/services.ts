/** The outside world both bots talk to, shared so they pay for exactly the same I/O: Graph, tokens, Teams. */
import { DEMO_TENANT, type GraphSandbox, startGraphSandbox } from '../../sandbox/graph-sandbox';
import { mintSandboxToken } from '../../sandbox/tokens';
import { teamsUserId } from '../../test/support/teams-activities';
import { startTeamsConnector, type TeamsConnector } from '../../test/support/teams-connector';
import { startTokenService, type TokenService } from '../../test/support/token-service';

export const CONNECTION_NAME = 'GraphSSO';
export const BENCH_USER = DEMO_TENANT.users.alex;

export interface BenchServices {
  sandbox: GraphSandbox;
  tokens: TokenService;
  connector: TeamsConnector;
  /** Empties every recorder between jobs, so memory stays flat and counts are per job. */
  reset(): void;
  close(): Promise<void>;
}

export async function startServices(): Promise<BenchServices> {
  const sandbox = await startGraphSandbox();
  const tokens = await startTokenService();
  const connector = await startTeamsConnector();
  const grant = () =>
    tokens.grantToken(
      teamsUserId(BENCH_USER),
      CONNECTION_NAME,
      mintSandboxToken({ oid: BENCH_USER.id, name: BENCH_USER.displayName }),
      24 * 3600,
    );
  grant();
  return {
    sandbox,
    tokens,
    connector,
    reset() {
      sandbox.reset();
      connector.reset();
      tokens.reset();
      grant();
    },
    async close() {
      await Promise.all([sandbox.close(), tokens.close(), connector.close()]);
    },
  };
}
