/**
 * Drops the console.error calls botbuilder's JWT extraction makes, and only those.
 *
 * botframework-connector's JwtTokenExtractor (lib/auth/jwtTokenExtractor.js) writes every rejected token to
 * console.error, with a stack trace or the PEM of the signing keys: a stream of forged requests becomes
 * ~1 KB of unstructured stderr each, and it has no option to turn that off. The endpoint logs one
 * structured line per rejection instead (messages-endpoint.ts). The caller is told apart by the call stack,
 * read only when console.error is called at all, so every other console.error output still gets through,
 * and no per-request context (AsyncLocalStorage, whose promise hook costs every promise in the process) is
 * needed. With source maps on, the frame names the .ts source instead of the .js file.
 */
const JWT_EXTRACTOR_FRAME = /botframework-connector[\\/](?:lib|src)[\\/]auth[\\/]jwtTokenExtractor\.[jt]s:/;

let installed = false;

/** Idempotent; wraps whatever console.error is at the first call (a test's spy included). */
export function silenceJwtExtractorConsole(): void {
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (!JWT_EXTRACTOR_FRAME.test(new Error().stack ?? '')) original(...args);
  };
}
