import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderContents, folderProblem, isUnderAllowedRoot, type Machine } from '../../../scanner/hot-folder/folder-rules';
import { REJECTED_FOLDER, TAKEN_FOLDER } from '../../../scanner/hot-folder/hot-folder-watcher';
import { samplePdf, TINY_PNG } from '../../support/documents';
import { tempDir } from '../../support/temp';

const linuxUser: Machine = { platform: 'linux', home: '/home/anna', env: {} };
const linuxRoot: Machine = { platform: 'linux', home: '/root', env: {} };
const windows: Machine = {
  platform: 'win32',
  home: 'C:\\Users\\Anna',
  env: { SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', ProgramData: 'C:\\ProgramData', PUBLIC: 'C:\\Users\\Public', SystemDrive: 'C:' },
};

test('system locations and folders that hold everyone’s things are never scan folders (Linux)', () => {
  for (const machine of [linuxUser, linuxRoot]) {
    for (const path of ['/', '/etc', '/etc/cups', '/usr/share', '/var/lib/ajo', '/root', '/root/scans', '/proc/1', '/tmp', '/home', '/mnt', '/srv']) {
      assert.equal(folderProblem(path, machine), 'hot-folder-system-folder', path);
    }
    for (const path of ['/srv/scans', '/mnt/copier', '/tmp/ajo-copier', '/home/anna/Scans', '/data/scans', '/scans']) assert.equal(folderProblem(path, machine), null, path);
  }
  assert.equal(folderProblem('/home/anna', linuxUser), 'hot-folder-home-folder');
  assert.equal(folderProblem('/home/boris', linuxUser), 'hot-folder-home-folder');
  assert.equal(folderProblem('/home/boris', linuxRoot), 'hot-folder-home-folder');
});

test('system locations, drive roots and home folders are never scan folders (Windows, case ignored)', () => {
  for (const path of ['C:\\', 'D:\\', 'C:\\Windows', 'c:\\windows\\system32', 'C:\\Program Files\\Foo', 'C:\\ProgramData\\x', 'C:\\Users\\Public']) {
    assert.equal(folderProblem(path, windows), 'hot-folder-system-folder', path);
  }
  for (const path of ['C:\\Users\\Anna', 'c:\\users\\anna', 'C:\\Users\\Boris', 'C:\\Users']) assert.equal(folderProblem(path, windows), 'hot-folder-home-folder', path);
  for (const path of ['C:\\Users\\Anna\\Scans', 'D:\\Copier', '\\\\server\\share\\scans']) assert.equal(folderProblem(path, windows), null, path);
});

test('a folder is allowed inside one of the administrator’s roots, or as the root itself', () => {
  assert.equal(isUnderAllowedRoot('/srv/scans/anna', ['/srv/scans'], linuxUser), true);
  assert.equal(isUnderAllowedRoot('/srv/scans', ['/srv/scans'], linuxUser), true);
  assert.equal(isUnderAllowedRoot('/srv/scans-other', ['/srv/scans'], linuxUser), false);
  assert.equal(isUnderAllowedRoot('/srv', ['/srv/scans'], linuxUser), false);
  assert.equal(isUnderAllowedRoot('/srv/scans/../etc', ['/srv/scans'], linuxUser), false);
  assert.equal(isUnderAllowedRoot('d:\\copier\\anna', ['D:\\Copier'], windows), true);
  assert.equal(isUnderAllowedRoot('/anything', [], linuxUser), false);
});

test('a folder holding only scans (and system junk) is accepted, with its files noted; anything else is named', async () => {
  const dir = tempDir('ajo-rules-');
  try {
    const path = realpathSync(dir.path);
    writeFileSync(join(path, 'scan1.pdf'), await samplePdf('x'));
    writeFileSync(join(path, 'scan2.png'), TINY_PNG);
    writeFileSync(join(path, 'Thumbs.db'), 'junk');
    mkdirSync(join(path, TAKEN_FOLDER));
    mkdirSync(join(path, REJECTED_FOLDER));
    const ok = await folderContents(path);
    assert.equal(ok.foreign, null);
    assert.deepEqual([...ok.existing.keys()].sort(), ['scan1.pdf', 'scan2.png']);

    writeFileSync(join(path, 'report.docx'), 'PK\x03\x04 an office document');
    assert.equal((await folderContents(path)).foreign, 'report.docx');
  } finally {
    dir.remove();
  }
  for (const make of [(p: string) => mkdirSync(join(p, 'photos')), (p: string) => symlinkSync('/etc/hostname', join(p, 'scan.pdf'))]) {
    const other = tempDir('ajo-rules-');
    try {
      make(other.path);
      assert.notEqual((await folderContents(other.path)).foreign, null);
    } finally {
      other.remove();
    }
  }
});
