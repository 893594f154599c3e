import { useEffect, useState } from 'react';
import { interleavedTray } from '../../../domain/capture/manual-duplex';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, Notice } from './ErrorBox';
import { errorMessage } from '../i18n';
import { useAction } from './use-action';
import { fileToBase64 } from './files';
import { NetworkScannerForm } from './NetworkScannerForm';
import { HotFolderPanel } from './HotFolderPanel';
import { TrayPageItem } from './TrayPageItem';
import type { Tray } from './use-tray';

type ScanProgress = Awaited<ReturnType<(typeof api)['scanner.scanProgress']>>;

type Capabilities = Awaited<ReturnType<(typeof api)['scanner.capabilities']>>;
type Source = Capabilities['sources'][number];
type Mode = Capabilities['modes'][number];

/** A labelled drop-down of the device's choices. */
function Choice(props: { id: string; label: string; value: string; onChange: (value: string) => void; options: { value: string; text: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The clerk's scan tray: scan from a device, put the pages in order (buttons, so the keyboard does it
 * too), drop the bad ones; each document slot then takes them ("attach the scanned pages").
 */
export function ScanTray({ tray }: { tray: Tray }) {
  const { pages, show: setPages, refresh } = tray;
  const { t } = useTranslation();
  const { error, setError, run, busy } = useAction();
  // null while the first search runs: "no scanners" is said only once the search has answered.
  const [devices, setDevices] = useState<{ id: string; name: string }[] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [source, setSource] = useState<Source>('flatbed');
  const [mode, setMode] = useState<Mode>('gray');
  const [resolution, setResolution] = useState(300);
  const [notice, setNotice] = useState<string | null>(null);

  // Loading is not a user action: it must not be dropped while another one runs.
  const load = (work: () => Promise<void>) => void work().catch((e: unknown) => setError(errorMessage(e)));
  const loadDevices = (choose?: string) =>
    load(async () => {
      const found = await api['scanner.devices']({}).then(
        (answer) => answer.devices,
        (failure: unknown) => {
          setDevices([]); // the search has ended: its error is shown, "searching…" would lie
          throw failure;
        },
      );
      setDevices(found);
      const chosen = found.find((d) => d.id === choose) ?? found[0];
      if (chosen) setDeviceId(chosen.id);
    });
  useEffect(() => {
    loadDevices();
    load(refresh);
  }, []);
  useEffect(() => {
    if (!deviceId) return;
    load(async () => {
      const c = await api['scanner.capabilities']({ deviceId });
      setCaps(c);
      if (!c.sources.includes(source)) setSource(c.sources[0] ?? 'flatbed');
      if (!c.modes.includes(mode)) setMode(c.modes.includes('gray') ? 'gray' : (c.modes[0] ?? 'gray'));
      if (!c.resolutions.includes(resolution)) setResolution(c.resolutions.includes(300) ? 300 : (c.resolutions[0] ?? 300));
    });
  }, [deviceId]);

  // Pages are read by OCR in the background after each scan; the tray shows how far it has got.
  const unread = pages.filter((p) => !p.textRead).length;
  useEffect(() => {
    if (unread === 0) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), 1500);
    return () => clearInterval(timer);
  }, [unread]);

  // A feeder batch or a long file takes minutes: while it runs, the core is asked how far it has got.
  const [progress, setProgress] = useState<ScanProgress | null>(null);

  async function importFile(file: File) {
    setNotice(null);
    await run(async () => {
      setProgress({ scanning: true, stage: 'importing', pages: 0, total: null });
      try {
        const result = await api['scanner.import']({ fileName: file.name, contentBase64: await fileToBase64(file) });
        setPages(result.pages);
        setNotice(result.cancelled ? t('scan.importCancelled') : t('scan.imported', { count: result.added }));
      } finally {
        setProgress(null);
      }
    });
  }

  const scanning = progress !== null;
  useEffect(() => {
    if (!scanning) return;
    const timer = setInterval(
      () => void api['scanner.scanProgress']({}).then((now) => setProgress((shown) => (shown && now.scanning ? now : shown)), () => undefined),
      1000,
    );
    return () => clearInterval(timer);
  }, [scanning]);

  async function scan() {
    setNotice(null);
    await run(async () => {
      setProgress({ scanning: true, stage: 'scanning', pages: 0, total: null });
      try {
        const result = await api['scanner.scan']({ deviceId, source, mode, resolution });
        setPages(result.pages);
        setNotice(result.problem ? t('scan.stopped', { count: result.added, problem: t(`scan.problem.${result.problem}`) }) : t('scan.scanned', { count: result.added }));
      } finally {
        setProgress(null);
      }
    });
  }
  const ids = pages.map((p) => p.id);
  const [blankIds, setBlankIds] = useState<string[]>([]);
  // The order before the last reordering, so it can be undone; dropping a page cannot be.
  const [undoOrder, setUndoOrder] = useState<string[] | null>(null);
  const arrange = (next: string[]) =>
    run(async () => {
      setPages((await api['scanner.arrange']({ pageIds: next })).pages);
      setBlankIds((blank) => blank.filter((id) => next.includes(id)));
    });
  const reorder = async (next: string[]) => {
    const before = ids;
    await arrange(next);
    setUndoOrder(before);
  };
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    return reorder(next);
  };
  const edit = (pageId: string, change: Parameters<(typeof api)['scanner.editPage']>[0]['edit']) =>
    run(async () => setPages((await api['scanner.editPage']({ pageId, edit: change })).pages));
  const findBlank = () =>
    run(async () => {
      const { pageIds } = await api['scanner.blankPages']({});
      setBlankIds(pageIds);
      const numbers = pages.flatMap((p, i) => (pageIds.includes(p.id) ? [i + 1] : [])).join(', ');
      setNotice(pageIds.length ? t('scan.blankFound', { pages: numbers }) : t('scan.noBlank'));
    });
  const duplex = async (backsReversed: boolean) => {
    const order = interleavedTray(ids, backsReversed);
    if (!order) return;
    await reorder(order);
    setNotice(t('scan.duplexDone'));
  };
  const undo = async () => {
    if (!undoOrder || undoOrder.length !== ids.length || undoOrder.some((id) => !ids.includes(id))) return;
    await arrange(undoOrder);
    setUndoOrder(null);
  };

  return (
    <div className="card" data-testid="scan-tray">
      <h3>{t('scan.title')}</h3>
      <ErrorBox message={error} />
      <Notice message={notice} />
      {devices === null ? (
        <p role="status" data-testid="scanner-search">{t('scan.searchingDevices')}</p>
      ) : devices.length === 0 ? (
        <p role="status" data-testid="scanner-search">{t('scan.noDevices')}</p>
      ) : (
        <div className="row">
          <Choice id="scan-device" label={t('scan.device')} value={deviceId} onChange={setDeviceId} options={devices.map((d) => ({ value: d.id, text: d.name }))} />
          <Choice
            id="scan-source"
            label={t('scan.source')}
            value={source}
            onChange={(v) => setSource(v as Source)}
            options={(caps?.sources ?? []).map((v) => ({ value: v, text: t(`scan.sources.${v}`) }))}
          />
          <Choice
            id="scan-mode"
            label={t('scan.mode')}
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            options={(caps?.modes ?? []).map((v) => ({ value: v, text: t(`scan.modes.${v}`) }))}
          />
          <Choice
            id="scan-resolution"
            label={t('scan.resolution')}
            value={String(resolution)}
            onChange={(v) => setResolution(Number(v))}
            options={(caps?.resolutions ?? []).map((v) => ({ value: String(v), text: `${v} dpi` }))}
          />
          <button type="button" onClick={scan} disabled={busy || !caps}>
            {progress?.stage === 'scanning' ? t('scan.scanning') : t('scan.scan')}
          </button>
          {progress && progress.stage !== 'importing' && (
            <small role="status" data-testid="scan-progress">
              {t(progress.stage === 'processing' ? 'scan.processingPages' : 'scan.scanningPages', { count: progress.pages })}
            </small>
          )}
        </div>
      )}
      <NetworkScannerForm onAdded={loadDevices} />
      <HotFolderPanel onTaken={() => load(refresh)} />
      <div className="row">
        <label className="file">
          {t('scan.importFile')}
          <input
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        {progress?.stage === 'importing' && (
          <>
            <small role="status" data-testid="import-progress">
              {progress.total ? t('scan.importingPages', { done: progress.pages, total: progress.total }) : t('scan.importing')}
            </small>
            <button type="button" className="link" onClick={() => void api['scanner.cancel']({}).catch((e: unknown) => setError(errorMessage(e)))}>
              {t('scan.cancelImport')}
            </button>
          </>
        )}
        {pages.length > 0 && (
          <small data-testid="ocr-progress">{unread > 0 ? t('scan.reading', { done: pages.length - unread, total: pages.length }) : t('scan.allRead')}</small>
        )}
      </div>
      {pages.length > 1 && (
        <div className="row tray-tools">
          <button type="button" disabled={busy} onClick={() => void findBlank()}>
            {t('scan.findBlank')}
          </button>
          {blankIds.length > 0 && (
            <button type="button" disabled={busy} onClick={() => void arrange(ids.filter((id) => !blankIds.includes(id)))}>
              {t('scan.dropBlank', { count: blankIds.length })}
            </button>
          )}
          <button type="button" disabled={busy || pages.length % 2 !== 0} title={t('scan.duplexHelp')} onClick={() => void duplex(true)}>
            {t('scan.duplexReversed')}
          </button>
          <button type="button" disabled={busy || pages.length % 2 !== 0} title={t('scan.duplexHelp')} onClick={() => void duplex(false)}>
            {t('scan.duplexInOrder')}
          </button>
          {undoOrder && (
            <button type="button" className="link" disabled={busy} onClick={() => void undo()}>
              {t('scan.undoOrder')}
            </button>
          )}
        </div>
      )}
      <ol className="tray">
        {pages.map((page, i) => (
          <TrayPageItem
            key={page.id}
            page={page}
            index={i}
            count={pages.length}
            blank={blankIds.includes(page.id)}
            busy={busy}
            onMove={(by) => void move(i, by)}
            onDrop={() => void arrange(ids.filter((id) => id !== page.id))}
            onEdit={(change) => void edit(page.id, change)}
          />
        ))}
      </ol>
    </div>
  );
}
