// The baseline for bench:sync, as its own process like the registry: HTTPS with keep-alive, each body
// written to a file in the folder given, nothing else. Prints its port and CA, then serves until killed.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRegistryCa, issueServerCertificate } from '../pki/tls/registry-ca';

const dir = process.argv[2]!;
const ca = createRegistryCa(new Date());
const tls = issueServerCertificate(ca, ['127.0.0.1'], new Date());
let n = 0;
const server = createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    writeFileSync(join(dir, String(n++)), Buffer.concat(chunks));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, caPem: ca.certificatePem })}\n`));
