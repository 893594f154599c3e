import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../domain/applications/status';
import type { User } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { IdnInput } from '../components/IdnInput';
import { useAction } from '../components/use-action';

export function Users() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[]>([]);
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [iin, setIin] = useState('');
  const [roles, setRoles] = useState<Role[]>(['clerk']);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const reload = () => run(async () => setUsers(await api['users.list']({})));
  useEffect(() => {
    void reload();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await run(() => api['users.create']({ username, fullName, iin: iin || null, roles, password }));
    if (created) {
      setUsername('');
      setFullName('');
      setIin('');
      setPassword('');
      await reload();
    }
  }

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <table>
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.fullName')}</th>
            <th>{t('users.iin')}</th>
            <th>{t('users.roles')}</th>
            <th>{t('users.desk')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.fullName}</td>
              <td>{u.iin ?? t('common.none')}</td>
              <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
              <td>{u.desk ?? t('users.thisDesk')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={submit}>
        <h2>{t('users.create')}</h2>
        <div className="field">
          <label htmlFor="new-username">{t('users.username')}</label>
          <input id="new-username" value={username} onChange={(e) => setUsername(e.target.value.toLowerCase())} required />
        </div>
        <div className="field">
          <label htmlFor="new-fullname">{t('users.fullName')}</label>
          <input id="new-fullname" value={fullName} onChange={(e) => setFullName(e.target.value)} required />
        </div>
        <IdnInput id="new-iin" label={t('users.iin')} value={iin} onChange={setIin} />
        <fieldset>
          <legend>{t('users.roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="inline">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              {t(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="new-password">{t('users.password')}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <ErrorBox message={error} />
        <button type="submit" disabled={busy}>{t('users.create')}</button>
      </form>
    </section>
  );
}
