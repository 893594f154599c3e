import { useEffect, useState } from 'react';
import { NCA_TSA_POLICY } from '../../../domain/api/pki';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { fileToBase64 } from '../components/files';
import { localTime } from '../components/local-format';
import { useAction } from '../components/use-action';

type Overview = Awaited<ReturnType<(typeof api)['trust.list']>>;

/** The administrator's trust store: CA certificates, their CRLs, and the rule for stale CRLs. */
export function TrustStore() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, run } = useAction();
  const reload = () => run(async () => setOverview(await api['trust.list']({})));
  useEffect(() => {
    void reload();
  }, []);

  async function upload(file: File | undefined, kind: 'certificates' | 'crl') {
    if (!file) return;
    setNotice(null);
    const done = await run(async () => {
      const contentBase64 = await fileToBase64(file);
      if (kind === 'certificates') return t('trust.added', { count: (await api['trust.addCertificates']({ contentBase64 })).added });
      const crl = await api['trust.importCrl']({ contentBase64 });
      return t('trust.crlImported', { number: crl.crlNumber ?? '—', entries: crl.entries });
    });
    if (done) setNotice(done);
    await reload();
  }

  async function saveNetwork(form: HTMLFormElement) {
    const data = new FormData(form);
    const url = (name: string) => String(data.get(name) ?? '').trim() || null;
    setNotice(null);
    const done = await run(() => api['trust.setNetwork']({ online: data.get('online') === 'on', tsaUrl: url('tsaUrl'), tsaPolicy: url('tsaPolicy'), ocspUrl: url('ocspUrl') }));
    if (done) setNotice(t('trust.networkSaved'));
    await reload();
  }

  return (
    <section>
      <h1>{t('trust.title')}</h1>
      <Notice message={notice} />
      <ErrorBox message={error} />
      <table>
        <thead>
          <tr>
            <th>{t('trust.subject')}</th>
            <th>{t('trust.crl')}</th>
          </tr>
        </thead>
        <tbody>
          {overview?.certificates.map((c) => (
            <tr key={c.sha256}>
              <td>{c.subject}</td>
              <td className={!c.crl || c.crl.stale ? 'bad' : ''}>
                {c.crl ? t('trust.crlState', { number: c.crl.crlNumber ?? '—', next: c.crl.nextUpdate ? localTime(c.crl.nextUpdate) : '—' }) : t('trust.noCrl')}
                {c.crl?.stale ? ` (${t('verify.stale')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row card">
        <label className="file">
          {t('trust.addCertificates')}
          <input type="file" accept=".pem,.cer,.crt,.der" onChange={(e) => upload(e.target.files?.[0], 'certificates')} />
        </label>
        <label className="file">
          {t('trust.importCrl')}
          <input type="file" accept=".crl,.pem" onChange={(e) => upload(e.target.files?.[0], 'crl')} />
        </label>
        <div className="field">
          <label htmlFor="stale-rule">{t('trust.staleRule')}</label>
          <select
            id="stale-rule"
            value={overview?.staleRule ?? 'warn'}
            onChange={async (e) => {
              await run(() => api['trust.setStaleRule']({ rule: e.target.value as 'warn' | 'block' }));
              await reload();
            }}
          >
            <option value="warn">{t('trust.warn')}</option>
            <option value="block">{t('trust.block')}</option>
          </select>
        </div>
      </div>
      {overview && (
        <form
          className="card"
          key={JSON.stringify(overview.network)}
          onSubmit={(e) => {
            e.preventDefault();
            void saveNetwork(e.currentTarget);
          }}
        >
          <h2>{t('trust.network')}</h2>
          <label className="check">
            <input type="checkbox" name="online" defaultChecked={overview.network.online} /> {t('trust.online')}
          </label>
          <div className="field">
            <label htmlFor="tsa-url">{t('trust.tsaUrl')}</label>
            <input id="tsa-url" name="tsaUrl" type="url" defaultValue={overview.network.tsaUrl ?? ''} placeholder="http://tsp.pki.gov.kz" />
          </div>
          <div className="field">
            <label htmlFor="tsa-policy">{t('trust.tsaPolicy')}</label>
            <input id="tsa-policy" name="tsaPolicy" defaultValue={overview.network.tsaPolicy ?? ''} placeholder={NCA_TSA_POLICY} spellCheck={false} />
            <small className="hint">{t('trust.tsaPolicyHint', { policy: NCA_TSA_POLICY })}</small>
          </div>
          <div className="field">
            <label htmlFor="ocsp-url">{t('trust.ocspUrl')}</label>
            <input id="ocsp-url" name="ocspUrl" type="url" defaultValue={overview.network.ocspUrl ?? ''} placeholder={t('trust.ocspFromCertificate')} />
          </div>
          <button type="submit">{t('trust.saveNetwork')}</button>
        </form>
      )}
    </section>
  );
}
