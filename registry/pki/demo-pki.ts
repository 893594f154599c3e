import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DemoKeyRequest, DemoPkiFiles } from '../../pki/demo-pki';
import { issuePersonCertificate, toPkcs12 } from './certificates';
import { ncaPaths, type NcaSimulator } from './nca';

const DAY = 86_400_000;

/** Issues the demo keys and writes them, the CA certificates and the current CRLs into `dir`. */
export function writeDemoPki(nca: NcaSimulator, dir: string, keys: DemoKeyRequest[], keyPassword: string, now: Date): DemoPkiFiles {
  const keyFiles = keys.map((request) => {
    const issued = issuePersonCertificate(nca.intermediate, request.person, request.purpose, request.roleOids, new Date(now.getTime() - DAY), new Date(now.getTime() + 365 * DAY));
    const digest = createHash('sha256').update(issued.certificateDer).digest('hex').slice(0, 40);
    const file = join(dir, `${request.prefix}${digest}.p12`);
    writeFileSync(file, toPkcs12(issued, [nca.intermediate], keyPassword), { mode: 0o600 });
    return file;
  });
  const files: DemoPkiFiles = {
    dir,
    rootPem: join(dir, 'demo-root-ca.pem'),
    intermediatePem: join(dir, 'demo-intermediate-ca.pem'),
    keyFiles,
    crlFiles: [join(dir, 'demo_root.crl'), join(dir, 'demo_rsa.crl')],
    tsaUrl: nca.baseUrl + ncaPaths.tsp,
  };
  writeFileSync(files.rootPem, nca.root.certificatePem);
  writeFileSync(files.intermediatePem, nca.intermediate.certificatePem);
  writeFileSync(files.crlFiles[0]!, nca.handle('GET', ncaPaths.rootCrl, Buffer.alloc(0))!.body);
  writeFileSync(files.crlFiles[1]!, nca.handle('GET', ncaPaths.fullCrl, Buffer.alloc(0))!.body);
  return files;
}
