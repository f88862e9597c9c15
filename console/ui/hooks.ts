// Preact glue for the framework-free client, plus a ticking clock for "waiting 3 min".
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AgentClient } from '../client';
import type { Translate } from '../i18n';
import type { ConsoleState } from '../state';

export const TContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(TContext);
}

export function useClientState(client: AgentClient): ConsoleState {
  const [state, setState] = useState(client.getState());
  useEffect(() => {
    setState(client.getState());
    return client.subscribe(setState);
  }, [client]);
  return state;
}

/** The current time, refreshed every `everyMs`. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
