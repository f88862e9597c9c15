// The header's state line for the conversation state (P10: queue position and wait).

import type { ConnState } from '../client/types';
import { fmt, strings as s } from './strings';

export function stateLine(state: ConnState): string {
  switch (state.conversation) {
    case null:
      return state.socket === 'closed' ? s.stateReconnecting : s.stateConnecting;
    case 'bot':
      return s.stateBot;
    case 'queued': {
      if (!state.position) return s.stateWaiting;
      if (state.waitSeconds === undefined) return fmt(s.stateQueuedNoWait, { position: state.position });
      const minutes = Math.max(1, Math.ceil(state.waitSeconds / 60));
      return fmt(s.stateQueued, { position: state.position, minutes });
    }
    case 'agent':
      return state.agent ? fmt(s.stateAgent, { name: state.agent }) : s.stateAgentNoName;
    case 'offline':
      return s.stateOffline;
    case 'closed':
      return s.stateClosed;
  }
}
