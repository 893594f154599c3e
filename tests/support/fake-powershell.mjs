#!/usr/bin/env node
// Stands in for powershell.exe in the WIA driver tests (WIA exists only on Windows). It reads the
// script the driver sends (-EncodedCommand), recognises which of the three it is, and answers the
// way the script would on a machine with one scanner: pages copied from FAKE_WIA_PAGES, then the
// outcome FAKE_WIA_END names (an HRESULT in decimal, or "done").
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const script = Buffer.from(args[args.indexOf('-EncodedCommand') + 1] ?? '', 'base64').toString('utf16le');
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\r\n`);
const device = /Connect-Scanner '((?:[^']|'')*)'/.exec(script)?.[1]?.replace(/''/g, "'");
const known = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';

if (!script.includes('Connect-Scanner ')) {
  process.stdout.write('\uFEFF');
  emit({ id: known, name: 'Canon DR-C225 (WIA)' });
  emit({ done: true });
} else if (device !== known) {
  emit({ error: 'unknown-device' });
} else if (script.includes('$resolutions')) {
  emit({ handling: 0x7, resolutions: Array.from({ length: 1151 }, (_, i) => 50 + i) });
} else {
  const out = /\$out = '((?:[^']|'')*)'/.exec(script)[1].replace(/''/g, "'");
  const feeder = script.includes('$feeder = $true');
  const pages = readdirSync(process.env.FAKE_WIA_PAGES).sort().slice(0, feeder ? undefined : 1);
  pages.forEach((name, i) => {
    const file = join(out, `page-${String(i + 1).padStart(4, '0')}.png`);
    copyFileSync(join(process.env.FAKE_WIA_PAGES, name), file);
    emit({ page: i + 1, file: file.replace(/\//g, '\\') });
  });
  const end = process.env.FAKE_WIA_END ?? 'done';
  emit(end === 'done' || !feeder ? { done: true } : { error: Number(end), page: pages.length });
}
