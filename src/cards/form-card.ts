import type { DraftField, DraftInput, FieldError, GroupTarget } from '../domain/draft';
import { LIMITS } from '../domain/limits';
import { type Message, type MessageKey, text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandForm } from './compiled/form';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings, shownMessage } from './strings';

export interface FormCardModel {
  draftId: string;
  target: GroupTarget;
  values?: DraftInput;
  errors?: FieldError[];
  /** A plain-words explanation of why the last attempt failed, shown above the inputs. */
  notice?: Message;
  requestId?: string;
  /** True once the user has submitted: the form then says nothing was posted yet and offers a retry. */
  attempted?: boolean;
  /** In a message-extension dialog the button submits the dialog (Action.Submit), not Action.Execute. */
  inDialog?: boolean;
}

/** The label each field has on the form, so an error names the field as the user sees it. */
const FIELD_LABELS: Readonly<Record<DraftField, MessageKey>> = {
  topic: 'cards.common.topic',
  body: 'cards.form.bodyLabel',
  participants: 'cards.form.participantsLabel',
  emails: 'cards.form.emailsField',
  groupId: 'cards.common.groupLabel',
};

export function renderFormCard(language: Language, model: FormCardModel): AdaptiveCard {
  const values = model.values ?? {};
  const linked = model.target.kind === 'linked' ? model.target : undefined;
  const groups = (model.target.kind === 'choice' ? model.target.groups : []).map(({ id, displayName }) => ({
    id,
    displayName: clip(displayName, LIMITS.groupNameMaxLength),
  }));
  const retrying = Boolean(model.attempted);
  return renderCard(expandForm, {
    strings: cardStrings(language, 'form'),
    title: text(language, retrying ? 'cards.form.titleRetry' : 'cards.form.titleNew'),
    draftId: model.draftId,
    linkedGroupId: linked?.id ?? '',
    linkedGroupName: linked?.displayName ?? '',
    // The name travels back in the action data as typed; only the sentence that shows it is escaped.
    linkedGroupText: text(language, 'cards.form.linkedGroup', { group: literal(linked?.displayName ?? '') }),
    // An empty choice set is not a valid card: without groups, say why instead of showing an empty picker.
    showGroupChoice: groups.length > 0,
    noGroups: model.target.kind === 'choice' && groups.length === 0 && !model.notice,
    groups,
    groupId: values.groupId ?? '',
    topic: values.topic ?? '',
    topicRequired: text(language, 'cards.form.topicRequired', { max: LIMITS.topicMaxLength }),
    body: values.body ?? '',
    participants: values.participants ?? '',
    // The picker can only show names it was given; without a Graph call we only have the ids.
    pickedPeople: splitIds(values.participants).map((id) => ({ title: id, value: id })),
    emails: values.emails ?? '',
    errors: (model.errors ?? []).map((error) => ({
      label: text(language, FIELD_LABELS[error.field]),
      message: shownMessage(language, error.message),
    })),
    notice: shownMessage(language, model.notice),
    requestId: model.requestId ?? '',
    requestIdText: text(language, 'cards.common.supportReference', {
      requestId: literal(model.requestId ?? ''),
    }),
    submitTitle: text(language, retrying ? 'cards.form.submitRetry' : 'cards.form.submitNew'),
    inDialog: model.inDialog ?? false,
  });
}

function clip(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

function splitIds(participants: string | undefined): string[] {
  return (participants ?? '')
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
