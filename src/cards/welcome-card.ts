import { type AdaptiveCard, renderCard } from './render';
import template from './templates/welcome.json';

const COMMANDS = [
  { name: 'Any message', description: 'Opens the form; text after my name becomes the topic.' },
  { name: 'help', description: 'Shows this card.' },
  {
    name: 'recent',
    description: "Lists the latest conversations of this team's group (or of a group you pick).",
  },
  { name: 'sign out', description: 'Signs you out of Microsoft Graph for this app.' },
];

export function renderWelcomeCard(kind: 'welcome' | 'help'): AdaptiveCard {
  return renderCard(template, {
    heading: kind === 'welcome' ? 'Hi! I am Group Conversations.' : 'What I can do',
    commands: COMMANDS,
  });
}
