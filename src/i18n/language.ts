/**
 * Which of our catalogs a turn is answered in. Teams puts the client's language on every activity as a BCP 47
 * `locale` ("de-DE", "en-US", "de-AT"); anything we do not ship falls back to English.
 */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const byPrimaryTag = new Map<string, Language>(LANGUAGES.map((language) => [language, language]));

export function languageOf(locale: string | undefined): Language {
  const primary = (locale ?? '').trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return byPrimaryTag.get(primary) ?? 'en';
}
