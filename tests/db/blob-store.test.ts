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
