// The one question before a scenario with order steps runs: every step that creates, cancels or clears orders,
// with its market, side, price and volume as written in the file, and the endpoint. "No" runs nothing at all.

import type { OrderStepSummary } from '../../shared/scenario/model';
import type { ConfirmQuestion } from './confirmation';
import { endpointName, whereLines, type Where } from './questions';

/** A native dialog cannot show a thousand lines; the screen lists every step, the question the first ones. */
export const MAX_LISTED_ORDER_STEPS = 40;

function clipValue(text: string): string {
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return plain.length > 60 ? `${plain.slice(0, 60)}…` : plain;
}

function stepLine(step: OrderStepSummary): string {
  const f = step.fields;
  const v = (name: string): string => clipValue(f[name] ?? '?');
  const via = step.via === 'raw frame' ? ' (raw frame)' : '';
  const head = `Step ${step.step + 1} "${clipValue(step.name)}"${via}:`;
  switch (step.choice) {
    case 6:
      return `${head} new order — market ${v('market')}, side ${v('side')}, price ${v('price')}, volume ${v('volume')}, ${v('ord_type')}`;
    case 7:
      return `${head} cancel orders ${v('ids')}`;
    default:
      return `${head} mass cancel — every open order in every market`;
  }
}

export function scenarioOrdersQuestion(where: Where, scenarioName: string, steps: readonly OrderStepSummary[]): ConfirmQuestion {
  const listed = steps.slice(0, MAX_LISTED_ORDER_STEPS).map(stepLine);
  const more = steps.length - listed.length;
  return {
    title: 'Scenario with orders',
    message: `Run "${clipValue(scenarioName)}" on ${endpointName(where.endpoint, where.url)}? ${steps.length} of its steps ${steps.length === 1 ? 'changes' : 'change'} orders.`,
    detail: [
      ...whereLines(where),
      ...listed,
      ...(more > 0 ? [`… and ${more} more order steps (all listed on the Scenarios screen).`] : []),
      'Values written as ${name} are filled in from earlier replies when the step runs.',
      'Cancel runs nothing.',
    ].join('\n'),
    yesLabel: 'Run scenario',
  };
}
