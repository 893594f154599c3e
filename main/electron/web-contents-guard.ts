import type { WebContents } from 'electron';
import { isAppFrameUrl } from '../static-files';

/** The parts of a WebContents the guard listens to (so it is tested without Electron). */
export type GuardedContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }, url?: string) => void): unknown;
};

/**
 * Every web contents stays on the app: no new windows, no navigation or server redirect to anywhere
 * but app://, no webviews (Electron's security checklist, items 12–14).
 */
export function guardWebContents(contents: GuardedContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnApp = (event: { preventDefault(): void }, url?: string) => {
    if (!url || !isAppFrameUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
