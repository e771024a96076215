import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { renderFormCard } from '../cards/form-card';
import type { AdaptiveCard } from '../cards/render';
import type { DraftInput, GroupTarget } from '../domain/draft';
import { GraphFailure } from '../graph/errors';
import { type Message, translate } from '../i18n/catalog';
import type { BotDeps } from './bot-deps';
import { noticeFor } from './failure-notice';
import { groupTargetFor } from './group-target';
import { languageOfTurn } from './turn';

/** A fresh form with a new draft id, aimed at the team's group or offering the user's groups. */
export async function buildNewForm(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  prefill: DraftInput = {},
  options: { inDialog?: boolean; notice?: Message; deadline?: number } = {},
): Promise<AdaptiveCard> {
  const draftId = randomUUID();
  const deadline = options.deadline ?? Date.now() + deps.invokeBudgetMs;
  try {
    const target = await loadTarget(context, deps, token, deadline);
    const groupId = target.kind === 'choice' ? preselect(target.groups, deps.defaultGroupId) : undefined;
    const values = { ...prefill, groupId: prefill.groupId ?? groupId };
    return renderFormCard(languageOfTurn(context), {
      draftId,
      target,
      values,
      inDialog: options.inDialog,
      notice: options.notice,
    });
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    deps.logger.warn('groups.list_failed', {
      status: error.status,
      code: error.code,
      requestId: error.requestId,
    });
    // The user can still write their draft; the notice says why no groups are offered, and Graph's reason.
    const notice = noticeFor({ kind: 'graph', error });
    const reason = notice.notice ? translate(languageOfTurn(context), notice.notice) : '';
    return renderFormCard(languageOfTurn(context), {
      draftId,
      target: { kind: 'choice', groups: [] },
      values: { ...prefill, groupId: prefill.groupId ?? deps.defaultGroupId },
      inDialog: options.inDialog,
      notice: { key: 'messages.form.groupsNotLoaded', params: { reason } },
      requestId: notice.requestId,
    });
  }
}

/** An expired token gets one fresh one from the provider, as a submit does (see submitDraft). */
export async function loadTarget(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  deadline: number,
): Promise<GroupTarget> {
  return (await loadTargetAndToken(context, deps, token, deadline)).target;
}

/** The same, with the token that worked: the fresh one after a refresh, for the calls that follow. */
export async function loadTargetAndToken(
  context: TurnContext,
  deps: BotDeps,
  token: string,
  deadline: number,
): Promise<{ target: GroupTarget; token: string }> {
  const load = async (bearer: string) => ({
    target: await groupTargetFor(context, {
      graphBaseUrl: deps.graphBaseUrl,
      token: bearer,
      deadline,
      logger: deps.logger,
    }),
    token: bearer,
  });
  try {
    return await load(token);
  } catch (error) {
    if (!(error instanceof GraphFailure) || error.kind !== 'unauthorized') throw error;
    const fresh = await deps.tokens.refreshToken(context, token);
    if (!fresh) throw error;
    return load(fresh);
  }
}

function preselect(
  groups: ReadonlyArray<{ id: string }>,
  defaultGroupId: string | undefined,
): string | undefined {
  if (defaultGroupId && groups.some((group) => group.id === defaultGroupId)) return defaultGroupId;
  return groups.length === 1 ? groups[0].id : undefined;
}
