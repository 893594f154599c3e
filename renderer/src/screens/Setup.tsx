import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { IdnInput } from '../components/IdnInput';
import { useAction } from '../components/use-action';

const TEXT_FIELDS = ['nameKk', 'nameRu', 'placeKk', 'placeRu', 'officeCode', 'adminUsername', 'adminName'] as const;

export function Setup({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<string, string>>({});
  const [bin, setBin] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await run(() =>
      api['setup.initialize']({
        authority: {
          nameKk: form.nameKk ?? '',
          nameRu: form.nameRu ?? '',
          bin,
          placeKk: form.placeKk ?? '',
          placeRu: form.placeRu ?? '',
          officeCode: (form.officeCode ?? '').toUpperCase(),
        },
        admin: { username: form.adminUsername ?? '', fullName: form.adminName ?? '', iin: null, password },
      }),
    );
    if (done) onDone();
  }

  return (
    <form className="card" onSubmit={submit}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      {TEXT_FIELDS.slice(0, 2).map((f) => (
        <div className="field" key={f}>
          <label htmlFor={f}>{t(`setup.${f}`)}</label>
          <input id={f} value={form[f] ?? ''} onChange={(e) => setForm({ ...form, [f]: e.target.value })} required />
        </div>
      ))}
      <IdnInput id="bin" label={t('setup.bin')} value={bin} onChange={setBin} />
      {TEXT_FIELDS.slice(2).map((f) => (
        <div className="field" key={f}>
          <label htmlFor={f}>{t(`setup.${f}`)}</label>
          <input id={f} value={form[f] ?? ''} onChange={(e) => setForm({ ...form, [f]: e.target.value })} required />
        </div>
      ))}
      <div className="field">
        <label htmlFor="adminPassword">{t('setup.adminPassword')}</label>
        <input id="adminPassword" type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <ErrorBox message={error} />
      <button type="submit" disabled={busy}>{t('setup.submit')}</button>
    </form>
  );
}
