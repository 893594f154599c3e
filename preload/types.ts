import type { ApiClient } from '../domain/api/client';

/** What the preload puts on the page; absent when the renderer is served by the loopback web host. */
export type PreloadApi = ApiClient;

declare global {
  interface Window {
    ajo?: PreloadApi;
  }
}
