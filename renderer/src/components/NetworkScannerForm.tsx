import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, Notice } from './ErrorBox';
import { useAction } from './use-action';

/** A network MFP the mDNS search does not find (another VLAN, multicast blocked), added by its address. */
export function NetworkScannerForm({ onAdded }: { onAdded: (deviceId: string) => void }) {
  const { t } = useTranslation();
  const { error, run, busy } = useAction();
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <details className="network-scanner">
      <summary>{t('scan.network')}</summary>
      <ErrorBox message={error} />
      <Notice message={notice} />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          void run(async () => {
            const { device } = await api['scanner.addNetwork']({ address });
            setNotice(t('scan.networkAdded', { name: device.name }));
            setAddress('');
            onAdded(device.id);
          });
        }}
      >
        <div className="field">
          <label htmlFor="network-scanner-address">{t('scan.networkAddress')}</label>
          <input id="network-scanner-address" value={address} onChange={(e) => setAddress(e.target.value)} required />
        </div>
        <button type="submit" disabled={busy || address.trim() === ''}>
          {t('scan.networkAdd')}
        </button>
      </form>
    </details>
  );
}
