import { OID } from '../asn1/oids';

/** The hash of each RSA signature algorithm CRLs and OCSP answers come signed with. */
export const HASH_OF_RSA_SIGNATURE: Readonly<Record<string, string>> = {
  [OID.sha1WithRsa]: 'sha1',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};
