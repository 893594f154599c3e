import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BlobCorruptError, BlobStore, sha256Hex } from '../../db/blob-store';
import { tempDir } from '../support/temp';

test('files are stored once under their SHA-256 and verified on read', () => {
  const dir = tempDir();
  try {
    const store = new BlobStore(dir.path);
    const bytes = Buffer.from('scan of page 1');
    const sha = store.put(bytes);
    assert.equal(sha, sha256Hex(bytes));
    assert.equal(store.put(bytes), sha);
    assert.deepEqual(store.get(sha), bytes);
    assert.deepEqual(readdirSync(join(dir.path, sha.slice(0, 2))), [sha]);

    writeFileSync(join(dir.path, sha.slice(0, 2), sha), 'changed on disk');
    assert.throws(() => store.get(sha), BlobCorruptError);
    assert.throws(() => store.get('../../etc/passwd'), /not a sha256/);
  } finally {
    dir.remove();
  }
});

test('a file is read in ranges only once it has matched its hash', () => {
  const dir = tempDir();
  try {
    const bytes = Buffer.from('0123456789abcdef');
    const sha = new BlobStore(dir.path).put(bytes);
    const store = new BlobStore(dir.path);
    assert.deepEqual(store.readRange(sha, 4, 6), { size: 16, bytes: Buffer.from('456789') });
    assert.deepEqual(store.readRange(sha, 12, 10), { size: 16, bytes: Buffer.from('cdef') }, 'fewer at the end');
    assert.deepEqual(store.readRange(sha, 20, 10), { size: 16, bytes: Buffer.alloc(0) });

    writeFileSync(join(dir.path, sha.slice(0, 2), sha), 'changed on disk!');
    assert.throws(() => new BlobStore(dir.path).readRange(sha, 0, 4, 'устав.pdf'), (e: unknown) => e instanceof BlobCorruptError && e.fileName === 'устав.pdf');
  } finally {
    dir.remove();
  }
});
