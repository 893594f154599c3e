import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { api } from '../../api';
import { useKeyFields } from '../../components/KeyFields';
import type { Update } from './update';

/** Registration: the clerk certifies the filled form with their EDS key, and the application gets its journal number. */
export function RegisterPanel({ app, update, onDiscarded, busy, canDiscard }: { app: ApplicationDetail; update: Update; onDiscarded: () => void; busy: boolean; canDiscard: boolean }) {
  const { t } = useTranslation();
  const key = useKeyFields('register');
  return (
    <div className="card">
      <h2>{t('application.certifyAndRegister')}</h2>
      {key.fields}
      <div className="actions">
        <button
          type="button"
          disabled={busy || !key.ready}
          onClick={async () => {
            const input = await key.take();
            await update(() => api['applications.register']({ id: app.id, ...input }), (a) => t('application.registered', { number: a.journalNumber }));
          }}
        >
          {t('application.register')}
        </button>
        {canDiscard && (
          <button type="button" className="secondary" disabled={busy} onClick={onDiscarded}>
            {t('application.discard')}
          </button>
        )}
      </div>
    </div>
  );
}
