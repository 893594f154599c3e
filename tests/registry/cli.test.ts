import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runRegistryCli, withAdminSocket } from '../../registry/cli';
import { startRegistry } from '../../registry/server/serve';
import { issueCrl } from '../../registry/pki/crl-issuer';
import { createTestPki } from '../support/pki';
import { tempDir } from '../support/temp';
import { serveRegistryProcess, stopProcess } from '../support/registry';

const dir = tempDir('ajo-registry-cli-');
after(() => dir.remove());

async function ajo(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegistryCli([...args, '--data-dir', join(dir.path, 'data')], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const file = (name: string, content: string | Buffer) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};

test('an operator publishes reference data for every office with ajo registry; a bad file is refused with what is wrong, and nothing is published', async () => {
  const pki = createTestPki();
  const bundle = file('nca.pem', pki.root.certificatePem + pki.intermediate.certificatePem);
  const trusted = await ajo('trust', 'add', bundle);
  assert.equal(trusted.code, 0, trusted.err);
  assert.deepEqual(trusted.out.split('\n').map((l) => (JSON.parse(l) as { kind: string; published: boolean }).published), [true, true]);

  const crl = issueCrl(pki.intermediate, { revoked: [], thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + 86_400_000), crlNumber: 3 });
  const pem = `-----BEGIN X509 CRL-----\n${crl.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END X509 CRL-----\n`;
  assert.equal((await ajo('crl', 'add', file('nca.crl', pem))).code, 0);
  const older = await ajo('crl', 'add', file('old.crl', issueCrl(pki.intermediate, { revoked: [], thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + 86_400_000), crlNumber: 2 })));
  assert.equal(older.code, 1);
  assert.match(older.err, /crl-not-newer/);

  const wrongYear = await ajo('calendar', 'publish', file('kz-2031.json', JSON.stringify({ year: 2031, daysOff: ['2030-12-31'], workingWeekends: [] })));
  assert.equal(wrongYear.code, 2);
  assert.match(wrongYear.err, /is not a calendar year:[\s\S]*every date must fall in the year/);
  assert.equal((await ajo('calendar', 'publish', file('kz-2031b.json', '{"year": 2031,'))).code, 2);
  const year = await ajo('calendar', 'publish', file('kz-2031c.json', JSON.stringify({ year: 2031, daysOff: ['2031-01-01'], workingWeekends: [] })));
  assert.equal(year.code, 0, year.err);

  const listed = await ajo('reference', '--json');
  const published = JSON.parse(listed.out) as { kind: string; key: string; version: string | null }[];
  assert.deepEqual(published.map((p) => [p.kind, p.kind === 'calendar' ? p.key : p.version]).sort(), [['calendar', '2031'], ['certificate', null], ['certificate', null], ['crl', '3']].sort());

  assert.equal((await ajo('catalogue', 'add', 'x.json')).code, 2, 'each kind has its own verb');
});

test('while the embedded registry runs, an operator\'s command is handed to it over its admin socket (its folder is its own); stopped, the command opens the folder itself', async () => {
  const data = join(dir.path, 'running');
  const { child } = await serveRegistryProcess({ dataDir: data });
  try {
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runRegistryCli([...args, '--data-dir', data], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const issued = await run('enroll-office', '--authority-bin', '123456789012', '--office-code', 'ALM');
    assert.equal(issued.code, 0, issued.err);
    assert.match((JSON.parse(issued.out) as { code: string }).code, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    const refused = await run('licence', 'revoke', 'KZ26ALM00000001');
    assert.equal(refused.code, 1, 'a refusal comes back as the running registry gave it');
    assert.match(refused.err, /licence-not-found/);
    assert.equal(statSync(join(data, 'admin.sock')).mode & 0o777, 0o600, 'only this OS user may use it');
  } finally {
    await stopProcess(child);
  }
  const report = await runRegistryCli(['report', '--json', '--data-dir', data], { out: () => {}, err: (l) => assert.fail(l), env: {} });
  assert.equal(report, 0);
});

test('a registry whose folder path is too long for a socket still serves, and says why its commands must wait', async () => {
  const data = join(dir.path, 'a-folder-name-long-enough'.repeat(5));
  const warnings: string[] = [];
  const registry = await withAdminSocket(await startRegistry({ dataDir: data }, { port: 0, publicPort: 0 }), { dataDir: data }, {}, (line) => warnings.push(line));
  try {
    assert.equal((await fetch(`${registry.publicUrl}/v1/public/licences/KZ26ALM00000001`, { headers: { connection: 'close' } })).status, 404, 'it answers');
    assert.match(warnings.join('\n'), /no admin socket/);
  } finally {
    await registry.close();
  }
});
