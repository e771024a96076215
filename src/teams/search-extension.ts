import type { MessagingExtensionQuery, MessagingExtensionResponse, TurnContext } from 'botbuilder';
import type { SignInOffer } from '../auth/token-provider';
import { type SearchPick, searchPickOf, searchResult } from '../cards/search-card';
import type { GroupTarget } from '../domain/draft';
import { createGraphClient } from '../graph/client';
import { GraphFailure } from '../graph/errors';
import { searchConversations, searchWords } from '../graph/search-conversations';
import { type MessageKey, text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import type { BotDeps } from './bot-deps';
import { InvokeRefusal } from './invoke-answers';
import { exchangeFailedAnswer, MESSAGE_EXTENSION_BUDGET_MS } from './message-extension';
import { loadTargetAndToken } from './new-form';
import { proofFrom, renewedSignIn, tokenForInvoke } from './sign-in';
import { languageOfTurn } from './turn';

/**
 * The search command of the message extension (issue #12 item 2): `composeExtension/query` lists recent
 * conversations whose topic holds the typed words, each result carrying the card to share; choosing one makes
 * Teams insert that card as it is, with no further invoke (docs/decisions.md #28,
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search).
 */

/** The manifest's search command (appPackage/manifest.json `composeExtensions[0].commands[1]`). */
export const SEARCH_COMMAND_ID = 'searchConversations';

/**
 * What a search reads: conversations delivered in the last 30 days, at most 3 pages per group, in at most 5
 * of the user's groups outside a team; at most 15 results, so a result list stays far below Teams' size limit.
 */
export const SEARCH = { sinceDays: 30, maxPages: 3, maxGroups: 5, maxResults: 15 } as const;

type Response = MessagingExtensionResponse;
type Group = { id: string; displayName: string };

/** composeExtension/query: typed words (or Teams' initial run, with none), answered within Teams' 5 s. */
export async function handleSearchQuery(
  context: TurnContext,
  deps: BotDeps,
  query: MessagingExtensionQuery,
): Promise<Response> {
  const deadline = Date.now() + MESSAGE_EXTENSION_BUDGET_MS;
  requireSearchCommand(context, query);
  const language = languageOfTurn(context);
  const auth = await tokenForInvoke<Response>(context, deps, proofFrom(context.activity.value), {
    signIn: (offer) => searchSignIn(offer, language),
    exchangeFailed: (detail) => exchangeFailedAnswer(context, deps, detail),
  });
  if ('response' in auth) return auth.response;
  const typed = typedText(query);
  const words = searchWords(typed);

  let groups: Group[];
  let token = auth.token;
  try {
    // Half of what is left for the groups, so the conversation lists still fit behind a slow look-up; whole
    // milliseconds, as the transport's abort timer takes no fraction.
    const groupsDeadline = Date.now() + Math.floor((deadline - Date.now()) / 2);
    const loaded = await loadTargetAndToken(context, deps, auth.token, groupsDeadline);
    // After a refresh the look-up's fresh token reads the lists too; the first one was just refused.
    token = loaded.token;
    groups = searchedGroups(loaded.target, deps.defaultGroupId);
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    return failed(context, deps, language, [error]);
  }
  if (groups.length === 0) return message(text(language, 'search.noGroups'));

  const settled = await Promise.allSettled(
    groups.map((group) => searchGroup(deps, token, group, words, deadline)),
  );
  const found = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  const failures = settled.flatMap((result) =>
    result.status === 'rejected' && result.reason instanceof GraphFailure ? [result.reason] : [],
  );
  const unexpected = settled.find(
    (result) => result.status === 'rejected' && !(result.reason instanceof GraphFailure),
  );
  if (unexpected?.status === 'rejected') throw unexpected.reason;
  deps.logger.info('search.answered', {
    groups: groups.length,
    failedGroups: failures.length,
    words: words.length,
    found: found.length,
  });
  // "Nothing matches" only when every group was read; with results, the groups that failed are left out.
  if (found.length === 0 && failures.length > 0) return failed(context, deps, language, failures);
  if (found.length === 0) return message(nothingFound(language, typed, words));

  return results(context, language, found, query);
}

/**
 * The page Teams asked for (`queryOptions` skip/count, sent again as the user scrolls), newest first, of at
 * most `SEARCH.maxResults` in all.
 */
function results(
  context: TurnContext,
  language: Language,
  found: SearchPick[],
  query: MessagingExtensionQuery,
): Response {
  const skip = wholeNumber(query.queryOptions?.skip, 0);
  const count = Math.max(1, wholeNumber(query.queryOptions?.count, SEARCH.maxResults));
  const page = found
    .sort((a, b) => (Date.parse(b.lastDeliveredDateTime) || 0) - (Date.parse(a.lastDeliveredDateTime) || 0))
    .slice(skip, Math.min(skip + count, SEARCH.maxResults));
  const when = dateFormat(context, language);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: page.map((pick) => searchResult(pick, language, when(pick.lastDeliveredDateTime))),
    },
  };
}

/** A paging option as the client sent it, if it is a sensible one. */
function wholeNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function requireSearchCommand(context: TurnContext, query: MessagingExtensionQuery): void {
  if (query.commandId !== SEARCH_COMMAND_ID)
    throw new InvokeRefusal(
      context.activity.name,
      400,
      'UnknownCommand',
      text(languageOfTurn(context), 'messages.invoke.unknownCommand'),
    );
}

/** The typed text; Teams' initial run sends the parameter `initialRun` = "true" instead, which means none. */
function typedText(query: MessagingExtensionQuery): string {
  const parameter = query.parameters?.find((p) => p.name !== 'initialRun');
  const value: unknown = parameter?.value;
  return typeof value === 'string' ? [...value.trim()].slice(0, 200).join('') : '';
}

/** In a team its group; elsewhere the user's groups, the configured default first, a bounded number. */
function searchedGroups(target: GroupTarget, defaultGroupId: string | undefined): Group[] {
  if (target.kind === 'linked') return [{ id: target.id, displayName: target.displayName }];
  const preferred = target.groups.filter((group) => group.id === defaultGroupId);
  const others = target.groups.filter((group) => group.id !== defaultGroupId);
  return [...preferred, ...others].slice(0, SEARCH.maxGroups);
}

async function searchGroup(
  deps: BotDeps,
  token: string,
  group: Group,
  words: readonly string[],
  deadline: number,
): Promise<SearchPick[]> {
  const client = createGraphClient({ baseUrl: deps.graphBaseUrl, token, deadline });
  try {
    const matches = await searchConversations(client, group.id, words, {
      sinceDays: SEARCH.sinceDays,
      maxPages: SEARCH.maxPages,
      baseUrl: deps.graphBaseUrl,
    });
    return matches.flatMap((conversation) => searchPickOf(conversation, group) ?? []);
  } catch (error) {
    if (error instanceof GraphFailure)
      deps.logger.warn('search.list_failed', {
        groupId: group.id,
        status: error.status,
        code: error.code,
        requestId: error.requestId,
      });
    throw error;
  }
}

function nothingFound(language: Language, typed: string, words: readonly string[]): string {
  if (words.length === 0) return text(language, 'search.noConversations', { count: SEARCH.sinceDays });
  return text(language, 'search.noMatch', { count: SEARCH.sinceDays, query: typed });
}

/**
 * Every group failed (or the group look-up did): a Graph refusal of the token itself asks for a new sign-in,
 * anything else is said in plain words with the request-id, in the results pane.
 */
async function failed(
  context: TurnContext,
  deps: BotDeps,
  language: Language,
  failures: readonly GraphFailure[],
): Promise<Response> {
  const [first] = failures;
  const offer = await renewedSignIn(context, deps, { kind: 'graph', error: first });
  if (offer) return searchSignIn(offer, language);
  const notice = failureNotice(language, first);
  return message(
    first.requestId
      ? text(language, 'search.failed.requestId', { notice, requestId: first.requestId })
      : notice,
  );
}

const NOTICES = new Map<GraphFailure['kind'], MessageKey>([
  ['forbidden', 'search.failed.forbidden'],
  ['notFound', 'search.failed.notFound'],
  ['unauthorized', 'search.failed.signInExpired'],
  ['timeout', 'search.failed.slow'],
]);

function failureNotice(language: Language, error: GraphFailure): string {
  if (error.kind === 'throttled' || error.kind === 'unavailable')
    return error.retryAfterSeconds
      ? text(language, 'search.failed.busyFor', { count: Math.ceil(error.retryAfterSeconds) })
      : text(language, 'search.failed.busy');
  const key = NOTICES.get(error.kind);
  return key
    ? text(language, key)
    : text(language, 'search.failed.other', { status: error.status || error.kind });
}

/**
 * Search commands support Teams SSO: `silentAuth` makes Teams try to get a token without the user and
 * resend the query with `value.authentication.token`, which is exchanged (a failed exchange answers 412 and
 * Teams falls back to the link); without an SSO resource, `auth` shows the sign-in link, after which Teams
 * resends the query with the magic code in `value.state`
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/authentication/message-extension-sso-code,
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/add-authentication).
 */
function searchSignIn(offer: SignInOffer, language: Language): Response {
  return {
    composeExtension: {
      type: offer.tokenExchangeResource ? 'silentAuth' : 'auth',
      suggestedActions: {
        actions: [
          { type: 'openUrl', value: offer.signInLink, title: text(language, 'messages.signIn.title') },
        ],
      },
    },
  };
}

/** `message`: plain text in the results pane, for "nothing found" and failures. */
function message(words: string): Response {
  return { composeExtension: { type: 'message', text: words } };
}

/** The thumbnail's date and time, in the searcher's locale and time zone (Teams sends both on the activity). */
function dateFormat(context: TurnContext, language: Language): (iso: string) => string {
  const { locale, localTimezone } = context.activity;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale ?? language, { ...options, timeZone: localTimezone ?? 'UTC' });
  } catch {
    // A locale or time zone the runtime does not know: the language's default, in UTC.
    format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
  }
  return (iso) => {
    const date = new Date(iso);
    return iso === '' || Number.isNaN(date.getTime()) ? '' : format.format(date);
  };
}
