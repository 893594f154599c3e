import { DayInput } from '../../components/DayInput';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../../../domain/api/reports';
import { api } from '../../api';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { saveBase64 } from '../../components/files';
import { useAction } from '../../components/use-action';

const kzToday = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The office's reports for a period, as it files them: a PDF that prints like the paper form, a spreadsheet or CSV. */
export function JournalExport() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ReportKind>('journal');
  const [from, setFrom] = useState(`${kzToday().slice(0, 8)}01`);
  const [to, setTo] = useState(kzToday());
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const save = (format: ReportFormat) =>
    action.run(async () => {
      setNotice(null);
      const report = await api['reports.get']({ kind, from, to, format });
      saveBase64(report.fileName, report.contentBase64, MIME[format]);
      setNotice(t('reports.saved', { file: report.fileName, count: report.rows }));
    });
  return (
    <details className="card" data-testid="journal-export">
      <summary>{t('reports.title')}</summary>
      <div className="row">
        <div className="field">
          <label htmlFor="report-kind">{t('reports.kind')}</label>
          <select id="report-kind" value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-from">{t('audit.from')}</label>
          <DayInput id="report-from" value={from} onChange={setFrom} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('audit.to')}</label>
          <DayInput id="report-to" value={to} onChange={setTo} />
        </div>
        {REPORT_FORMATS.map((format, i) => (
          <button key={format} type="button" className={i === 0 ? undefined : 'secondary'} disabled={action.busy || !from || !to} onClick={() => save(format)}>
            {t(`reports.${format}`)}
          </button>
        ))}
      </div>
      <div aria-live="polite">{action.busy && <p className="hint">{t('reports.making')}</p>}</div>
      <Notice message={notice} />
      <ErrorBox message={action.error} />
    </details>
  );
}
