import { bitStringBytes, children, isContext, parseDerExact, type Node } from './der';

/** The parts of a certificate that CMS, OCSP and CRLs copy byte for byte, read from its DER. */
export interface CertificateParts {
  serial: Node;
  issuer: Node;
  subject: Node;
  /** The subjectPublicKey BIT STRING's bits: OCSP's issuerKeyHash and ResponderID byKey hash them. */
  publicKeyBits: Buffer;
}

export function certificateParts(der: Buffer): CertificateParts {
  const tbs = children(children(parseDerExact(der))[0]);
  const offset = isContext(tbs[0], 0) ? 1 : 0;
  return {
    serial: tbs[offset]!,
    issuer: tbs[offset + 2]!,
    subject: tbs[offset + 4]!,
    publicKeyBits: bitStringBytes(children(tbs[offset + 5])[1]),
  };
}
