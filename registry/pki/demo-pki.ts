import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DemoKeyRequest, DemoPkiFiles } from '../../pki/demo-pki';
import { issuePersonCertificate } from './certificates';
import { toPkcs12 } from './key-file';
import { ncaPaths, type NcaSimulator } from './nca';

const DAY = 86_400_000;

/** Issues the demo keys and writes them, the CA certificates and the current CRLs into `dir`. */
export function writeDemoPki(nca: NcaSimulator, dir: string, keys: DemoKeyRequest[], keyPassword: string, now: Date): DemoPkiFiles {
  const keyFiles = keys.map((request) => {
    const ca = nca.ca(request.kind ?? 'gost2015');
    const issued = issuePersonCertificate(ca.intermediate, request.person, request.purpose, request.roleOids, new Date(now.getTime() - DAY), new Date(now.getTime() + 365 * DAY));
    const digest = createHash('sha256').update(issued.certificateDer).digest('hex').slice(0, 40);
    const file = join(dir, `${request.prefix}${digest}.p12`);
    writeFileSync(file, toPkcs12(issued, [ca.intermediate], keyPassword), { mode: 0o600 });
    return file;
  });
  const files: DemoPkiFiles = {
    dir,
    rootPem: join(dir, 'demo-root-ca.pem'),
    intermediatePem: join(dir, 'demo-intermediate-ca.pem'),
    rsaRootPem: join(dir, 'demo-root-ca-rsa.pem'),
    rsaIntermediatePem: join(dir, 'demo-intermediate-ca-rsa.pem'),
    keyFiles,
    crlFiles: [join(dir, 'root_gost.crl'), join(dir, 'nca_gost.crl'), join(dir, 'root_rsa.crl'), join(dir, 'nca_rsa.crl')],
    tsaUrl: nca.baseUrl + ncaPaths.tsp,
  };
  writeFileSync(files.rootPem, nca.gost.root.certificatePem + nca.rsa.root.certificatePem);
  writeFileSync(files.intermediatePem, nca.gost.intermediate.certificatePem + nca.rsa.intermediate.certificatePem);
  writeFileSync(files.rsaRootPem, nca.rsa.root.certificatePem);
  writeFileSync(files.rsaIntermediatePem, nca.rsa.intermediate.certificatePem);
  const crlPaths = [ncaPaths.gostRootCrl, ncaPaths.gostFullCrl, ncaPaths.rsaRootCrl, ncaPaths.rsaFullCrl];
  crlPaths.forEach((path, i) => writeFileSync(files.crlFiles[i]!, nca.handle('GET', path, Buffer.alloc(0))!.body));
  return files;
}
