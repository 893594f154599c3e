import forge from 'node-forge';
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { certificateParts } from '../../domain/pki/certificate-parts';
import { readCertificate } from './certificate';
import { trustedPath, type RevocationLookup } from './checks';
import { parseDerExact, toDerBuffer } from '../../domain/pki/der';
import { OID } from '../../domain/pki/oids';

/** Checks of one CMS SignedData (detached) and of its signer: shared by PDF signatures and signed forms. */
const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const children = (n: Node | undefined) => (Array.isArray(n?.value) ? (n!.value as Node[]) : []);
const oidOf = (n: Node | undefined) => (n && typeof n.value === 'string' ? asn1.derToOid(n.value) : '');

export interface CmsCheck {
  /** The signature is mathematically valid and the content digest matches. */
  signatureValid: boolean;
  problems: string[];
  signerDer: Buffer | null;
  certificates: Buffer[];
  /** The signingTime attribute, when the CMS has one (CAdES for data; PAdES keeps it in the PDF). */
  signingTime: Date | null;
}

export function verifyDetachedCms(cmsDer: Buffer, content: Buffer): CmsCheck {
  const result: CmsCheck = { signatureValid: false, problems: [], signerDer: null, certificates: [], signingTime: null };
  let cms: Node;
  try {
    cms = parseDerExact(cmsDer);
  } catch {
    result.problems.push('cms-unreadable');
    return result;
  }
  if (oidOf(children(cms)[0]) !== OID.signedData) {
    result.problems.push('not-signed-data');
    return result;
  }
  const signedData = children(children(children(cms)[1])[0]);
  const certificatesNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  result.certificates = children(certificatesNode).map(toDerBuffer);
  const signerInfo = children(signedData[signedData.length - 1])[0];
  const [, sid, , attrsNode, , signatureNode] = children(signerInfo);
  if (!sid || !attrsNode || !signatureNode || attrsNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC) {
    result.problems.push('no-signed-attributes');
    return result;
  }
  const sidDer = toDerBuffer(sid);
  const signerDer = result.certificates.find((der) => {
    const { issuer, serial } = certificateParts(der);
    return toDerBuffer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [issuer, serial])).equals(sidDer);
  });
  if (!signerDer) {
    result.problems.push('signer-certificate-missing');
    return result;
  }
  result.signerDer = signerDer;
  const attribute = (oid: string) => children(children(children(attrsNode).find((attr) => oidOf(children(attr)[0]) === oid))[1])[0];
  const claimed = Buffer.from((attribute(OID.messageDigest)?.value as string) ?? '', 'binary');
  const time = attribute(OID.signingTime);
  if (time && typeof time.value === 'string') {
    result.signingTime = time.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(time.value) : asn1.generalizedTimeToDate(time.value);
  }
  const digestOk = claimed.equals(createHash('sha256').update(content).digest());
  if (!digestOk) result.problems.push('content-digest-mismatch');
  const attrsDer = toDerBuffer(attrsNode);
  attrsDer[0] = 0x31; // signed over as a SET OF, not as the [0] IMPLICIT it is stored as
  const mathOk = createVerify('sha256')
    .update(attrsDer)
    .verify(new X509Certificate(signerDer).publicKey, Buffer.from(signatureNode.value as string, 'binary'));
  if (!mathOk) result.problems.push('signature-mismatch');
  result.signatureValid = mathOk && digestOk;
  return result;
}

export interface SignerJudgement {
  signer: { name: string; surname: string | null; patronymic: string | null; iin: string | null; bin: string | null; organization: string | null; roles: string[] };
  certificate: { notBefore: string; notAfter: string; validAtSigning: boolean | null; issuer: string; serial: string };
  chainTrusted: boolean | null;
  revocation: { status: 'good' | 'revoked' | 'unknown'; revokedAt: string | null; stale: boolean } | null;
  problems: string[];
}

export interface TrustInput {
  trusted: Buffer[];
  revocation?: RevocationLookup;
}

/** Who signed, whether the certificate was valid then, chains to the trust store, and was not revoked before. */
export function judgeSigner(signerDer: Buffer, others: Buffer[], at: Date | null, store: TrustInput | null): SignerJudgement {
  const cert = readCertificate(signerDer);
  const problems: string[] = [];
  const validAtSigning = at ? cert.notBefore <= at && at <= cert.notAfter : null;
  if (validAtSigning === false) problems.push('certificate-not-valid-at-signing');
  if (!cert.canSign) problems.push('not-a-signing-key');
  let chainTrusted: boolean | null = null;
  let revocation: SignerJudgement['revocation'] = null;
  if (store) {
    const path = trustedPath(signerDer, others, store.trusted, at ?? new Date());
    chainTrusted = path !== null;
    if (!path) problems.push('untrusted-chain');
    if (path && store.revocation) {
      const verdict = store.revocation(path[0]!, path[1]!, new Date());
      revocation = { status: verdict.status, revokedAt: verdict.revokedAt?.toISOString() ?? null, stale: verdict.stale };
      if (verdict.status === 'revoked' && (!at || !verdict.revokedAt || verdict.revokedAt <= at)) problems.push('revoked-before-signing');
    }
  }
  return {
    signer: { name: cert.commonName, surname: cert.surname, patronymic: cert.patronymic, iin: cert.iin, bin: cert.bin, organization: cert.organization, roles: cert.roles },
    certificate: { notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString(), validAtSigning, issuer: cert.issuer, serial: cert.serialHex },
    chainTrusted,
    revocation,
    problems,
  };
}
