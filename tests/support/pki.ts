import { createIntermediateCa, createRootCa, issuePersonCertificate, type Issued, type KazakhPerson, type KeyKind } from '../../registry/pki/certificates';
import { toPkcs12 } from '../../registry/pki/key-file';
import { OID } from '../../pki/asn1/oids';
import { DEMO_AUTHORITY, DEMO_HEAD } from '../../main/demo/seed';
import { readCertificate } from '../../pki/certificates/certificate';

const DAY = 86_400_000;

export interface TestSigner {
  issued: Issued;
  p12: Buffer;
  serialHex: string;
}

export interface TestPki {
  root: Issued;
  intermediate: Issued;
  signer(person?: Partial<KazakhPerson>, options?: { purpose?: 'signing' | 'authentication' | 'both'; roles?: string[]; from?: Date; to?: Date }): TestSigner;
}

export const TEST_KEY_PASSWORD = 'test-key-password';

/** A PKI made by the project's own code, with Cyrillic UTF8String names, for signing tests: RSA unless GOST is asked for. */
export function createTestPki(now = new Date(), kind: KeyKind = 'rsa'): TestPki {
  const root = createRootCa('ҰКО Тест Түбірлік', new Date(now.getTime() - 30 * DAY), new Date(now.getTime() + 3650 * DAY), undefined, kind);
  const intermediate = createIntermediateCa(root, `ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Тест (${kind === 'rsa' ? 'RSA' : 'GOST'})`, new Date(now.getTime() - 30 * DAY), new Date(now.getTime() + 1000 * DAY));
  return {
    root,
    intermediate,
    signer(person = {}, options = {}) {
      const issued = issuePersonCertificate(
        intermediate,
        { ...DEMO_HEAD, bin: DEMO_AUTHORITY.bin, ...person },
        options.purpose ?? 'signing',
        options.roles ?? [OID.ekuLegalEntity, OID.ekuFirstHead],
        options.from ?? new Date(now.getTime() - DAY),
        options.to ?? new Date(now.getTime() + 365 * DAY),
      );
      return { issued, p12: toPkcs12(issued, [intermediate], TEST_KEY_PASSWORD), serialHex: readCertificate(issued.certificateDer).serialHex };
    },
  };
}
