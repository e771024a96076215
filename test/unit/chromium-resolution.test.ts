import { chooseChromium, SYSTEM_CHROMIUM } from '../e2e/support/chromium';

/** The browser e2e tests' Chromium: explicit path, then the system package, then the npm-bundled build. */

const only =
  (...present: string[]) =>
  (path: string): boolean =>
    present.includes(path);

describe('chooseChromium', () => {
  test('CHROMIUM_PATH wins over a system Chromium', () => {
    expect(chooseChromium({ CHROMIUM_PATH: '/opt/chrome' }, only('/opt/chrome', SYSTEM_CHROMIUM))).toEqual({
      kind: 'CHROMIUM_PATH',
      path: '/opt/chrome',
    });
  });

  test('a CHROMIUM_PATH that does not exist fails instead of silently using another browser', () => {
    expect(() => chooseChromium({ CHROMIUM_PATH: '/nope' }, only(SYSTEM_CHROMIUM))).toThrow(
      /CHROMIUM_PATH is set to \/nope/,
    );
  });

  test('without CHROMIUM_PATH, /usr/bin/chromium when it is installed', () => {
    expect(chooseChromium({ CHROMIUM_PATH: ' ' }, only(SYSTEM_CHROMIUM))).toEqual({
      kind: 'system',
      path: SYSTEM_CHROMIUM,
    });
  });

  test('no system Chromium: the one inside @sparticuz/chromium', () => {
    expect(chooseChromium({}, only())).toEqual({ kind: 'bundled' });
  });

  test('E2E_IGNORE_SYSTEM_CHROMIUM=1 skips the system one (to test the npm path where both exist)', () => {
    expect(chooseChromium({ E2E_IGNORE_SYSTEM_CHROMIUM: '1' }, only(SYSTEM_CHROMIUM))).toEqual({
      kind: 'bundled',
    });
  });
});
