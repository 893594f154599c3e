import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../main/cli/index';
import { runRegistryCli } from '../../registry/cli';
import { openRegistryDb } from '../../registry/db/open';
import { publishCrl } from '../../registry/reference/publish';
import { openKeyFile } from '../../pki/certificates/key-file';
import { signDetached } from '../../pki/cms/sign';
import { tempDir } from '../support/temp';
import { ncaVector, ncaVectorsMissing } from '../support/nca-vectors';

/**
 * The administrator's commands with NCA's own GOST files (../shared/vectors/nca-gost): what a key file holds,
 * NCA's GOST 2015 and GOST 2004 CA certificates and CRLs into the desk's and the registry's trust, a CMS file.
 */
const vector = ncaVector;
const dir = tempDir('ajo-cli-nca-');
after(() => dir.remove());

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
async function registry(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegistryCli([...args, '--data-dir', join(dir.path, 'registry')], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test("ajo key show prints what NCA's GOST key file holds; a wrong password is refused", { skip: ncaVectorsMissing }, async () => {
  const shown = await cli(['key', 'show', vector('GOST512_test-gost1.p12')], { AJO_KEY_PASSWORD: 'Qwerty12' });
  assert.equal(shown.code, 0, shown.err);
  const [key] = (JSON.parse(shown.out) as { keys: Record<string, unknown>[] }).keys;
  assert.deepEqual(
    { algorithm: key!.algorithm, commonName: key!.commonName, patronymic: key!.patronymic, iin: key!.iin, purpose: key!.purpose, roles: key!.roles, keyUsage: key!.keyUsage, notAfter: key!.notAfter },
    {
      algorithm: 'gost2015-512',
      commonName: 'ТЕСТОВ ТЕСТ',
      patronymic: 'ТЕСТОВИЧ',
      iin: '123456789011',
      purpose: 'both',
      roles: ['individual'],
      keyUsage: ['digitalSignature', 'nonRepudiation', 'keyAgreement'],
      notAfter: '2024-11-08T10:18:40.000Z',
    },
  );
  assert.match(key!.issuer as string, /ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ \(GOST\) TEST 2022/);
  const wrong = await cli(['key', 'show', vector('GOST512_test-gost1.p12')], { AJO_KEY_PASSWORD: 'qwerty12' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /key-unreadable \(key-wrong-password\)/);
});

test("ajo trust add and crl add take NCA's GOST 2015 and GOST 2004 CAs; their CRLs' GOST signatures are proved (past their nextUpdate, refused as expired)", { skip: ncaVectorsMissing }, async () => {
  const env = { AJO_DATA_DIR: join(dir.path, 'desk') };
  const init = await cli(
    ['init', '--admin-username', 'admin', '--admin-password', 'long-password', '--admin-name', 'Әкімші', '--authority-name-kk', 'Басқарма', '--authority-name-ru', 'Управление',
      '--bin', '990140001114', '--place-kk', 'Қарағанды қ.', '--place-ru', 'г. Караганда', '--office-code', 'KRG'],
    env,
  );
  assert.equal(init.code, 0, init.err);
  const trusted = await cli(['trust', 'add', vector('nca_gost2015_test.cer'), vector('nca_gost_test.crt')], env);
  assert.equal(trusted.code, 0, trusted.err);
  assert.deepEqual(JSON.parse(trusted.out), { added: 2 });
  for (const crl of ['nca_gost2022_test.crl', 'nca_gost_test.crl']) {
    const added = await cli(['crl', 'add', vector(crl)], env);
    assert.equal(added.code, 1);
    assert.match(added.err, /invalid-input \(crl-expired\)/, `${crl}: its issuer is trusted and its signature proved; only its date stops it`);
  }

  // A CMS file signed with NCA's key at a time inside its validity, with its data beside it.
  const key = openKeyFile(readFileSync(vector('GOST512_test-gost1.p12')), 'Qwerty12');
  const data = Buffer.from('Хат / Письмо');
  const cms = signDetached(data, { privateKey: key.privateKey, certificateDer: key.certificate.der }, { signingTime: new Date('2024-05-01T09:00:00Z') });
  const [cmsFile, dataFile] = [join(dir.path, 'letter.p7s'), join(dir.path, 'letter.txt')];
  writeFileSync(cmsFile, `-----BEGIN CMS-----\n${cms.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`);
  writeFileSync(dataFile, data);
  const verified = await cli(['verify', cmsFile, '--data', dataFile], env);
  assert.equal(verified.code, 0, verified.out);
  const report = JSON.parse(verified.out) as { format: string; valid: boolean; content: { attached: boolean }; signatures: { chainTrusted: boolean; signer: { iin: string } }[] };
  assert.deepEqual([report.format, report.valid, report.content.attached, report.signatures[0]!.chainTrusted, report.signatures[0]!.signer.iin], ['cms', true, false, true, '123456789011']);
  const withoutData = await cli(['verify', cmsFile], env);
  assert.equal(withoutData.code, 1, 'detached, without its data: not valid');
  writeFileSync(cmsFile, Buffer.concat([cms, Buffer.from('PS')]));
  const trailing = await cli(['verify', cmsFile, '--data', dataFile], env);
  assert.equal(trailing.code, 2);
  assert.equal((JSON.parse(trailing.out) as { error: string }).error, 'cms-trailing-bytes');
});

test("ajo registry trust add and crl add take NCA's GOST CAs and CRLs", { skip: ncaVectorsMissing }, async () => {
  const trusted = await registry('trust', 'add', vector('nca_gost2015_test.cer'), vector('nca_gost_test.crt'));
  assert.equal(trusted.code, 0, trusted.err);
  assert.deepEqual(trusted.out.split('\n').map((l) => (JSON.parse(l) as { published: boolean }).published), [true, true]);
  const expired = await registry('crl', 'add', vector('nca_gost2022_test.crl'));
  assert.equal(expired.code, 1);
  assert.match(expired.err, /crl-expired/);
  // At a time inside its validity, the same CRL is published for every office: its GOST 2015 signature is NCA's CA's.
  const db = await openRegistryDb({ dataDir: join(dir.path, 'registry') });
  try {
    const published = await publishCrl(db, readFileSync(vector('nca_gost2022_test.crl')), new Date('2022-10-01T00:00:00Z'));
    assert.equal(published.published, true);
    const older = await publishCrl(db, readFileSync(vector('nca_gost_test.crl')), new Date('2022-06-01T00:00:00Z'));
    assert.equal(older.published, true, 'the GOST 2004 CA\'s CRL too');
  } finally {
    await db.close();
  }
});
