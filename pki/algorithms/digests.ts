import { createHash } from 'node:crypto';
import { OID } from '../asn1/oids';
import { gost94, streebog256, streebog512 } from '../gost/hashes';

/** The hash functions a signature, a time-stamp imprint or a CMS message digest may name, by OID. */
export type Digest = (bytes: Uint8Array) => Buffer;

const node = (name: string): Digest => (bytes) => createHash(name).update(bytes).digest();

const DIGESTS: ReadonlyMap<string, Digest> = new Map([
  [OID.sha1, node('sha1')],
  [OID.sha256, node('sha256')],
  [OID.sha384, node('sha384')],
  [OID.sha512, node('sha512')],
  [OID.streebog512, streebog512],
  [OID.streebog256, streebog256],
  [OID.gost34311, gost94],
]);

/** The digest an OID names, or null for one this office does not know. */
export function digestByOid(oid: string): Digest | null {
  return DIGESTS.get(oid) ?? null;
}

export const sha256: Digest = node('sha256');
