import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type { DocumentInfo } from '../../../../domain/api/contract';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { IconButton } from '../../components/IconButton';
import { base64ToBytes } from '../../components/files';
import { localNumber } from '../../components/local-format';
import type { OpenedPdf } from '../../components/viewer/pdf-document';
import { errorMessage } from '../../i18n';

type PageText = Awaited<ReturnType<(typeof api)['documents.pageText']>>;

/** What the viewer shows: an attached document, or the decision's document the head is about to sign. */
export type Viewed =
  | { kind: 'document'; document: DocumentInfo }
  | { kind: 'preview'; fileName: string; number: string; sha256: string; bytes: Uint8Array };

interface Props {
  viewed: Viewed;
  /** From 1. */
  page: number;
  onPage: (page: number) => void;
  onClose: () => void;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/**
 * An attached document, opened beside the application: one page at a time (a PDF is read in the pieces
 * that page needs), zoom and rotation, and what OCR read on the page with the IINs/BINs found there.
 * A decision's preview is shown the same way, with what signing it will do beside it.
 */
export function DocumentViewer({ viewed, page, onPage, onClose }: Props) {
  const { t } = useTranslation();
  const [zoom, setZoom] = useState<number | 'width'>('width');
  const [rotation, setRotation] = useState(0);
  const [goTo, setGoTo] = useState(String(page));
  const [error, setError] = useState<string | null>(null);
  const [previewPages, setPreviewPages] = useState(1);
  const pages = viewed.kind === 'document' ? viewed.document.pages : previewPages;
  const fileName = viewed.kind === 'document' ? viewed.document.fileName : viewed.fileName;
  const turn = (to: number) => onPage(Math.min(pages, Math.max(1, to)));
  useEffect(() => setGoTo(String(page)), [page]);

  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return onClose();
    if (e.target instanceof HTMLInputElement) return;
    // Page keys turn pages; arrows are left to scroll a zoomed page.
    const by = { PageDown: 1, PageUp: -1 }[e.key];
    if (by) {
      e.preventDefault();
      turn(page + by);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      turn(e.key === 'Home' ? 1 : pages);
    }
  };
  const zoomBy = (step: number) =>
    setZoom((current) => {
      const at = current === 'width' ? ZOOMS.indexOf(1) : ZOOMS.indexOf(current);
      return ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, at + step))]!;
    });

  return (
    <aside className="viewer" aria-label={t('viewer.title', { file: fileName })} onKeyDown={keys} data-testid="document-viewer">
      <div className="viewer-bar" role="toolbar" aria-label={t('viewer.tools')}>
        <strong className="viewer-name" title={fileName}>
          {fileName}
        </strong>
        <IconButton label={t('viewer.previous')} className="icon" disabled={page <= 1} onClick={() => turn(page - 1)}>
          ‹
        </IconButton>
        <form
          className="viewer-page"
          onSubmit={(e) => {
            e.preventDefault();
            const wanted = Number(goTo);
            if (Number.isInteger(wanted)) turn(wanted);
          }}
        >
          <input aria-label={t('viewer.goTo')} inputMode="numeric" value={goTo} onChange={(e) => setGoTo(e.target.value.replace(/\D/g, ''))} data-testid="viewer-page-input" />
          <span>{t('viewer.of', { pages: localNumber(pages) })}</span>
        </form>
        <IconButton label={t('viewer.next')} className="icon" disabled={page >= pages} onClick={() => turn(page + 1)}>
          ›
        </IconButton>
        <IconButton label={t('viewer.zoomOut')} className="icon" onClick={() => zoomBy(-1)}>
          −
        </IconButton>
        <IconButton label={t('viewer.fitWidth')} className={zoom === 'width' ? 'icon pressed' : 'icon'} onClick={() => setZoom('width')}>
          ↔
        </IconButton>
        <IconButton label={t('viewer.zoomIn')} className="icon" onClick={() => zoomBy(1)}>
          +
        </IconButton>
        <IconButton label={t('viewer.rotate')} className="icon" onClick={() => setRotation((r) => (r + 90) % 360)}>
          ⟳
        </IconButton>
        <IconButton label={t('viewer.close')} className="icon" onClick={onClose}>
          ×
        </IconButton>
      </div>
      <ErrorBox message={error} />
      <div className="viewer-body">
        {viewed.kind === 'preview' ? (
          <>
            <PdfPage source={viewed.sha256} load={async () => (await import('../../components/viewer/pdf-document')).openPdfBytes(viewed.bytes)} onPages={setPreviewPages} page={page} zoom={zoom} rotation={rotation} onError={setError} />
            <section className="viewer-text" aria-label={t('viewer.previewTitle')}>
              <h3>{t('viewer.previewTitle')}</h3>
              <p>{t('viewer.previewNote', { number: viewed.number })}</p>
              <p className="muted nowrap">SHA-256 {viewed.sha256.slice(0, 16)}…</p>
            </section>
          </>
        ) : viewed.document.mime === 'application/pdf' ? (
          <>
            <PdfPage
              source={viewed.document.id}
              load={async () => (await import('../../components/viewer/pdf-document')).openStoredPdf(viewed.document.id, viewed.document.size)}
              page={page}
              zoom={zoom}
              rotation={rotation}
              onError={setError}
            />
            <PageTextPane document={viewed.document} page={page} />
          </>
        ) : (
          <>
            <ImagePage document={viewed.document} zoom={zoom} rotation={rotation} onError={setError} />
            <PageTextPane document={viewed.document} page={page} />
          </>
        )}
      </div>
    </aside>
  );
}

interface PdfPageProps {
  /** What is shown: a new source is loaded anew. */
  source: string;
  /** PDF.js loads with the first document opened, not with the app. */
  load: () => Promise<OpenedPdf>;
  onPages?: (pages: number) => void;
  page: number;
  zoom: number | 'width';
  rotation: number;
  onError: (message: string | null) => void;
}

function PdfPage({ source, load, onPages, page, zoom, rotation, onError }: PdfPageProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [rendered, setRendered] = useState<number | null>(null);

  useEffect(() => {
    const opening = load();
    opening
      .then((opened) => opened.promise)
      .then(
        (loaded) => {
          setPdf(loaded);
          onPages?.(loaded.numPages);
        },
        (error: unknown) => onError(errorMessage(error)),
      );
    return () => {
      setPdf(null);
      void opening.then((opened) => opened.destroy());
    };
  }, [source]);

  useEffect(() => {
    if (!pdf || !canvas.current || !frame.current) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    setRendered(null);
    void (async () => {
      try {
        const proxy = await pdf.getPage(page);
        if (cancelled) return;
        const natural = proxy.getViewport({ scale: 1, rotation });
        const scale = zoom === 'width' ? Math.max(0.1, (frame.current!.clientWidth - 16) / natural.width) : zoom;
        const viewport = proxy.getViewport({ scale, rotation });
        const ratio = window.devicePixelRatio || 1;
        const target = canvas.current!;
        target.width = Math.floor(viewport.width * ratio);
        target.height = Math.floor(viewport.height * ratio);
        target.style.width = `${Math.floor(viewport.width)}px`;
        target.style.height = `${Math.floor(viewport.height)}px`;
        task = proxy.render({ canvas: target, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        await task.promise;
        if (!cancelled) {
          setRendered(page);
          onError(null);
        }
      } catch (error) {
        if (!cancelled && (error as { name?: string }).name !== 'RenderingCancelledException') onError(errorMessage(error));
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, zoom, rotation]);

  return (
    // Focusable, so a zoomed page can be scrolled from the keyboard.
    <div className="viewer-page-frame" ref={frame} data-rendered-page={rendered ?? undefined} tabIndex={0} role="group" aria-label={t('viewer.pageImage', { page })}>
      {rendered !== page && (
        <p className="viewer-loading" role="status">
          {t('viewer.loading', { page })}
        </p>
      )}
      <canvas ref={canvas} aria-label={t('viewer.pageImage', { page })} role="img" />
    </div>
  );
}

function ImagePage({ document, zoom, rotation, onError }: { document: DocumentInfo; zoom: number | 'width'; rotation: number; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    api['documents.content']({ documentId: document.id }).then(
      (content) => {
        made = URL.createObjectURL(new Blob([base64ToBytes(content.contentBase64)], { type: content.mime }));
        setUrl(made);
      },
      (error: unknown) => onError(errorMessage(error)),
    );
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [document.id]);
  const style = { transform: `rotate(${rotation}deg)`, width: zoom === 'width' ? '100%' : `${zoom * 100}%` };
  return (
    <div className="viewer-page-frame" data-rendered-page={url ? 1 : undefined} tabIndex={0} role="group" aria-label={t('viewer.pageImage', { page: 1 })}>
      {url ? <img src={url} alt={t('viewer.pageImage', { page: 1 })} style={style} /> : <p className="viewer-loading" role="status">{t('viewer.loading', { page: 1 })}</p>}
    </div>
  );
}

/** What OCR read on the page, and the identifiers in it — those not of the application's parties marked. */
function PageTextPane({ document, page }: { document: DocumentInfo; page: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState<PageText | null>(null);
  useEffect(() => {
    let current = true;
    setText(null);
    api['documents.pageText']({ documentId: document.id, page }).then(
      (found) => current && setText(found),
      () => current && setText({ status: 'failed', text: '', identifiers: [], wholeDocument: false }),
    );
    return () => {
      current = false;
    };
  }, [document.id, page, document.ocr?.status]);
  const foreign = new Set(document.foreignIdentifiers);
  return (
    <section className="viewer-text" aria-label={t('viewer.text')} aria-live="polite">
      <h3>{t('viewer.identifiers')}</h3>
      {text === null && <p role="status">{t('common.loading')}</p>}
      {text && text.identifiers.length === 0 && <p className="muted">{t('viewer.noIdentifiers')}</p>}
      {text && text.identifiers.length > 0 && (
        <ul className="viewer-ids" data-testid="viewer-identifiers">
          {text.identifiers.map((idn) => (
            <li key={idn} className={foreign.has(idn) ? 'bad' : undefined}>
              <span className="nowrap">{idn}</span>
              {foreign.has(idn) && ` — ${t('viewer.foreign')}`}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('viewer.text')}</h3>
      {text?.status === 'queued' && <p role="status">{t('viewer.textQueued')}</p>}
      {(text?.status === 'failed' || text?.status === 'none') && <p className="muted">{t('viewer.noText')}</p>}
      {text?.wholeDocument && <p className="muted">{t('viewer.wholeDocument')}</p>}
      {text?.status === 'done' && (
        <pre className="viewer-ocr" data-testid="viewer-text">
          {text.text.trim() || t('viewer.emptyPage')}
        </pre>
      )}
    </section>
  );
}
