import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrayPage } from '../../../domain/api/contract';
import { api } from '../api';
import { IconButton } from './IconButton';

type PageEdit = Parameters<(typeof api)['scanner.editPage']>[0]['edit'];

/** The page image as the core has it now (it changes when the page is turned, cropped or restored). */
function usePageImage(page: TrayPage): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api['scanner.pageImage']({ pageId: page.id }).then((image) => live && setSrc(`data:${image.mime};base64,${image.contentBase64}`));
    return () => {
      live = false;
    };
  }, [page.id, page.imageSha256]);
  return src;
}

interface Cut {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const percent = (share: number) => Math.round(Math.max(0, Math.min(1, share)) * 100);

/** The page, on which the clerk drags a frame round what to keep; the frame becomes the margins below. */
function CropPicker({ n, src, cut, onCut }: { n: number; src: string; cut: Cut; onCut: (cut: Cut) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<{ x: number; y: number } | null>(null);
  const at = (e: React.PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top) / box.height };
  };
  const frame = (a: { x: number; y: number }, b: { x: number; y: number }): Cut => ({
    left: percent(Math.min(a.x, b.x)),
    top: percent(Math.min(a.y, b.y)),
    right: 100 - percent(Math.max(a.x, b.x)),
    bottom: 100 - percent(Math.max(a.y, b.y)),
  });
  return (
    <div
      className="crop-picker"
      data-testid="crop-picker"
      aria-label={t('scan.cropArea', { n })}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setFrom(at(e));
      }}
      onPointerMove={(e) => from && onCut(frame(from, at(e)))}
      onPointerUp={(e) => {
        if (from) onCut(frame(from, at(e)));
        setFrom(null);
      }}
    >
      <img src={src} alt="" draggable={false} />
      <span className="crop-frame" style={{ left: `${cut.left}%`, top: `${cut.top}%`, right: `${cut.right}%`, bottom: `${cut.bottom}%` }} />
    </div>
  );
}

/** Margins to cut, in percent of each side: dragged on the page, or typed (the keyboard way to crop). */
function CropForm({ n, src, onCrop, disabled }: { n: number; src: string | null; onCrop: (box: { left: number; top: number; width: number; height: number }) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [cut, setCut] = useState<Cut>({ left: 0, top: 0, right: 0, bottom: 0 });
  const sides = ['left', 'top', 'right', 'bottom'] as const;
  const valid = sides.every((s) => cut[s] >= 0 && cut[s] < 100) && cut.left + cut.right < 95 && cut.top + cut.bottom < 95;
  return (
    <details className="crop">
      <summary>{t('scan.crop')}</summary>
      {src && <CropPicker n={n} src={src} cut={cut} onCut={setCut} />}
      <small>{t('scan.cropDrag')}</small>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onCrop({ left: cut.left / 100, top: cut.top / 100, width: (100 - cut.left - cut.right) / 100, height: (100 - cut.top - cut.bottom) / 100 });
        }}
      >
        {sides.map((side) => (
          <label key={side}>
            {t(`scan.cropSide.${side}`)}
            <input
              type="number"
              min={0}
              max={90}
              step={1}
              value={cut[side]}
              aria-label={t('scan.cropLabel', { n, side: t(`scan.cropSide.${side}`) })}
              onChange={(e) => setCut({ ...cut, [side]: Number(e.target.value) })}
            />
          </label>
        ))}
        <button type="submit" disabled={disabled || !valid}>
          {t('scan.cropApply')}
        </button>
      </form>
    </details>
  );
}

/**
 * One page in the tray: its picture and, all as buttons (the keyboard reaches them), moving it, turning
 * it, straightening or cropping it, putting back the page as scanned, dropping it.
 */
export function TrayPageItem(props: {
  page: TrayPage;
  index: number;
  count: number;
  blank: boolean;
  busy: boolean;
  onMove: (by: number) => void;
  onDrop: () => void;
  onEdit: (edit: PageEdit) => void;
}) {
  const { t } = useTranslation();
  const { page, index: i, busy } = props;
  const n = i + 1;
  const src = usePageImage(page);
  return (
    <li data-testid="tray-page" data-page-id={page.id} data-blank={props.blank || undefined} className={props.blank ? 'blank' : undefined}>
      {src ? <img src={src} alt="" className="thumb" /> : <span className="thumb" />}
      <small>
        {n} · {page.resolution} dpi{page.textRead ? ` · ${t('scan.textRead')}` : ''}
        {page.edited ? ` · ${t('scan.edited')}` : ''}
        {props.blank ? ` · ${t('scan.blank')}` : ''}
      </small>
      <span className="page-tools">
        <IconButton label={t('scan.moveUp', { n })} disabled={busy || i === 0} onClick={() => props.onMove(-1)}>
          ↑
        </IconButton>
        <IconButton label={t('scan.moveDown', { n })} disabled={busy || i === props.count - 1} onClick={() => props.onMove(1)}>
          ↓
        </IconButton>
        <IconButton label={t('scan.rotateLeft', { n })} disabled={busy} onClick={() => props.onEdit({ kind: 'rotate', quarterTurns: 3 })}>
          ⟲
        </IconButton>
        <IconButton label={t('scan.rotateRight', { n })} disabled={busy} onClick={() => props.onEdit({ kind: 'rotate', quarterTurns: 1 })}>
          ⟳
        </IconButton>
        <IconButton label={t('scan.straighten', { n })} disabled={busy} onClick={() => props.onEdit({ kind: 'deskew' })}>
          ⊾
        </IconButton>
        {page.edited && (
          <IconButton label={t('scan.restore', { n })} disabled={busy} onClick={() => props.onEdit({ kind: 'restore' })}>
            ↺
          </IconButton>
        )}
        <IconButton label={t('scan.drop', { n })} disabled={busy} onClick={props.onDrop}>
          ✕
        </IconButton>
      </span>
      <CropForm n={n} src={src} disabled={busy} onCrop={(box) => props.onEdit({ kind: 'crop', box })} />
    </li>
  );
}
