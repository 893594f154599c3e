import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { fileToBase64 } from '../../components/files';
import { ScanTray } from '../../components/ScanTray';
import { useTray } from '../../components/use-tray';
import { localized } from '../../i18n';
import { OcrState } from './OcrState';
import type { Update } from './update';

/** The application's document slots; on a draft its clerk attaches files or scanned pages, removes them, marks paper seen. */
export function DocumentsPanel({
  app,
  editable,
  catalogue,
  update,
  onOpen,
}: {
  app: ApplicationDetail;
  editable: boolean;
  catalogue: Catalogue;
  update: Update;
  /** Opens the document in the viewer beside the application. */
  onOpen: (documentId: string) => void;
}) {
  const { t } = useTranslation();
  const documents = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.documents ?? [];
  const slotName = (code: string) => (code === POA_SCAN_SLOT ? t('application.poaScan') : localized(documents.find((d) => d.code === code)?.name) || code);
  const tray = useTray();
  return (
    <div className="card">
      <h2>{t('application.documents')}</h2>
      {editable && <ScanTray tray={tray} />}
      {app.slots.map((slot) => (
        <div className="slot" key={slot.code} data-testid={`slot-${slot.code}`}>
          <div className="slot-head">
            <strong>{slotName(slot.code)}</strong> <small>({slot.required ? t('application.required') : t('application.optional')})</small>
          </div>
          <ul>
            {slot.documents.map((d) => (
              <li key={d.id} data-testid="document">
                <button type="button" className="link open" aria-label={t('viewer.openNamed', { file: d.fileName })} onClick={() => onOpen(d.id)}>
                  {d.fileName}
                </button>{' '}
                · {d.pages} {t('application.pages')} · {Math.ceil(d.size / 1024)} KB
                <OcrState document={d} />
                {editable && (
                  <button type="button" className="link" onClick={() => update(() => api['documents.remove']({ documentId: d.id }))}>
                    {t('application.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <div className="row">
              <label className="file">
                {t('application.attach')}: {slotName(slot.code)}
                <input
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (!file) return;
                    await update(async () =>
                      api['documents.attach']({ applicationId: app.id, slotCode: slot.code, fileName: file.name, contentBase64: await fileToBase64(file) }),
                    );
                  }}
                />
              </label>
              {tray.pages.length > 0 && (
                <button
                  type="button"
                  onClick={async () => {
                    await update(() => api['scanner.attach']({ applicationId: app.id, slotCode: slot.code, pageIds: tray.pages.map((p) => p.id) }));
                    await tray.refresh();
                  }}
                >
                  {t('scan.attachHere', { count: tray.pages.length })}
                </button>
              )}
              <label className="inline">
                <input
                  type="checkbox"
                  checked={slot.paperPresented}
                  onChange={(e) => update(() => api['documents.setPaperPresented']({ applicationId: app.id, slotCode: slot.code, presented: e.target.checked }))}
                />
                {t('application.paper')}
              </label>
            </div>
          )}
          {!editable && slot.paperPresented && <small>✓ {t('application.paper')}</small>}
        </div>
      ))}
    </div>
  );
}
