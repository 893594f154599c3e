/** Object identifiers of Kazakh certificates (NCA RK profile) and of CMS/PAdES. */
export const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  state: '2.5.4.8',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  email: '1.2.840.113549.1.9.1',

  ekuIndividual: '1.2.398.3.3.4.1.1',
  ekuLegalEntity: '1.2.398.3.3.4.1.2',
  ekuFirstHead: '1.2.398.3.3.4.1.2.1',
  ekuSigningRight: '1.2.398.3.3.4.1.2.2',
  ekuEmployee: '1.2.398.3.3.4.1.2.5',
  ekuEmailProtection: '1.3.6.1.5.5.7.3.4',
  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  policyLegalSigning: '1.2.398.3.3.2.1',
  policyLegalAuth: '1.2.398.3.3.2.2',
  policyIndividualSigning: '1.2.398.3.3.2.3',
  policyIndividualAuth: '1.2.398.3.3.2.4',
  /** NCA's GOST algorithms (its own arc; the curves and hashes are those of the RFCs): keys, signatures, hashes. */
  gost2015Key512: '1.2.398.3.10.1.1.2.2',
  gost2015Key256: '1.2.398.3.10.1.1.2.1',
  gost2004Key: '1.2.398.3.10.1.1.1.1',
  gost2015Signature512: '1.2.398.3.10.1.1.2.3.2',
  gost2015Signature256: '1.2.398.3.10.1.1.2.3.1',
  gost2004Signature: '1.2.398.3.10.1.1.1.2',
  streebog512: '1.2.398.3.10.1.3.3',
  streebog256: '1.2.398.3.10.1.3.2',
  /** GOST 34.311-95: GOST R 34.11-94 with the test S-boxes. */
  gost34311: '1.2.398.3.10.1.3.1',
  /** NCA's time-stamp policy for GOST 2004 tokens, which its TSA no longer issues (GOST 2015's: NCA_TSA_POLICY, domain/api/pki). */
  tsaPolicyGost2004: '1.2.398.3.3.2.6.1',

  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha1: '1.3.14.3.2.26',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',

  /** Where revocation data is published (RFC 5280 §4.2.1.13, §5.2.6, §4.2.2.1). */
  crlDistributionPoints: '2.5.29.31',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  ekuOcspSigning: '1.3.6.1.5.5.7.3.9',
  ekuTimeStamping: '1.3.6.1.5.5.7.3.8',

  /** OCSP (RFC 6960). */
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',

  /** Time-stamps (RFC 3161) and their place in a CMS signature (RFC 3161 appendix A). */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;
