import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppFrameUrl, resolveInside } from '../../main/static-files';

test('renderer files resolve inside their folder and nowhere else', () => {
  assert.equal(resolveInside('/app/dist/renderer', '/'), '/app/dist/renderer/index.html');
  assert.equal(resolveInside('/app/dist/renderer', '/assets/index.js'), '/app/dist/renderer/assets/index.js');
  for (const escape of ['/../package.json', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00.js', '/%E0%A4%A']) {
    assert.equal(resolveInside('/app/dist/renderer', escape), null, escape);
  }
});

test('only frames of the app:// origin may call the core over IPC', () => {
  assert.equal(isAppFrameUrl('app://ajo/index.html'), true);
  for (const url of ['https://ajo/index.html', 'app://other/index.html', 'file:///app/index.html', 'http://127.0.0.1:5173/', 'not a url', undefined]) {
    assert.equal(isAppFrameUrl(url), false, String(url));
  }
});
