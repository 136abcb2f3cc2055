// What each choice's screen shows, as a pure reducer (unit-tested without a DOM): the form text, whether a run is
// waiting, the latest outcome and the local refusal. Replies enter through ONE door, `reply`, whether they come
// from this screen's Send (the invoke result) or from a run the application menu started (event:reply); a reply
// seen twice (both paths carry it) is recognised by its uuid and kept once.
import { describeReply } from '../../../shared/oceanex/messages';
import type { ReplyEvent, Result, RunOutcome } from '../../../shared/ipc/contract';

export interface ChoiceRunState {
  readonly fields: Readonly<Record<string, string>>;
  readonly running: boolean;
  readonly startedAt?: number;
  readonly outcome?: RunOutcome;
  /** Local refusal (not connected, not logged in, invalid…): nothing reached the server. */
  readonly error?: string;
  readonly fieldErrors?: Readonly<Record<string, string>>;
  readonly finishedAt?: number;
  /** Bumped on every finished run, so the screen moves focus to the result (or its error) once per run. */
  readonly runCount: number;
}

export type RunStates = ReadonlyMap<number, ChoiceRunState>;

export type RunAction =
  | { readonly type: 'fields'; readonly choice: number; readonly fields: Readonly<Record<string, string>> }
  | { readonly type: 'invalid'; readonly choice: number; readonly errors: Readonly<Record<string, string>> }
  | { readonly type: 'start'; readonly choice: number; readonly at: number }
  | { readonly type: 'result'; readonly choice: number; readonly result: Result<RunOutcome>; readonly at: number }
  | { readonly type: 'reply'; readonly event: ReplyEvent; readonly at: number };

/** The outcome a reply event stands for: what the invoke result would have said, without the sent frame. */
export function outcomeOfReply(event: ReplyEvent): RunOutcome {
  return { choice: event.choice, uuid: event.uuid, reply: event.reply, rttMs: event.rttMs, replyText: event.replyText, summary: describeReply(event.reply) };
}

function accept(s: ChoiceRunState, outcome: RunOutcome, at: number): ChoiceRunState {
  const same = outcome.uuid !== undefined && s.outcome?.uuid === outcome.uuid;
  // The second copy of a reply only adds what the first lacked (the invoke result carries the sent frame).
  if (same && s.outcome) return { ...s, running: false, outcome: { ...s.outcome, sent: s.outcome.sent ?? outcome.sent, sentText: s.outcome.sentText ?? outcome.sentText, replyText: s.outcome.replyText ?? outcome.replyText } };
  return { ...s, running: false, outcome, error: undefined, fieldErrors: undefined, finishedAt: at, runCount: s.runCount + 1 };
}

/** Field errors whose field now holds different text are stale: the person corrected them. */
function keepErrorsOfUnchanged(s: ChoiceRunState, fields: Readonly<Record<string, string>>): Readonly<Record<string, string>> | undefined {
  if (!s.fieldErrors) return undefined;
  const kept = Object.entries(s.fieldErrors).filter(([name]) => (fields[name] ?? '') === (s.fields[name] ?? ''));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

export function reduceRun(states: RunStates, action: RunAction, initialFields: (choice: number) => Readonly<Record<string, string>>): RunStates {
  const choice = action.type === 'reply' ? action.event.choice : action.choice;
  const s: ChoiceRunState = states.get(choice) ?? { fields: initialFields(choice), running: false, runCount: 0 };
  let next: ChoiceRunState;
  switch (action.type) {
    case 'fields': {
      // Editing the form starts a new action: the previous run's refusal ("answered No", "not logged in") belongs
      // to the old text and goes; the last reply stays (it is what the exchange said, with its time).
      const edited = Object.keys({ ...s.fields, ...action.fields }).some((k) => (s.fields[k] ?? '') !== (action.fields[k] ?? ''));
      next = { ...s, fields: action.fields, fieldErrors: keepErrorsOfUnchanged(s, action.fields), error: edited ? undefined : s.error };
      break;
    }
    case 'invalid':
      // Nothing was sent: the previous outcome no longer belongs under this form.
      next = { ...s, fieldErrors: action.errors, error: undefined, outcome: undefined, runCount: s.runCount + 1 };
      break;
    case 'start':
      next = { ...s, running: true, startedAt: action.at, error: undefined, fieldErrors: undefined };
      break;
    case 'result':
      next = action.result.ok
        ? accept(s, action.result.value, action.at)
        : { ...s, running: false, outcome: undefined, error: action.result.error, fieldErrors: action.result.fieldErrors, finishedAt: action.at, runCount: s.runCount + 1 };
      break;
    case 'reply':
      next = accept(s, outcomeOfReply(action.event), action.at);
      break;
  }
  return new Map(states).set(choice, next);
}
