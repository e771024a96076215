import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs a call with console.error silenced for that call alone (and what it awaits), not for concurrent ones.
 *
 * botbuilder's JwtTokenExtractor writes every rejected token to console.error, with a stack trace or the PEM
 * of the signing keys (botframework-connector lib/auth/jwtTokenExtractor.js): a stream of forged requests
 * becomes ~1 KB of unstructured stderr each. It has no option to turn that off. The endpoint logs one
 * structured line per rejection instead (messages-endpoint.ts).
 */
const silenced = new AsyncLocalStorage<true>();
let installed = false;

export function withConsoleErrorSilenced<T>(call: () => Promise<T>): Promise<T> {
  install();
  return silenced.run(true, call);
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (silenced.getStore() !== true) original(...args);
  };
}
