import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { OID } from '../asn1/oids';
import { ncaVerify } from '../gost/nca';
import { digestByOid } from './digests';
import { readPublicKey, type KeyAlgorithm, type PublicKey } from './public-key';

/**
 * One place that knows which signature algorithms the office verifies: RSA with the SHA-2 family (and SHA-1 in
 * old CRLs), and NCA's GOST ones. Certificates, CRLs, OCSP answers, CMS signatures and time-stamps all go
 * through `verifySignature`, on the desk and at the registry alike.
 */
export class SignatureAlgorithmError extends Error {
  constructor(readonly problem: 'signature-algorithm-unsupported') {
    super(`signature: ${problem}`);
    this.name = 'SignatureAlgorithmError';
  }
}

interface Scheme {
  key: KeyAlgorithm;
  digestOid: string;
  /** node:crypto's name of the hash, for RSA. */
  nodeHash?: string;
}

const BY_SIGNATURE: Record<string, Scheme> = {
  [OID.sha1WithRsa]: { key: 'rsa', digestOid: OID.sha1, nodeHash: 'sha1' },
  [OID.sha256WithRsa]: { key: 'rsa', digestOid: OID.sha256, nodeHash: 'sha256' },
  [OID.sha384WithRsa]: { key: 'rsa', digestOid: OID.sha384, nodeHash: 'sha384' },
  [OID.sha512WithRsa]: { key: 'rsa', digestOid: OID.sha512, nodeHash: 'sha512' },
  [OID.gost2015Signature512]: { key: 'gost2015-512', digestOid: OID.streebog512 },
  [OID.gost2015Signature256]: { key: 'gost2015-256', digestOid: OID.streebog256 },
  [OID.gost2004Signature]: { key: 'gost2004', digestOid: OID.gost34311 },
};
const RSA_HASHES: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
const GOST_BY_KEY: Record<string, Scheme> = {
  [OID.gost2015Key512]: BY_SIGNATURE[OID.gost2015Signature512]!,
  [OID.gost2015Key256]: BY_SIGNATURE[OID.gost2015Signature256]!,
  [OID.gost2004Key]: BY_SIGNATURE[OID.gost2004Signature]!,
};

/**
 * The scheme a signature algorithm names — with the digest algorithm beside it where CMS names it apart
 * (`rsaEncryption` and a SHA-2 digest; a GOST key or signature OID and its own hash). A pair that does not belong
 * together (a GOST 2015 signature over SHA-256) is no scheme at all.
 */
function schemeFor(signatureOid: string, digestOid?: string): Scheme | null {
  const named = BY_SIGNATURE[signatureOid] ?? GOST_BY_KEY[signatureOid];
  if (named) return digestOid === undefined || digestOid === named.digestOid ? named : null;
  if (signatureOid === OID.rsaEncryption && digestOid && RSA_HASHES[digestOid]) return { key: 'rsa', digestOid, nodeHash: RSA_HASHES[digestOid] };
  return null;
}

/** The digest algorithm a signature algorithm implies (what a time-stamp request for it should use). */
export function digestOidOfSignature(signatureOid: string): string | null {
  return schemeFor(signatureOid)?.digestOid ?? null;
}

export interface SignedBytes {
  /** The signature algorithm's OID (a certificate's, a CRL's, an OCSP answer's or a SignerInfo's). */
  algorithm: string;
  /** The digest algorithm, where it is named apart (CMS SignerInfo). */
  digestAlgorithm?: string;
  /** The signer's key: its SubjectPublicKeyInfo, or the key already read. */
  publicKey: Buffer | PublicKey;
  data: Buffer;
  /** The signature value: RSA's octets, or GOST's r‖s little-endian. */
  signature: Buffer;
}

/**
 * True when the signature is valid. Throws SignatureAlgorithmError for an algorithm not verified here and
 * KeyAlgorithmError for a key that cannot be used (an unknown curve, a point off it): a refusal with its reason,
 * never a silent "invalid".
 */
export function verifySignature(input: SignedBytes): boolean {
  const scheme = schemeFor(input.algorithm, input.digestAlgorithm);
  if (!scheme) throw new SignatureAlgorithmError('signature-algorithm-unsupported');
  const key = Buffer.isBuffer(input.publicKey) ? readPublicKey(input.publicKey) : input.publicKey;
  if (key.algorithm !== scheme.key) return false;
  if (scheme.nodeHash) return nodeVerify(scheme.nodeHash, input.data, createPublicKey({ key: key.spki, format: 'der', type: 'spki' }), input.signature);
  return ncaVerify(key.curve!, key.point!, digestByOid(scheme.digestOid)!(input.data), input.signature);
}
