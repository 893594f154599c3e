import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ApiClient } from '../../../domain/api/client';
import { REJECTED_FOLDER, TAKEN_FOLDER } from '../../../scanner/hot-folder/hot-folder-watcher';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/temp';

/** Scan-to-folder through the core: files land in the owner's tray once settled, each only once. */
let t: TestCore;
let clerk: ApiClient;
let admin: ApiClient;
/** The administrator allows scan folders inside this one; the clerk's copier folder is inside it. */
const root = tempDir('ajo-copiers-');
const folder = { path: join(root.path, 'anna') };
before(async () => {
  t = await startTestCore();
  clerk = await t.as('clerk');
  admin = await t.as('admin');
  mkdirSync(folder.path);
});
after(async () => {
  await t.close();
  root.remove();
});

const scan = (shade: number) => sharp({ create: { width: 1240, height: 1754, channels: 3, background: { r: shade, g: shade, b: shade } } }).jpeg().toBuffer();
/** Two looks: the first notices a file, the second (nothing changed) takes it. */
const settle = async () => {
  await t.core.checkHotFolders();
  await t.core.checkHotFolders();
};
const trayCount = async () => (await clerk['scanner.tray']({})).pages.length;

test('no scan folder until the administrator allows where; never a system or home folder, nor one holding other files', async () => {
  const refused = (path: string, reason: string, code = 'invalid-input') => assert.rejects(clerk['scanner.setHotFolder']({ path }), { code, reason });
  await refused(folder.path, 'hot-folder-not-allowed');

  const policy = (roots: string[]) => admin['scanner.setHotFolderPolicy']({ roots, rejected: 'leave' });
  await assert.rejects(policy(['/etc']), { code: 'invalid-input', reason: 'hot-folder-system-folder' });
  await assert.rejects(policy(['/']), { code: 'invalid-input', reason: 'hot-folder-system-folder' });
  await assert.rejects(policy(['/home']), { code: 'invalid-input', reason: 'hot-folder-system-folder' });
  await assert.rejects(policy([t.dataDir]), { code: 'invalid-input', reason: 'hot-folder-app-data' });
  await assert.rejects(clerk['scanner.setHotFolderPolicy']({ roots: [root.path], rejected: 'leave' }), { code: 'forbidden' });
  assert.deepEqual(await policy([root.path]), { roots: [realpathSync(root.path)], rejected: 'leave' });

  await refused('/etc', 'hot-folder-system-folder');
  await refused('/usr/share', 'hot-folder-system-folder');
  await refused('scans', 'hot-folder-not-absolute');
  await refused(join(folder.path, 'no-such'), 'hot-folder-missing');
  writeFileSync(join(folder.path, 'a-file'), 'x');
  await refused(join(folder.path, 'a-file'), 'hot-folder-not-a-folder');
  // The folder holds an office document: it is not a copier's folder, and nothing in it is touched.
  await assert.rejects(clerk['scanner.setHotFolder']({ path: folder.path }), { code: 'invalid-input', reason: 'hot-folder-holds-other-files', params: { file: 'a-file' } });
  assert.ok(existsSync(join(folder.path, 'a-file')));
  rmSync(join(folder.path, 'a-file'));
  const executor = await t.as('executor');
  await assert.rejects(executor['scanner.setHotFolder']({ path: folder.path }), { code: 'forbidden' });
  assert.deepEqual(await clerk['scanner.hotFolder']({}), { path: null, state: 'off', allowedRoots: [realpathSync(root.path)], leftAlone: 0, recent: [] });
});

test("a copier's file lands in the tray once it has settled; the same file again is refused as a duplicate and left where it is", async () => {
  const status = await clerk['scanner.setHotFolder']({ path: folder.path });
  assert.deepEqual([status.path, status.state, status.leftAlone], [realpathSync(folder.path), 'watching', 0]);
  const before = await trayCount();
  const bytes = await scan(120);
  writeFileSync(join(folder.path, 'scan0001.jpg'), bytes);
  writeFileSync(join(folder.path, 'Thumbs.db'), 'junk');
  await settle();
  assert.equal(await trayCount(), before + 1);
  const tray = (await clerk['scanner.tray']({})).pages;
  assert.equal(tray.at(-1)!.device, 'folder:scan0001.jpg');
  assert.ok(existsSync(join(folder.path, 'Thumbs.db')), 'junk is left alone');
  assert.equal(readdirSync(join(folder.path, TAKEN_FOLDER)).length, 1);

  // The copier names every morning's first scan the same: a different scan under an old name is new.
  writeFileSync(join(folder.path, 'scan0001.jpg'), await scan(200));
  await settle();
  assert.equal(await trayCount(), before + 2);
  // The very same bytes again (re-sent by the copier, copied back by hand) are not added twice.
  writeFileSync(join(folder.path, 'again.jpg'), bytes);
  await settle();
  await settle();
  assert.equal(await trayCount(), before + 2);
  assert.ok(existsSync(join(folder.path, 'again.jpg')), 'a file turned away stays where it is');
  assert.ok(!existsSync(join(folder.path, REJECTED_FOLDER)));
  const { recent } = await clerk['scanner.hotFolder']({});
  assert.deepEqual(
    recent.map((f) => [f.fileName, f.outcome, f.problem, f.pages]),
    [
      ['again.jpg', 'duplicate', 'hot-folder-duplicate', 0],
      ['scan0001.jpg', 'taken', null, 1],
      ['scan0001.jpg', 'taken', null, 1],
    ],
  );
  rmSync(join(folder.path, 'again.jpg'));
});

test('files that are not whole scans are refused with the reason, add nothing, and stay; moved aside only where the administrator chose so', async () => {
  const before = await trayCount();
  writeFileSync(join(folder.path, 'empty.pdf'), Buffer.alloc(0));
  writeFileSync(join(folder.path, 'cut.jpg'), (await scan(60)).subarray(0, 200));
  writeFileSync(join(folder.path, 'notes.txt'), 'not a scan');
  await settle();
  assert.equal(await trayCount(), before);
  const { recent } = await clerk['scanner.hotFolder']({});
  assert.deepEqual(
    recent.slice(0, 3).map((f) => [f.fileName, f.outcome, f.problem]).sort(),
    [
      ['cut.jpg', 'refused', 'file-truncated'],
      ['empty.pdf', 'refused', 'file-empty'],
      ['notes.txt', 'refused', 'file-unsupported-format'],
    ],
  );
  assert.deepEqual(readdirSync(folder.path).sort(), [TAKEN_FOLDER, 'Thumbs.db', 'cut.jpg', 'empty.pdf', 'notes.txt'].sort());
  for (const name of ['cut.jpg', 'empty.pdf', 'notes.txt']) rmSync(join(folder.path, name));

  await admin['scanner.setHotFolderPolicy']({ roots: [root.path], rejected: 'move' });
  writeFileSync(join(folder.path, 'notes2.txt'), 'not a scan either');
  await settle();
  assert.deepEqual(readdirSync(join(folder.path, REJECTED_FOLDER)).length, 1);
  assert.ok(!existsSync(join(folder.path, 'notes2.txt')));
  await admin['scanner.setHotFolderPolicy']({ roots: [root.path], rejected: 'leave' });
});

test('scans already in a folder when it is chosen are left alone; only what arrives afterwards is taken', async () => {
  const second = join(root.path, 'second');
  mkdirSync(second);
  writeFileSync(join(second, 'yesterday.jpg'), await scan(40));
  const status = await clerk['scanner.setHotFolder']({ path: second });
  assert.equal(status.leftAlone, 1);
  const before = await trayCount();
  await settle();
  assert.equal(await trayCount(), before);
  assert.deepEqual(readdirSync(second), ['yesterday.jpg']);
  writeFileSync(join(second, 'today.jpg'), await scan(50));
  await settle();
  assert.equal(await trayCount(), before + 1);
  assert.deepEqual(readdirSync(second).sort(), [TAKEN_FOLDER, 'yesterday.jpg']);
  await clerk['scanner.setHotFolder']({ path: folder.path });
});

test('a deleted hot folder is reported missing and taken up again when it is back; another clerk cannot share it; a withdrawn root stops it', async () => {
  rmSync(folder.path, { recursive: true });
  await settle();
  assert.equal((await clerk['scanner.hotFolder']({})).state, 'missing');
  mkdirSync(folder.path);
  writeFileSync(join(folder.path, 'after.jpg'), await scan(30));
  const before = await trayCount();
  await settle();
  assert.equal((await clerk['scanner.hotFolder']({})).state, 'watching');
  assert.equal(await trayCount(), before + 1);

  await admin['users.create']({ username: 'clerk2', fullName: 'Екінші іс жүргізуші', iin: null, roles: ['clerk'], password: 'demo-password-2' });
  const second = t.client();
  await second['auth.login']({ username: 'clerk2', password: 'demo-password-2' });
  await assert.rejects(second['scanner.setHotFolder']({ path: folder.path }), { code: 'conflict', reason: 'hot-folder-in-use' });

  // The administrator withdraws the root: the folder is no longer watched, and says why.
  await admin['scanner.setHotFolderPolicy']({ roots: [], rejected: 'leave' });
  assert.equal((await clerk['scanner.hotFolder']({})).state, 'not-allowed');
  writeFileSync(join(folder.path, 'while-withdrawn.jpg'), await scan(70));
  await settle();
  assert.ok(existsSync(join(folder.path, 'while-withdrawn.jpg')));
  await admin['scanner.setHotFolderPolicy']({ roots: [root.path], rejected: 'leave' });

  assert.deepEqual((await clerk['scanner.setHotFolder']({ path: null })).state, 'off');
  writeFileSync(join(folder.path, 'unwatched.jpg'), await scan(90));
  await settle();
  assert.ok(existsSync(join(folder.path, 'unwatched.jpg')), 'a folder no longer watched is left alone');
});

test('a scan copied into the spool whose intake the last run did not finish reaches the tray; a spooled copy that does not match its hash is not taken', async () => {
  const userId = (t.core.ctx.db.prepare("SELECT id FROM users WHERE username = 'clerk'").get() as { id: string }).id;
  const spool = join(t.dataDir, 'spool', 'hot-folders');
  mkdirSync(spool, { recursive: true });
  const leftOver = async (bytes: Buffer, spooled: Buffer, fileName: string) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(spool, `${userId}.${sha256}`), spooled);
    t.core.ctx.db
      .prepare("INSERT INTO jobs (id, queue, key, data, run_after, created_at) VALUES (?, 'hot-folder-intake', ?, ?, 0, '2026-12-03')")
      .run(`job-${sha256.slice(0, 8)}`, `${userId}.${sha256}`, JSON.stringify({ userId, fileName, sha256, seenAt: new Date().toISOString() }));
  };
  const before = await trayCount();
  await leftOver(await scan(140), await scan(140), 'left-over.jpg');
  await leftOver(await scan(150), await scan(151), 'tampered.jpg');
  await settle();
  assert.equal(await trayCount(), before + 1);
  const { recent } = await clerk['scanner.hotFolder']({});
  assert.deepEqual(recent.slice(0, 2).map((f) => [f.fileName, f.outcome, f.problem]).sort(), [
    ['left-over.jpg', 'taken', null],
    ['tampered.jpg', 'refused', 'hot-folder-intake-failed'],
  ]);
  assert.deepEqual(readdirSync(spool), []);
  assert.equal((t.core.ctx.db.prepare("SELECT count(*) AS n FROM jobs WHERE queue = 'hot-folder-intake'").get() as { n: number }).n, 0);
});
