import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { guardWebContents, type GuardedContents } from '../../../main/electron/web-contents-guard';

/** A stand-in for a WebContents: events are emitted as Electron would, the open handler kept. */
function contents() {
  const emitter = new EventEmitter();
  let openHandler: (() => { action: string }) | null = null;
  const fake = Object.assign(emitter, { setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler) });
  guardWebContents(fake as unknown as GuardedContents);
  const prevented = (event: string, url?: string) => {
    let stopped = false;
    emitter.emit(event, { preventDefault: () => (stopped = true) }, url);
    return stopped;
  };
  return { prevented, open: () => openHandler?.() };
}

test('navigation and server redirects away from app:// are stopped; within the app they go on', () => {
  const c = contents();
  for (const event of ['will-navigate', 'will-redirect']) {
    assert.equal(c.prevented(event, 'https://evil.example/phish'), true, event);
    assert.equal(c.prevented(event, 'file:///etc/passwd'), true, event);
    assert.equal(c.prevented(event, 'app://ajo/index.html'), false, event);
  }
});

test('new windows and webviews are refused', () => {
  const c = contents();
  assert.deepEqual(c.open(), { action: 'deny' });
  assert.equal(c.prevented('will-attach-webview'), true);
});
