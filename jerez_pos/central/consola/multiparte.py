"""A bounded ``multipart/form-data`` reader for the console's upload form (catalog zip, UMA CSV).

The standard library's MIME parser does the parsing, so no extra dependency is needed for one form; the
body is counted while it is read and refused past the limit before anything is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser

from fastapi import Request

from jerez_pos.central.consola.web import ErrorConsola


@dataclass
class Envio:
    campos: dict[str, str] = field(default_factory=dict)
    archivos: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # field → (file name, bytes)


async def leer(request: Request, limite: int) -> Envio:
    tipo = request.headers.get("content-type", "")
    if tipo.split(";")[0].strip().lower() != "multipart/form-data":
        raise ErrorConsola(415, "el formulario debe enviarse como multipart/form-data")
    cuerpo = bytearray()
    async for trozo in request.stream():
        cuerpo += trozo
        if len(cuerpo) > limite:
            raise ErrorConsola(413, f"el envío pasa de {limite // (1024 * 1024)} MB")
    mensaje = BytesParser(policy=policy.HTTP).parsebytes(
        f"Content-Type: {tipo}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1") + bytes(cuerpo)
    )
    if not mensaje.is_multipart():
        raise ErrorConsola(400, "el formulario llegó incompleto; vuelva a enviarlo")
    envio = Envio()
    for parte in mensaje.iter_parts():
        nombre = parte.get_param("name", header="content-disposition")
        if not isinstance(nombre, str) or nombre in envio.campos or nombre in envio.archivos:
            continue
        contenido = parte.get_payload(decode=True)
        datos = contenido if isinstance(contenido, bytes) else b""
        archivo = parte.get_filename()
        if archivo is not None:
            if datos:
                envio.archivos[nombre] = (archivo, datos)
        else:
            envio.campos[nombre] = datos.decode("utf-8", "replace")
    return envio
