import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionAllowed } from '../../../main/electron/permissions';

test('the shell grants desktop notifications and nothing else a page may ask for', () => {
  assert.equal(permissionAllowed('notifications'), true);
  for (const other of ['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'midi', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'unknown']) {
    assert.equal(permissionAllowed(other), false, other);
  }
});
