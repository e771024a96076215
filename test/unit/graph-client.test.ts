import { splitBaseUrl } from '../../src/graph/client';

describe('splitBaseUrl: the SDK joins host + version + path itself', () => {
  test.each([
    ['https://graph.microsoft.com/v1.0', 'https://graph.microsoft.com/', 'v1.0'],
    ['https://graph.microsoft.com/v1.0/', 'https://graph.microsoft.com/', 'v1.0'],
    ['https://graph.microsoft.com/beta', 'https://graph.microsoft.com/', 'beta'],
    ['http://127.0.0.1:3980/v1.0', 'http://127.0.0.1:3980/', 'v1.0'],
    ['http://[::1]:3980/v1.0', 'http://[::1]:3980/', 'v1.0'],
    ['https://proxy.contoso.com/graph/api/v1.0', 'https://proxy.contoso.com/graph/api/', 'v1.0'],
  ])('%s → host %s, version %s', (baseUrl, host, version) => {
    expect(splitBaseUrl(new URL(baseUrl))).toEqual({ host, version });
  });

  test('a bare host defaults to v1.0', () => {
    expect(splitBaseUrl(new URL('https://graph.microsoft.com'))).toEqual({
      host: 'https://graph.microsoft.com/',
      version: 'v1.0',
    });
  });

  test('host and version join back into the base URL', () => {
    const url = new URL('https://graph.microsoft.us/v1.0');
    const { host, version } = splitBaseUrl(url);
    expect(`${host}${version}`).toBe(url.href);
  });
});
