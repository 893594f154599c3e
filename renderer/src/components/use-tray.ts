import { useCallback, useRef, useState } from 'react';
import type { TrayPage } from '../../../domain/api/contract';
import { api } from '../api';

export interface Tray {
  pages: TrayPage[];
  /** Shows the tray an action answered with: it is newer than any fetch still under way. */
  show: (pages: TrayPage[]) => void;
  /** Fetches the tray; an answer overtaken by an action's answer is dropped. */
  refresh: () => Promise<void>;
}

/**
 * The clerk's scan tray as the screen shows it. Background refreshes (OCR progress, the hot folder) race
 * with the clerk's own actions: a refresh sent before an import and answered after it would show the
 * tray without the imported page, and stop the refreshes once every page shown is read.
 */
export function useTray(): Tray {
  const [pages, setPages] = useState<TrayPage[]>([]);
  const generation = useRef(0);
  const show = useCallback((next: TrayPage[]) => {
    generation.current++;
    setPages(next);
  }, []);
  const refresh = useCallback(async () => {
    const sentAt = generation.current;
    const { pages: fetched } = await api['scanner.tray']({});
    if (generation.current !== sentAt) return;
    generation.current++;
    setPages(fetched);
  }, []);
  return { pages, show, refresh };
}
