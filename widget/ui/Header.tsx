import type { ConnState } from '../client/types';
import { stateLine } from './stateLine';
import { strings as s } from './strings';

export function Header(props: { state: ConnState; titleId: string; onClose: () => void }) {
  const { state } = props;
  const reconnecting = state.conversation !== null && state.socket !== 'open';
  return (
    <div class="hd">
      <div class="hd-text">
        <h2 id={props.titleId}>{s.title}</h2>
        <p class="st" data-testid="heed-state" aria-live="polite">{stateLine(state)}</p>
        {reconnecting && <p class="st rc" role="status">{s.stateReconnecting}</p>}
      </div>
      <button type="button" class="x" aria-label={s.close} data-testid="heed-close" onClick={props.onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z" /></svg>
      </button>
    </div>
  );
}
