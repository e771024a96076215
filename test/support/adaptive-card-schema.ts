// The npm package's lib/ is ESM that Node cannot load; its UMD build parses without a DOM.
import * as AC from 'adaptivecards/dist/adaptivecards.js';

/**
 * Teams documents the people picker (`choices.data` with Data.Query) for cards of any version it supports,
 * while the Adaptive Cards SDK files that property under 1.6. This is the one finding we accept.
 */
const TEAMS_PEOPLE_PICKER =
  'Property "choices.data" is supported in version 1.6, but you are using version 1.5.';

/** Parses and validates a card as Adaptive Cards 1.5 would, returning every problem found. */
export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const json = card as { type?: unknown; version?: unknown };
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${String(json.type)}`);
  if (json.version !== '1.5') problems.push(`version is ${String(json.version)}, Teams cards here use 1.5`);
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  const results = parsed.validateProperties();
  for (let i = 0; i < results.validationEvents.length; i++)
    problems.push(results.validationEvents[i].message);
  const unresolved = JSON.stringify(card).match(/\$\{[^}]*\}/g);
  if (unresolved) problems.push(`unresolved template expressions: ${unresolved.join(', ')}`);
  let dynamicPickers = dynamicChoiceSetsWithoutStaticChoices(card);
  return problems.filter((problem) => {
    if (problem === TEAMS_PEOPLE_PICKER) return false;
    // A people picker's choices come from its Data.Query; the 1.5 parser does not know that.
    if (problem === EMPTY_CHOICE_SET && dynamicPickers > 0) {
      dynamicPickers -= 1;
      return false;
    }
    return true;
  });
}

const EMPTY_CHOICE_SET = 'An Input.ChoiceSet must have at least one choice defined.';

function dynamicChoiceSetsWithoutStaticChoices(node: unknown): number {
  if (Array.isArray(node))
    return node.reduce((sum: number, item) => sum + dynamicChoiceSetsWithoutStaticChoices(item), 0);
  if (typeof node !== 'object' || node === null) return 0;
  const element = node as Record<string, unknown>;
  const own =
    element.type === 'Input.ChoiceSet' &&
    element['choices.data'] !== undefined &&
    (!Array.isArray(element.choices) || element.choices.length === 0)
      ? 1
      : 0;
  return (
    own +
    Object.values(element).reduce(
      (sum: number, value) => sum + dynamicChoiceSetsWithoutStaticChoices(value),
      0,
    )
  );
}
