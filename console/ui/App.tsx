// Top level: check the session, show the sign-in form or the console, and own the client's lifetime.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentInfo } from '../../shared/protocol';
import type { AgentApi } from '../api';
import type { AgentClient } from '../client';
import type { Translate } from '../i18n';
import { ConsoleScreen } from './ConsoleScreen';
import { Login } from './Login';
import { TContext } from './hooks';

export interface AppProps {
  api: AgentApi;
  t: Translate;
  /** Makes a fresh, unconnected client for one signed-in session. */
  makeClient: () => AgentClient;
}

type Phase = { kind: 'checking' } | { kind: 'login'; notice?: string } | { kind: 'console'; agent: AgentInfo };

export function App({ api, t, makeClient }: AppProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });

  useEffect(() => {
    let live = true;
    api
      .me()
      .then((agent) => live && setPhase(agent ? { kind: 'console', agent } : { kind: 'login' }))
      .catch(() => live && setPhase({ kind: 'login' }));
    return () => {
      live = false;
    };
  }, [api]);

  const onExpired = useCallback(() => setPhase({ kind: 'login', notice: t('session.expired') }), [t]);
  const onSignOut = useCallback(() => {
    void api.logout();
    setPhase({ kind: 'login' });
  }, [api]);

  return (
    <TContext.Provider value={t}>
      {phase.kind === 'checking' && (
        <p class="placeholder" role="status">
          {t('app.loading')}
        </p>
      )}
      {phase.kind === 'login' && (
        <Login api={api} notice={phase.notice} onSignedIn={(agent) => setPhase({ kind: 'console', agent })} />
      )}
      {phase.kind === 'console' && (
        <Session agent={phase.agent} makeClient={makeClient} onSignOut={onSignOut} onExpired={onExpired} />
      )}
    </TContext.Provider>
  );
}

/** One signed-in session: its own client, connected on mount and stopped on unmount. */
function Session(props: { agent: AgentInfo; makeClient: () => AgentClient; onSignOut: () => void; onExpired: () => void }) {
  const client = useMemo(() => props.makeClient(), [props.makeClient]);
  useEffect(() => {
    client.connect();
    return () => client.disconnect();
  }, [client]);
  return <ConsoleScreen client={client} agent={props.agent} onSignOut={props.onSignOut} onExpired={props.onExpired} />;
}
