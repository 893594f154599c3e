import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';
import { fileToBase64 } from '../components/files';

export function Login({ onLoggedIn, notice }: { onLoggedIn: (user: User) => void; notice?: string | null }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [keyPassword, setKeyPassword] = useState('');
  const keyLogin = useAction();

  async function submitKey(e: FormEvent) {
    e.preventDefault();
    if (!keyFile) return;
    const password = keyPassword;
    setKeyPassword('');
    const result = await keyLogin.run(async () => api['auth.loginWithKey']({ keyFileBase64: await fileToBase64(keyFile), keyPassword: password }));
    if (result) onLoggedIn(result.user);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await run(() => api['auth.login']({ username, password }));
    if (result) onLoggedIn(result.user);
    else setPassword('');
  }

  return (
    <>
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
    <form className="card narrow" onSubmit={submitKey} aria-labelledby="key-login-title">
      <h2 id="key-login-title">{t('login.withKey')}</h2>
      <div className="field">
        <label htmlFor="login-key-file">{t('login.keyFile')}</label>
        <input id="login-key-file" type="file" accept=".p12,.pfx" onChange={(e) => setKeyFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="login-key-password">{t('login.keyPassword')}</label>
        <input id="login-key-password" type="password" autoComplete="off" value={keyPassword} onChange={(e) => setKeyPassword(e.target.value)} />
      </div>
      <ErrorBox message={keyLogin.error} />
      <button type="submit" disabled={!keyFile || !keyPassword || keyLogin.busy}>
        {t('login.keySubmit')}
      </button>
    </form>
    </>
  );
}
