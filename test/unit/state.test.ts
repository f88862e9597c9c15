import { describe, expect, it } from 'vitest';
import { fromStates, transition } from '../../server/chat/state';

describe('conversation state machine', () => {
  it('[P9] escalation leaves bot for queued, and only from bot', () => {
    expect(transition('bot', 'escalate')).toBe('queued');
    for (const s of ['queued', 'agent', 'closed'] as const) expect(transition(s, 'escalate')).toBeNull();
  });

  it('[P11] only a queued chat can be claimed', () => {
    expect(transition('queued', 'claim')).toBe('agent');
    for (const s of ['bot', 'agent', 'closed'] as const) expect(transition(s, 'claim')).toBeNull();
    expect(fromStates('claim')).toEqual(['queued']);
  });

  it('transfers and closing', () => {
    expect(transition('agent', 'transfer_to_queue')).toBe('queued');
    expect(transition('agent', 'transfer_to_agent')).toBe('agent');
    expect(transition('bot', 'transfer_to_queue')).toBeNull();
    for (const s of ['bot', 'queued', 'agent'] as const) expect(transition(s, 'close')).toBe('closed');
    expect(transition('closed', 'close')).toBeNull();
  });
});
