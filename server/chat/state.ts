// The conversation state machine: the only place that decides which transitions exist.
import type { StoredState } from '../store/store';

export type ChatEvent = 'escalate' | 'claim' | 'transfer_to_queue' | 'transfer_to_agent' | 'close';

const TRANSITIONS: Record<ChatEvent, { from: StoredState[]; to: StoredState }> = {
  escalate: { from: ['bot'], to: 'queued' },
  claim: { from: ['queued'], to: 'agent' },
  transfer_to_queue: { from: ['agent'], to: 'queued' },
  transfer_to_agent: { from: ['agent', 'queued'], to: 'agent' },
  close: { from: ['bot', 'queued', 'agent'], to: 'closed' },
};

/** States an event may start from, for the store's conditional update. */
export const fromStates = (event: ChatEvent): StoredState[] => TRANSITIONS[event].from;
export const targetState = (event: ChatEvent): StoredState => TRANSITIONS[event].to;

/** The next state, or null when the event is not allowed in `state`. */
export function transition(state: StoredState, event: ChatEvent): StoredState | null {
  const t = TRANSITIONS[event];
  return t.from.includes(state) ? t.to : null;
}
