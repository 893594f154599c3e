import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../domain/api/contract';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { useAction } from '../../components/use-action';
import { StepTable } from '../../components/StepTable';

const REFRESH_MS = 60_000;

/** What waits on this user's hand, the most urgent first (the core sorts by the step's due time). */
export function MyWork({ catalogue, onOpen }: { catalogue: Catalogue; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    const load = () => void run(async () => setRows(await api['applications.myWork']({})));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <section>
      <h1>{t('work.title')}</h1>
      <p>{t('work.intro')}</p>
      <ErrorBox message={error} />
      {rows === null ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('work.empty')}</p>
      ) : (
        <StepTable rows={rows} rowTestId="work-row" catalogue={catalogue} onOpen={onOpen} />
      )}
    </section>
  );
}
