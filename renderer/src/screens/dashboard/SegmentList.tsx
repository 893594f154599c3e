import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../domain/api/contract';
import { DASHBOARD_LIST_MAX } from '../../../../domain/api/dashboard';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { StepTable } from '../../components/StepTable';

/** The applications behind the bar or figure the head clicked, each one click from opening. */
export function SegmentList({
  what,
  list,
  catalogue,
  onOpen,
  onClose,
}: {
  what: string;
  list: { applications: ApplicationSummary[]; more: boolean } | null;
  catalogue: Catalogue;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // The list opens above the charts: the focus goes to it, so keyboard and screen-reader users land there.
  useEffect(() => heading.current?.focus(), [what]);
  return (
    <section className="dashboard-list" data-testid="dashboard-list" aria-live="polite">
      <h2 ref={heading} tabIndex={-1}>
        {t('dashboard.list.title', { what })}
      </h2>
      <button type="button" className="secondary" onClick={onClose}>
        {t('dashboard.list.close')}
      </button>
      {list === null ? (
        <p>{t('common.loading')}</p>
      ) : list.applications.length === 0 ? (
        <p>{t('dashboard.list.empty')}</p>
      ) : (
        <StepTable rows={list.applications} rowTestId="dashboard-list-row" catalogue={catalogue} onOpen={onOpen} />
      )}
      {list?.more && <p className="hint">{t('dashboard.list.more', { count: DASHBOARD_LIST_MAX })}</p>}
    </section>
  );
}
