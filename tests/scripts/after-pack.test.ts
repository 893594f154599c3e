import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../support/temp';

const require = createRequire(import.meta.url);
const afterPack = require('../../scripts/after-pack.cjs') as (context: unknown) => Promise<void>;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [DISABLE, ENABLE] = [48, 49];

/** Bytes laid out as Electron's binaries carry their fuse wire (version 1, eight fuses, all on as shipped), amid other bytes. */
function fakeElectron(): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, 8, ...Array(8).fill(ENABLE)]), Buffer.alloc(4096, 0x90)]);
}

test('the packaged binary leaves electron-builder with run-as-node, NODE_OPTIONS, --inspect and loose files off, ASAR integrity and cookie encryption on', async () => {
  const dir = tempDir();
  try {
    for (const [platform, file] of [['linux', 'ajo'], ['win32', 'AJO.exe']] as const) {
      writeFileSync(join(dir.path, file), fakeElectron());
      await afterPack({ appOutDir: dir.path, electronPlatformName: platform, arch: 1, packager: { executableName: 'ajo', appInfo: { productFilename: 'AJO' } } });
      const wire = (await getCurrentFuseWire(join(dir.path, file))) as unknown as Record<number, number>;
      assert.equal(wire[FuseV1Options.RunAsNode], DISABLE, platform);
      assert.equal(wire[FuseV1Options.EnableCookieEncryption], ENABLE);
      assert.equal(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable], DISABLE);
      assert.equal(wire[FuseV1Options.EnableNodeCliInspectArguments], DISABLE);
      assert.equal(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], ENABLE);
      assert.equal(wire[FuseV1Options.OnlyLoadAppFromAsar], ENABLE);
      assert.equal(wire[FuseV1Options.GrantFileProtocolExtraPrivileges], DISABLE);
    }
  } finally {
    dir.remove();
  }
});

test('electron-builder runs the hook', () => {
  assert.match(readFileSync('electron-builder.yml', 'utf8'), /^afterPack: scripts\/after-pack\.cjs$/m);
});
