import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../domain/api/contract';

/** Where text recognition of a document stands, and IINs/BINs in its text that belong to nobody in the application. */
export function OcrState({ document: d }: { document: DocumentInfo }) {
  const { t } = useTranslation();
  return (
    <>
      {d.ocr && (
        <small className={`ocr ocr-${d.ocr.status}`}>
          {' · '}
          {d.ocr.status === 'queued' ? t('ocr.reading', { done: d.ocr.pagesDone, total: d.ocr.pagesTotal }) : t(`ocr.${d.ocr.status}`)}
        </small>
      )}
      {d.foreignIdentifiers.length > 0 && (
        <div className="warning" role="alert" data-testid="foreign-identifiers">
          {t('ocr.foreignIdentifiers', { identifiers: d.foreignIdentifiers.join(', ') })}
        </div>
      )}
    </>
  );
}
