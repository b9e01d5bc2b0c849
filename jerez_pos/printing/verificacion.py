"""The receipt's QR: a verification payload signed by the terminal, and the short code printed under it.

The code is the first 16 hex characters of the receipt's chain hash, the same ``codigo`` the central
server checks at ``/v1/verificar?folio=&codigo=``. The QR adds the folio, date, total and series and an
Ed25519 signature, made with the terminal's key, over exactly those fields::

    JEREZPOS1|<folio>|<fecha>|<total>|<serie>|<codigo>

Why a signature over the QR's own text instead of the ledger's stored signature (which covers the full
chain hash): a verifier holding only the paper cannot rebuild the chain document, so the stored
signature proves nothing to it. This one can be checked offline by a phone that knows the terminal's
public key, and it binds folio, date and amount to the terminal. Ed25519 is deterministic, so an
original and all its copies carry the same QR.

``total`` is the ledger's total (the sum of the lines, what central reports); the Art. 20 cash
adjustment is printed on the paper next to it. When a central server address is known the payload is a
URL a phone can open; otherwise it is the plain message followed by ``|<firma>``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# The code under the QR is derived from the chain hash: it belongs to the chain document's owner.
from jerez_pos.core.documento import LONGITUD_CODIGO as LONGITUD_CODIGO
from jerez_pos.core.documento import codigo_de as codigo_de
from jerez_pos.core.errores import ErrorEntrada

PREFIJO = "JEREZPOS1"
RUTA_VERIFICAR = "/v1/verificar"


@dataclass(frozen=True)
class DatosQR:
    folio: str
    fecha: str  # the ledger's timestamp, "2024-06-15T10:32:00"
    total: str  # "115.12"
    serie: str
    codigo: str  # 16 hex
    firma: str = ""  # base64url without padding

    def mensaje(self) -> bytes:
        partes = (PREFIJO, self.folio, self.fecha, self.total, self.serie, self.codigo.upper())
        return "|".join(partes).encode("ascii")

    def firmado(self, llave: Ed25519PrivateKey) -> DatosQR:
        firma = base64.urlsafe_b64encode(llave.sign(self.mensaje())).rstrip(b"=").decode("ascii")
        return DatosQR(self.folio, self.fecha, self.total, self.serie, self.codigo, firma)

    def firma_valida(self, llave_publica: bytes) -> bool:
        try:
            firma = base64.urlsafe_b64decode(self.firma + "=" * (-len(self.firma) % 4))
            Ed25519PublicKey.from_public_bytes(llave_publica).verify(firma, self.mensaje())
        except (InvalidSignature, ValueError, binascii.Error):
            return False
        return True

    def contenido(self, url_central: str | None = None) -> str:
        """What the QR encodes: a verification URL when central is known, else the signed message."""
        if not self.firma:
            raise ValueError("el QR se firma antes de imprimirse")
        if url_central:
            campos = {
                "folio": self.folio,
                "codigo": self.codigo.lower(),
                "fecha": self.fecha,
                "total": self.total,
                "serie": self.serie,
                "firma": self.firma,
            }
            consulta = "&".join(f"{k}={quote(v, safe='')}" for k, v in campos.items())
            return f"{url_central.rstrip('/')}{RUTA_VERIFICAR}?{consulta}"
        return f"{self.mensaje().decode('ascii')}|{self.firma}"


def leer_qr(contenido: str) -> DatosQR:
    """Both forms of ``DatosQR.contenido`` back into fields (for a verifier, and for the tests)."""
    if contenido.startswith(PREFIJO + "|"):
        partes = contenido.split("|")
        if len(partes) != 7:
            raise ErrorEntrada("QR", "el contenido no tiene los 7 campos del recibo")
        return DatosQR(*partes[1:])
    partes_url = urlsplit(contenido)
    if partes_url.path.endswith(RUTA_VERIFICAR):
        consulta = {k: v[0] for k, v in parse_qs(partes_url.query).items()}
        try:
            return DatosQR(
                consulta["folio"],
                consulta["fecha"],
                consulta["total"],
                consulta["serie"],
                consulta["codigo"].upper(),
                consulta["firma"],
            )
        except KeyError as falta:
            raise ErrorEntrada("QR", f"a la dirección de verificación le falta {falta}") from None
    raise ErrorEntrada("QR", "no es un QR de recibo de jerez-pos")
