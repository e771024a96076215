import { type AdaptiveCard, renderCard } from './render';
import template from './templates/welcome.json';

const COMMANDS = [
  { name: 'Any message', description: 'Opens the form; text after my name becomes the topic.' },
  { name: 'help', description: 'Shows this card.' },
  { name: 'sign out', description: 'Signs you out of Microsoft Graph for this app.' },
];

export function renderWelcomeCard(kind: 'welcome' | 'help'): AdaptiveCard {
  return renderCard(template, {
    heading: kind === 'welcome' ? 'Hi! I am Group Conversations.' : 'What I can do',
    commands: COMMANDS,
  });
}
