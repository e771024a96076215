import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandWelcome } from './compiled/welcome';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings } from './strings';

export function renderWelcomeCard(language: Language, kind: 'welcome' | 'help'): AdaptiveCard {
  return renderCard(expandWelcome, {
    strings: cardStrings(language, 'welcome'),
    // The reader's own command words, the ones their command menu sends (appPackage/<language>.json).
    commands: {
      help: text(language, 'messages.command.help'),
      recent: text(language, 'messages.command.recent'),
      signOut: text(language, 'messages.command.signOut'),
    },
    heading:
      kind === 'welcome'
        ? text(language, 'cards.welcome.headingWelcome', { product: text(language, 'common.productName') })
        : text(language, 'cards.welcome.headingHelp'),
  });
}
