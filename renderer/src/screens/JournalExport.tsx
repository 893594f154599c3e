import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { saveBase64 } from '../components/files';
import { useAction } from '../components/use-action';

const kzToday = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' } as const;

/** The registration journal for a period, as the office files it: a spreadsheet or CSV to save. */
export function JournalExport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(`${kzToday().slice(0, 8)}01`);
  const [to, setTo] = useState(kzToday());
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const save = (format: 'xlsx' | 'csv') =>
    action.run(async () => {
      setNotice(null);
      const report = await api['reports.journal']({ from, to, format });
      saveBase64(report.fileName, report.contentBase64, MIME[format]);
      setNotice(t('reports.saved', { count: report.rows }));
    });
  return (
    <details className="card" data-testid="journal-export">
      <summary>{t('reports.journal')}</summary>
      <div className="row">
        <div className="field">
          <label htmlFor="report-from">{t('audit.from')}</label>
          <input id="report-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('audit.to')}</label>
          <input id="report-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="button" disabled={action.busy || !from || !to} onClick={() => save('xlsx')}>
          {t('reports.xlsx')}
        </button>
        <button type="button" className="secondary" disabled={action.busy || !from || !to} onClick={() => save('csv')}>
          {t('reports.csv')}
        </button>
      </div>
      <Notice message={notice} />
      <ErrorBox message={action.error} />
    </details>
  );
}
