// X.501 Names (subject and issuer) encoded directly, one attribute per RDN, in the order given.
import { type Bytes, encodeTlv, fromHex, TAG } from "./_der.ts";

/** One relative distinguished name: CN (common name) or O (organization) and its value. */
export type Rdn = readonly [type: "CN" | "O", value: string];

const ATTRIBUTE_TYPES = {
  CN: encodeTlv(TAG.oid, fromHex("550403")),
  O: encodeTlv(TAG.oid, fromHex("55040a")),
};
// PrintableString's alphabet (X.680); anything else is UTF8String, the choice @peculiar/x509 and Go make.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const utf8 = new TextEncoder();

/** The DER of a Name (RDNSequence), e.g. `[["O", "system:masters"], ["CN", "admin"]]`. */
export function encodeName(rdns: readonly Rdn[]): Bytes {
  return encodeTlv(
    TAG.sequence,
    ...rdns.map(([type, value]) =>
      encodeTlv(
        TAG.set,
        encodeTlv(
          TAG.sequence,
          ATTRIBUTE_TYPES[type],
          encodeTlv(
            PRINTABLE.test(value) ? TAG.printableString : TAG.utf8String,
            utf8.encode(value),
          ),
        ),
      )
    ),
  );
}
