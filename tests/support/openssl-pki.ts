import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A test PKI made by the openssl command line, independently of the project's own code: Cyrillic
 * UTF8String names, a root, an intermediate (`openssl ca` with its index, so it can revoke and issue CRLs).
 */
export interface OpensslPki {
  dir: string;
  rootPem: string;
  intermediatePem: string;
  /** Issues an end-entity certificate; returns the paths of its key, certificate and a .p12. */
  issue(name: string, subject: string, profile: 'signing' | 'authentication', dates?: { start: string; end: string }): { key: string; cert: string; p12: string };
  revoke(cert: string): void;
  crl(): string;
}

const run = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function createOpensslPki(dir: string): OpensslPki {
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ ca ]
default_ca = intermediate
[ intermediate ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
certificate = $dir/intermediate.pem
private_key = $dir/intermediate.key
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 365
default_crl_days = 7
policy = any
email_in_dn = no
unique_subject = no
preserve = yes
utf8 = yes
string_mask = utf8only
[ any ]
commonName = supplied
surname = optional
serialNumber = optional
countryName = optional
organizationName = optional
organizationalUnitName = optional
givenName = optional
[ signing ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.1
[ authentication ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.1
[ v3_intermediate ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`,
  );
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-utf8', '-subj', '/CN=ҰКО OpenSSL Түбірлік/C=KZ', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'intermediate.key', '-out', 'intermediate.csr', '-utf8', '-subj', '/CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ OpenSSL (RSA)/C=KZ'], dir);
  run(['x509', '-req', '-in', 'intermediate.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'intermediate.pem', '-days', '1000', '-extfile', 'ca.cnf', '-extensions', 'v3_intermediate'], dir);

  return {
    dir,
    rootPem: join(dir, 'root.pem'),
    intermediatePem: join(dir, 'intermediate.pem'),
    issue(name, subject, profile, dates) {
      run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-utf8', '-subj', subject], dir);
      const validity = dates ? ['-startdate', dates.start, '-enddate', dates.end] : [];
      run(['ca', '-batch', '-config', 'ca.cnf', '-extensions', profile, '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext', ...validity], dir);
      run(['pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', 'intermediate.pem', '-passout', 'pass:openssl-key-password', '-out', `${name}.p12`], dir);
      return { key: join(dir, `${name}.key`), cert: join(dir, `${name}.pem`), p12: join(dir, `${name}.p12`) };
    },
    revoke(cert) {
      run(['ca', '-config', 'ca.cnf', '-revoke', cert], dir);
    },
    crl() {
      run(['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'intermediate.crl'], dir);
      return join(dir, 'intermediate.crl');
    },
  };
}

export function pemToDer(file: string): Buffer {
  return Buffer.from(readFileSync(file, 'latin1').replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
}
