/**
 * `@odata.nextLink` as a path the SDK can follow. The SDK only strips absolute `https://` links, so a
 * link on the local sandbox's http:// base would be appended to the base again. A link to any other host
 * ends the paging: the user's token is never sent where GRAPH_BASE_URL does not point.
 */
export function relativeNextLink(nextLink: string | undefined, baseUrl: URL): string | undefined {
  if (!nextLink) return undefined;
  const base = baseUrl.href.replace(/\/+$/, '');
  if (!nextLink.startsWith(`${base}/`)) return undefined;
  return nextLink.slice(base.length);
}
