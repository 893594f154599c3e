import { sign as nodeSign, type KeyObject } from 'node:crypto';
import { OID } from '../asn1/oids';
import type { GostCurve } from '../gost/curves';
import { ncaSign } from '../gost/nca';
import { digestByOid, type Digest } from './digests';

/**
 * A key opened for signing: what a CMS says of it (its digest and signature algorithm) and the signing itself.
 * The key lives only as long as the operation that opened it; a GOST scalar stays inside this closure, never
 * on an object that could be logged or serialised.
 */
export interface PrivateKey {
  algorithm: 'rsa' | 'gost2015-512' | 'gost2015-256';
  digestOid: string;
  /** As a CMS SignerInfo names it (rsaEncryption for RSA, as before; NCA's signature OID for GOST). */
  signatureOid: string;
  digest: Digest;
  /** Signs `data` (hashing it first): RSA's octets, or GOST's r‖s little-endian. */
  sign(data: Buffer): Buffer;
}

export function rsaPrivateKey(key: KeyObject): PrivateKey {
  return {
    algorithm: 'rsa',
    digestOid: OID.sha256,
    signatureOid: OID.rsaEncryption,
    digest: digestByOid(OID.sha256)!,
    sign: (data) => nodeSign('sha256', data, key),
  };
}

export function gostPrivateKey(curve: GostCurve, scalar: Buffer): PrivateKey {
  const is512 = curve.size === 64;
  const digestOid = is512 ? OID.streebog512 : OID.streebog256;
  const digest = digestByOid(digestOid)!;
  const secret = Buffer.from(scalar);
  return {
    algorithm: is512 ? 'gost2015-512' : 'gost2015-256',
    digestOid,
    signatureOid: is512 ? OID.gost2015Signature512 : OID.gost2015Signature256,
    digest,
    sign: (data) => ncaSign(curve, secret, digest(data)),
  };
}
