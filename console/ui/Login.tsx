// Sign-in form. Errors are announced (role="alert") and the email field keeps focus order sane.
import { useRef, useState } from 'preact/hooks';
import type { AgentInfo } from '../../shared/protocol';
import type { AgentApi } from '../api';
import { useT } from './hooks';

export interface LoginProps {
  api: AgentApi;
  onSignedIn: (agent: AgentInfo) => void;
  notice?: string;
}

export function Login({ api, onSignedIn, notice }: LoginProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError(t('login.missing'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.login(email.trim(), password);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.agent);
      return;
    }
    const key = { unreachable: 'login.unreachable', rate_limited: 'login.rateLimited', server: 'login.serverError', unauthorized: 'login.failed' } as const;
    setError(t(key[result.reason]));
    setPassword('');
  }

  return (
    <main class="login" aria-labelledby="login-heading">
      <form class="login-card" onSubmit={submit} noValidate>
        <h1 id="login-heading">{t('login.heading')}</h1>
        <p class="muted">{t('login.intro')}</p>
        {notice && <p class="banner">{notice}</p>}
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            ref={emailRef}
            data-testid="login-email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <div role="alert">
          {error && (
            <p id="login-error" class="error" data-testid="login-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="btn primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
