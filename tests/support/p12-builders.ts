import forge from 'node-forge';
import { randomBytes } from 'node:crypto';
import type { Issued } from '../../registry/pki/certificates';

/**
 * PKCS#12 files built by hand, unencrypted, for shapes forge and openssl do not write: several keys in
 * one file, a certificate without its key, and a GOST key like NCA's GOSTKNCA_*.p12.
 */
const { asn1 } = forge;
const seq = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const explicit0 = (v: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [v]);
const der = (v: forge.asn1.Asn1) => asn1.toDer(v).getBytes();

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const X509_CERT = '1.2.840.113549.1.9.22.1';
const DATA = '1.2.840.113549.1.7.1';

function pfx(bags: forge.asn1.Asn1[]): Buffer {
  const authSafe = seq([seq([oid(DATA), explicit0(octets(der(seq(bags))))])]);
  return Buffer.from(der(seq([int(3), seq([oid(DATA), explicit0(octets(der(authSafe)))])])), 'binary');
}

/** The given RSA keys and certificates in one file. */
export function p12With(keys: Issued[], certificates: Issued[]): Buffer {
  const keyBags = keys.map((k) => {
    if (k.key.kind !== 'rsa') throw new Error('p12With writes RSA keys');
    return seq([oid(KEY_BAG), explicit0(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(forge.pki.privateKeyFromPem(k.key.privateKeyPem))))]);
  });
  const certBags = certificates.map((c) => seq([oid(CERT_BAG), explicit0(seq([oid(X509_CERT), explicit0(octets(c.certificateDer.toString('binary')))]))]));
  return pfx([...keyBags, ...certBags]);
}

/** A key of the GOST 34.310-2004 algorithm (1.2.398.3.10.1.1.1.1), as NCA's retired GOSTKNCA_*.p12 files hold them. */
export function gostStyleP12(): Buffer {
  const privateKey = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, `\x01${randomBytes(31).toString('binary')}`);
  const keyInfo = seq([int(0), seq([oid('1.2.398.3.10.1.1.1.1'), seq([oid('1.2.398.3.10.1.1.1.2.1')])]), octets(der(privateKey))]);
  return pfx([seq([oid(KEY_BAG), explicit0(keyInfo)])]);
}

/** A GOST 2015/512 key as NCA stores it, but with the curve named by `parametersOid`, beside a certificate. */
export function gostKeyP12(scalar: Buffer, parametersOid: string, certificateDer: Buffer): Buffer {
  const keyInfo = seq([int(0), seq([oid('1.2.398.3.10.1.1.2.2'), seq([oid(parametersOid), oid('1.2.398.3.10.1.3.3')])]), octets(der(octets(scalar.toString('binary'))))]);
  const certBag = seq([oid(CERT_BAG), explicit0(seq([oid(X509_CERT), explicit0(octets(certificateDer.toString('binary')))]))]);
  return pfx([seq([oid(KEY_BAG), explicit0(keyInfo)]), certBag]);
}
