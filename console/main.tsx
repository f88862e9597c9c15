// Browser entry: wires the real environment (fetch, WebSocket, location) into the console.
import { render } from 'preact';
import { createAgentApi } from './api';
import { AgentClient, type SocketFactory } from './client';
import { createTranslator } from './i18n';
import en from './locales/en.json';
import css from './styles.css';
import { App } from './ui/App';

function agentSocketUrl(loc: Location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/v1/agent`;
}

function start(): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  const t = createTranslator(en);
  document.title = t('app.title');
  const api = createAgentApi((input, init) => fetch(input, init));
  const makeClient = () =>
    new AgentClient({
      url: agentSocketUrl(window.location),
      // The DOM types its handlers with DOM event classes; the client needs only `data` and `code`.
      WebSocket: WebSocket as unknown as SocketFactory,
      // A failed reconnect may mean the session cookie expired: ask before trying again.
      beforeReconnect: async () => (await api.me()) !== null,
    });

  const root = document.getElementById('app');
  if (root) render(<App api={api} t={t} makeClient={makeClient} />, root);
}

start();
