import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { issueEnrolmentCode } from '../../registry/enrolment/enrolment';
import { enrolDesk, openEnrolment } from '../../main/sync/enrol';
import { createCore } from '../../main/core';
import { getEnrolment } from '../../db/repositories/registry-link';
import { DEMO_AUTHORITY } from '../../main/demo/seed';
import { SealKeyError } from '../../pki/sealing';
import { startTestCore } from '../support/core';
import { startTestRegistry } from '../support/registry';
import { CAN_SWITCH_USER, readableByNobody } from '../support/other-user';
import { tempDir } from '../support/temp';

test('finding 3: the desk’s TLS key is sealed under a key outside its database; its folder is its user’s alone; a copy of ajo.sqlite alone is not the desk', async () => {
  const [t, registry] = await Promise.all([startTestCore(), startTestRegistry('pglite')]);
  const copy = tempDir('ajo-copied-');
  try {
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: 'desk 1' });
    const stored = getEnrolment(t.core.ctx.db)!;
    assert.match(stored.privateKeyPem, /^sealed:aes-256-gcm:/);
    assert.match(openEnrolment(t.core.ctx)!.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    t.core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of ['ajo.sqlite', 'ajo.sqlite-wal'].map((f) => join(t.dataDir, f)).filter(existsSync)) {
      assert.ok(!readFileSync(file).includes('PRIVATE KEY-----'), `${file} holds a private key in the clear`);
    }
    assert.equal(statSync(t.dataDir).mode & 0o777, 0o700);
    for (const file of ['ajo.sqlite', 'desk.key']) assert.equal(statSync(join(t.dataDir, file)).mode & 0o777, 0o600, file);
    if (CAN_SWITCH_USER) assert.deepEqual(readableByNobody([t.dataDir, join(t.dataDir, 'ajo.sqlite'), join(t.dataDir, 'desk.key')]), []);

    // Someone who copies the database file alone gets no key to sync as the desk with.
    copyFileSync(join(t.dataDir, 'ajo.sqlite'), join(copy.path, 'ajo.sqlite'));
    const stolen = createCore({ dataDir: copy.path, gatewayUrl: 'http://127.0.0.1:9', resumeBackgroundWork: false });
    try {
      assert.throws(() => openEnrolment(stolen.ctx), SealKeyError);
    } finally {
      await stolen.close();
    }
  } finally {
    copy.remove();
    await t.close();
    await registry.close();
  }
});
