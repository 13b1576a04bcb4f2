// The one import of @peculiar/x509: its decorators need reflect-metadata loaded first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

// Bind Web Crypto explicitly; the library's own detection looks for `self`, which not every runtime has.
x509.cryptoProvider.set(crypto);

export { x509 };
