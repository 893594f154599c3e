import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';

export function Login({ onLoggedIn, notice }: { onLoggedIn: (user: User) => void; notice?: string | null }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await run(() => api['auth.login']({ username, password }));
    if (result) onLoggedIn(result.user);
    else setPassword('');
  }

  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="field">
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <ErrorBox message={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('common.working') : t('login.submit')}
      </button>
    </form>
  );
}
