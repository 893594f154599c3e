import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyCertificate } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from './ErrorBox';
import { fileToBase64 } from './files';
import { localDate } from './local-format';
import { useAction } from './use-action';

export interface KeyInputValue {
  keyFileBase64: string;
  keyPassword: string;
  keyIndex?: number;
}

/**
 * The EDS key fields of every signing form: the .p12 file, its password (kept only until it is used),
 * and the certificate shown before signing — as soon as the password is given (on Enter, or on leaving its
 * field for another), with a choice when the file holds several keys.
 */
export function useKeyFields(idPrefix: string) {
  const { t } = useTranslation();
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [certificates, setCertificates] = useState<KeyCertificate[] | null>(null);
  const [keyIndex, setKeyIndex] = useState<number | undefined>(undefined);
  const inspect = useAction();

  async function showCertificates(file: File | null = keyFile) {
    if (!file || !password || inspect.busy) return;
    const found = await inspect.run(async () => api['keys.inspect']({ keyFileBase64: await fileToBase64(file), keyPassword: password }));
    if (found) {
      setCertificates(found);
      setKeyIndex(found.length === 1 ? 0 : undefined);
    }
  }

  /** The key for one operation; the password field is cleared as it is taken. */
  async function take(): Promise<KeyInputValue> {
    const value: KeyInputValue = { keyFileBase64: await fileToBase64(keyFile!), keyPassword: password };
    if (keyIndex !== undefined) value.keyIndex = keyIndex;
    setPassword('');
    setCertificates(null);
    return value;
  }

  const fields = (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-key-file`}>{t('application.keyFile')}</label>
        <input
          id={`${idPrefix}-key-file`}
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            setKeyFile(file);
            setCertificates(null);
            if (file && password) void showCertificates(file);
          }}
        />
        {keyFile && /^GOSTKNCA_/i.test(keyFile.name) && <small className="hint bad">{t('application.gostKeyHint')}</small>}
        {keyFile && /^AUTH_/i.test(keyFile.name) && <small className="hint bad">{t('application.authKeyHint')}</small>}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-key-password`}>{t('application.keyPassword')}</label>
        <input
          id={`${idPrefix}-key-password`}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setCertificates(null);
          }}
          onBlur={(e) => {
            // Leaving for another field: show whose key it is. Leaving for a button: that button's action is
            // what the user asked for (and a summary appearing mid-click would pull the button from under it).
            if (certificates === null && !(e.relatedTarget instanceof HTMLButtonElement)) void showCertificates();
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void showCertificates();
          }}
        />
        <small className="hint">{t('application.keyPasswordHint')}</small>
      </div>
      <button type="button" className="secondary" disabled={!keyFile || !password || inspect.busy} onClick={() => showCertificates()}>
        {t('application.showCertificate')}
      </button>
      {/* Its own room, held open before anything is in it: what appears here never moves the buttons below it
          (a summary arriving as the user presses "Sign" would otherwise pull the button from under the click). */}
      <div className="key-summary" aria-live="polite">
        {inspect.busy && <small className="hint">{t('application.keyOpening')}</small>}
        <ErrorBox message={inspect.error} />
        {!certificates && !inspect.busy && !inspect.error && <small className="hint">{t('application.keySummaryHint')}</small>}
        {certificates?.map((c) => (
          <label key={c.index} className="applicant-card" data-testid="key-certificate">
            {certificates.length > 1 && <input type="radio" name={`${idPrefix}-key-choice`} checked={keyIndex === c.index} onChange={() => setKeyIndex(c.index)} />}
            <strong>
              {[c.commonName, c.patronymic].filter(Boolean).join(' ')} · {t('verify.iin')} {c.iin ?? '—'} · {t('verify.bin')} {c.bin ?? '—'}
            </strong>
            <span>{c.organization}</span>
            <span>
              {t(`application.keyAlgorithm.${c.algorithm}`)} · {t(`application.keyPurpose.${c.purpose}`)} · {c.roles.map((r) => t(`verify.roles.${r}`)).join(', ')}
            </span>
            <small>
              {localDate(c.notBefore)} — {localDate(c.notAfter)} · {c.issuer}
            </small>
          </label>
        ))}
      </div>
    </>
  );
  return { ready: keyFile !== null && password !== '', fields, take };
}
