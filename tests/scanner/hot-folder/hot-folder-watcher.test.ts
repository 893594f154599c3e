import assert from 'node:assert/strict';
import { appendFileSync, linkSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fingerprintOf, HotFolderWatcher, isJunkFileName, REJECTED_FOLDER, TAKEN_FOLDER, type HotFolderOptions, type SettledFile, type Verdict } from '../../../scanner/hot-folder/hot-folder-watcher';
import { tempDir } from '../../support/temp';

/** A watcher on a real folder with a clock the test moves; every file handed on is recorded. */
function watched(verdict: (file: SettledFile) => Verdict | Promise<Verdict> = () => 'taken', options: Partial<HotFolderOptions> = {}) {
  const dir = tempDir('ajo-hot-');
  let clock = 1_000_000;
  const handed: SettledFile[] = [];
  const watcher = new HotFolderWatcher({
    ...options,
    path: realpathSync(dir.path),
    stableMs: 3000,
    now: () => clock,
    onFile: async (file) => {
      handed.push(file);
      return verdict(file);
    },
  });
  const later = async (ms: number) => {
    clock += ms;
    await watcher.poll();
  };
  return { dir, watcher, handed, later, names: () => handed.map((f) => f.name) };
}

test('junk that systems and browsers leave is never taken', () => {
  for (const name of ['.DS_Store', '._scan.pdf', 'Thumbs.db', 'desktop.ini', '~$report.docx', 'scan.pdf.part', 'x.crdownload', 'a.tmp']) assert.ok(isJunkFileName(name), name);
  for (const name of ['scan0001.pdf', 'IMG_2041.JPG', 'Сканирование 1.tiff']) assert.ok(!isJunkFileName(name), name);
});

test('a file is handed on only after it has stopped changing, once, and is then moved aside', async () => {
  const w = watched();
  try {
    writeFileSync(join(w.dir.path, 'scan0001.pdf'), 'first part');
    await w.later(0);
    await w.later(2000);
    assert.deepEqual(w.names(), [], 'not yet settled');
    appendFileSync(join(w.dir.path, 'scan0001.pdf'), ', second part');
    await w.later(2000);
    assert.deepEqual(w.names(), [], 'grew: the wait starts again');
    await w.later(2000);
    assert.deepEqual(w.names(), [], 'settled for 2 s of 3');
    await w.later(1000);
    assert.deepEqual(w.names(), ['scan0001.pdf']);
    assert.equal(w.handed[0]!.bytes.toString(), 'first part, second part');
    await w.later(5000);
    assert.equal(w.handed.length, 1, 'handed on once');
    assert.deepEqual(readdirSync(w.dir.path), [TAKEN_FOLDER]);
    assert.match(readdirSync(join(w.dir.path, TAKEN_FOLDER))[0]!, /^\d{4}-\d\d-\d\dT.* scan0001\.pdf$/);
  } finally {
    w.dir.remove();
  }
});

test('junk files and folders stay where they are; a rejected file is left in place, and not handed on again while unchanged', async () => {
  const w = watched((file) => (file.name === 'bad.jpg' ? 'rejected' : 'taken'));
  try {
    writeFileSync(join(w.dir.path, 'Thumbs.db'), 'x');
    writeFileSync(join(w.dir.path, 'upload.pdf.part'), 'x');
    mkdirSync(join(w.dir.path, 'archive'));
    writeFileSync(join(w.dir.path, 'archive', 'old.pdf'), 'x');
    writeFileSync(join(w.dir.path, 'bad.jpg'), 'not a jpeg');
    writeFileSync(join(w.dir.path, 'good.png'), 'png');
    await w.later(0);
    await w.later(3000);
    assert.deepEqual(w.names(), ['bad.jpg', 'good.png']);
    assert.deepEqual(readdirSync(w.dir.path).sort(), [TAKEN_FOLDER, 'Thumbs.db', 'archive', 'bad.jpg', 'upload.pdf.part'].sort());
    await w.later(3000);
    await w.later(3000);
    assert.deepEqual(w.names(), ['bad.jpg', 'good.png']);
  } finally {
    w.dir.remove();
  }
});

test('where the administrator chose so, a rejected file goes to its own folder', async () => {
  const w = watched(() => 'rejected', { moveRejected: () => true });
  try {
    writeFileSync(join(w.dir.path, 'bad.jpg'), 'not a jpeg');
    await w.later(0);
    await w.later(3000);
    assert.deepEqual(readdirSync(w.dir.path), [REJECTED_FOLDER]);
    assert.equal(readdirSync(join(w.dir.path, REJECTED_FOLDER)).length, 1);
  } finally {
    w.dir.remove();
  }
});

test('files there before the folder was chosen are left alone until they change', async () => {
  const dir = tempDir('ajo-hot-before-');
  try {
    writeFileSync(join(dir.path, 'old-scan.pdf'), 'old');
    const existing = new Map([['old-scan.pdf', fingerprintOf(statSync(join(dir.path, 'old-scan.pdf')))]]);
    let clock = 0;
    const handed: string[] = [];
    const watcher = new HotFolderWatcher({ path: realpathSync(dir.path), existing, stableMs: 1000, now: () => clock, onFile: async (f) => (handed.push(f.name), 'taken') });
    await watcher.poll();
    clock += 5000;
    await watcher.poll();
    assert.deepEqual(handed, []);
    assert.deepEqual(readdirSync(dir.path), ['old-scan.pdf']);
    // The copier writes a new scan under the old name: that one arrived after, and is taken.
    writeFileSync(join(dir.path, 'old-scan.pdf'), 'a new scan, longer');
    await watcher.poll();
    clock += 5000;
    await watcher.poll();
    assert.deepEqual(handed, ['old-scan.pdf']);
  } finally {
    dir.remove();
  }
});

test('links are never followed: a link to a file outside, a hard link, or the folder replaced by a link', async () => {
  const outside = tempDir('ajo-outside-');
  const w = watched();
  try {
    writeFileSync(join(outside.path, 'secret.pdf'), 'someone else\'s file');
    symlinkSync(join(outside.path, 'secret.pdf'), join(w.dir.path, 'link.pdf'));
    symlinkSync(outside.path, join(w.dir.path, 'linked-folder'));
    linkSync(join(outside.path, 'secret.pdf'), join(w.dir.path, 'hard.pdf'));
    await w.later(0);
    await w.later(3000);
    assert.deepEqual(w.names(), []);
    assert.deepEqual(readdirSync(w.dir.path).sort(), ['hard.pdf', 'link.pdf', 'linked-folder']);
    assert.deepEqual(readdirSync(outside.path), ['secret.pdf']);

    // The chosen folder itself is swapped for a link to elsewhere: nothing there is touched.
    writeFileSync(join(outside.path, 'other.pdf'), 'pdf');
    const real = `${w.dir.path}-moved`;
    renameSync(w.dir.path, real);
    symlinkSync(outside.path, w.dir.path);
    await w.later(0);
    await w.later(3000);
    assert.equal(w.watcher.state, 'not-a-folder');
    assert.deepEqual(w.names(), []);
    assert.deepEqual(readdirSync(outside.path).sort(), ['other.pdf', 'secret.pdf']);
    rmSync(w.dir.path);
    renameSync(real, w.dir.path);
  } finally {
    w.dir.remove();
    outside.remove();
  }
});

test('a deleted folder is reported missing and watched again when it comes back', async () => {
  const w = watched();
  try {
    await w.later(0);
    assert.equal(w.watcher.state, 'watching');
    rmSync(w.dir.path, { recursive: true });
    await w.later(3000);
    assert.equal(w.watcher.state, 'missing');
    writeFileSync(w.dir.path, 'a file where the folder was');
    await w.later(3000);
    assert.equal(w.watcher.state, 'not-a-folder');
    rmSync(w.dir.path);
    mkdirSync(w.dir.path);
    writeFileSync(join(w.dir.path, 'scan.pdf'), 'pdf');
    await w.later(0);
    await w.later(3000);
    assert.equal(w.watcher.state, 'watching');
    assert.deepEqual(w.names(), ['scan.pdf']);
  } finally {
    w.dir.remove();
  }
});

test('when the owner fails to decide, the file stays and is tried again once settled', async () => {
  let fail = true;
  const w = watched(() => {
    if (fail) throw new Error('database is locked');
    return 'taken';
  });
  try {
    writeFileSync(join(w.dir.path, 'scan.pdf'), 'pdf');
    await w.later(0);
    await w.later(3000);
    assert.equal(w.handed.length, 1);
    assert.deepEqual(readdirSync(w.dir.path), ['scan.pdf']);
    fail = false;
    await w.later(0);
    await w.later(3000);
    assert.equal(w.handed.length, 2);
    assert.deepEqual(readdirSync(w.dir.path), [TAKEN_FOLDER]);
  } finally {
    w.dir.remove();
  }
});
