import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSetting } from '../../../db/repositories/settings';
import { Backups } from '../../../main/services/backups';
import { startTestCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { registeredApplication } from '../../support/workflow';

test('the administrator backs the desk up from the admin screen: now, into a folder outside its data; daily at an hour, the passphrase kept sealed; each one recorded', async () => {
  let clock = new Date('2026-12-07T10:00:00.000Z');
  const t = await startTestCore({ now: () => clock, idleSessionMs: 24 * 3600_000 });
  const usb = tempDir('ajo-usb-');
  try {
    const admin = await t.as('admin');
    const clerk = await t.as('clerk');
    await registeredApplication(t, clerk);
    await assert.rejects(clerk['backup.run']({ folder: usb.path, passphrase: 'long enough passphrase' }), { code: 'forbidden' });
    await assert.rejects(admin['backup.run']({ folder: 'relative/folder', passphrase: 'long enough passphrase' }), { reason: 'backup-folder-not-absolute' });
    await assert.rejects(admin['backup.run']({ folder: join(t.dataDir, 'copies'), passphrase: 'long enough passphrase' }), { reason: 'backup-folder-inside-data' });
    await assert.rejects(admin['backup.run']({ folder: usb.path, passphrase: 'short' }), { code: 'invalid-arguments' });

    const now = await admin['backup.run']({ folder: usb.path, passphrase: 'long enough passphrase' });
    assert.equal(now.last?.ok, true, JSON.stringify(now));
    assert.equal(now.running, null);
    assert.ok(now.last!.files > 0 && now.last!.newFiles === now.last!.files);
    assert.ok(existsSync(join(usb.path, 'database.enc')));
    // Another passphrase into the same folder: refused, said so, and recorded as a failed backup.
    await assert.rejects(admin['backup.run']({ folder: usb.path, passphrase: 'another long passphrase' }), { reason: 'backup-passphrase-wrong' });
    assert.deepEqual([(await admin['backup.status']({})).last?.ok, (await admin['backup.status']({})).last?.problem], [false, 'passphrase-wrong']);

    const scheduled = await admin['backup.setSchedule']({ schedule: { folder: usb.path, hour: 18, passphrase: 'long enough passphrase' } });
    assert.deepEqual(scheduled.schedule, { folder: usb.path, hour: 18 });
    assert.match(getSetting(t.core.ctx.db, 'backup.passphrase')!, /^sealed:/, 'the passphrase is never kept in the clear');

    // The schedule as the desk's timer runs it: not before 18:00 in Kazakhstan, then once that day.
    const backups = new Backups(t.core.ctx, t.dataDir);
    assert.equal(await backups.runIfDue(), false, '15:00 in Almaty');
    clock = new Date('2026-12-07T13:05:00.000Z');
    assert.equal(await backups.runIfDue(), true, '18:05 in Almaty');
    assert.equal(backups.status().last?.ok, true);
    assert.equal(backups.status().last?.newFiles, 0, 'only what is new goes to the same folder');
    assert.equal(await backups.runIfDue(), false, 'once a day');
    const events = t.core.ctx.db.prepare("SELECT type, actor_id AS actor, payload FROM events WHERE type LIKE 'backup.%' ORDER BY seq").all() as { type: string; actor: string | null; payload: string }[];
    assert.deepEqual(events.map((e) => [e.type, e.actor === null, (JSON.parse(e.payload) as { scheduled?: boolean }).scheduled ?? null]), [
      ['backup.taken', false, false],
      ['backup.taken', false, false],
      ['backup.scheduled', false, null],
      ['backup.taken', true, true],
    ]);
    assert.ok(!events.some((e) => e.payload.includes('long enough')), 'no passphrase in the audit trail');
    const off = await admin['backup.setSchedule']({ schedule: null });
    assert.equal(off.schedule, null);
  } finally {
    usb.remove();
    await t.close();
  }
});
