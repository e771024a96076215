import type { DraftField, DraftInput, FieldError, GroupTarget } from '../domain/draft';
import { LIMITS } from '../domain/limits';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/form.json';

export interface FormCardModel {
  draftId: string;
  target: GroupTarget;
  values?: DraftInput;
  errors?: FieldError[];
  /** A plain-words explanation of why the last attempt failed, shown above the inputs. */
  notice?: string;
  requestId?: string;
  /** True once the user has submitted: the form then says nothing was posted yet and offers a retry. */
  attempted?: boolean;
  /** In a message-extension dialog the button submits the dialog (Action.Submit), not Action.Execute. */
  inDialog?: boolean;
}

const FIELD_LABELS: Record<DraftField, string> = {
  topic: 'Topic',
  body: 'Message',
  participants: 'Add people',
  emails: 'Other e-mail addresses',
  groupId: 'Microsoft 365 group',
};

export function renderFormCard(model: FormCardModel): AdaptiveCard {
  const values = model.values ?? {};
  const linked = model.target.kind === 'linked' ? model.target : undefined;
  const groups = (model.target.kind === 'choice' ? model.target.groups : []).map(({ id, displayName }) => ({
    id,
    displayName: clip(displayName, LIMITS.groupNameMaxLength),
  }));
  const retrying = Boolean(model.attempted);
  return renderCard(template, {
    title: retrying ? 'Your conversation was not posted yet' : 'Start a group conversation',
    draftId: model.draftId,
    linkedGroupId: linked?.id ?? '',
    linkedGroupName: linked?.displayName ?? '',
    // The name travels back in the action data as typed; only the sentence that shows it is escaped.
    linkedGroupLabel: literal(linked?.displayName ?? ''),
    // An empty choice set is not a valid card: without groups, say why instead of showing an empty picker.
    showGroupChoice: groups.length > 0,
    noGroups: model.target.kind === 'choice' && groups.length === 0 && !model.notice,
    groups,
    groupId: values.groupId ?? '',
    topic: values.topic ?? '',
    body: values.body ?? '',
    participants: values.participants ?? '',
    // The picker can only show names it was given; without a Graph call we only have the ids.
    pickedPeople: splitIds(values.participants).map((id) => ({ title: id, value: id })),
    emails: values.emails ?? '',
    errors: (model.errors ?? []).map((error) => ({
      label: FIELD_LABELS[error.field],
      message: literal(error.message),
    })),
    notice: literal(model.notice ?? ''),
    requestId: literal(model.requestId ?? ''),
    submitTitle: retrying ? 'Try again' : 'Start conversation',
    inDialog: model.inDialog ?? false,
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function splitIds(participants: string | undefined): string[] {
  return (participants ?? '')
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
