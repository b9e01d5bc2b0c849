"""Two batches in flight: while one travels the client reads and serializes the next; the store is only
touched from the calling thread, replies are handled in chain order, and nothing is acknowledged twice."""

from __future__ import annotations

import datetime as dt
import threading

from fabrica import Fabrica

from jerez_pos.central import reportes, terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync.cliente import RespuestaHttp, Sincronizador
from jerez_pos.sync.protocolo import Registro
from tests.central.test_contrato import Central

FECHA = dt.datetime(2024, 6, 1, 10, 0)


class AlmacenVigilado:
    """Records which threads touch the store."""

    def __init__(self, interno: object) -> None:
        self.interno = interno
        self.hilos: set[int] = set()

    def __getattr__(self, nombre: str) -> object:
        atributo = getattr(self.interno, nombre)
        if not callable(atributo):
            return atributo

        def vigilado(*args: object) -> object:
            self.hilos.add(threading.get_ident())
            return atributo(*args)

        return vigilado


class Red:
    """Carries requests to the service, holding each a moment so batches in flight overlap; counts how many
    were in flight at once."""

    def __init__(self, servicio: Servicio, respuestas: list[int] | None = None) -> None:
        self.servicio = servicio
        self.hilos: set[int] = set()
        self.forzadas = list(respuestas or [])
        self._cerrojo = threading.Lock()
        self.en_vuelo = 0
        self.maximo = 0

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        with self._cerrojo:
            self.hilos.add(threading.get_ident())
            self.en_vuelo += 1
            self.maximo = max(self.maximo, self.en_vuelo)
            forzada = self.forzadas.pop(0) if self.forzadas else None
        try:
            threading.Event().wait(0.05)
            if forzada is not None:
                return RespuestaHttp(forzada, b'{"detail": {"mensaje": "forzada"}}')
            r = self.servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
            return RespuestaHttp(r.estado, r.cuerpo, {k.lower(): v for k, v in r.encabezados.items()})
        finally:
            with self._cerrojo:
                self.en_vuelo -= 1


def _preparar(n: int, directorio) -> tuple[Central, Fabrica]:
    # A database file: two batches in flight are served in parallel, each thread on its own connection.
    central = Central(f"sqlite:///{directorio / 'central.sqlite3'}")
    alta = terminales.crear(central.motor, "Cabecera", central.ahora)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(central.motor, alta.codigo, fabrica.publica, central.ahora)
    for i in range(n):
        fabrica.recibo(FECHA + dt.timedelta(minutes=i), lineas=1 + i % 3)
    return central, fabrica


def _cliente(fabrica: Fabrica, almacen: object, red: Red, **kw: object) -> Sincronizador:
    reloj = lambda: FECHA.replace(tzinfo=dt.UTC).timestamp() + 2 * 3600  # noqa: E731
    return Sincronizador(almacen, red, fabrica.llave, fabrica.serie, reloj=reloj, dormir=lambda _s: None, **kw)  # type: ignore[arg-type]


def test_lee_el_siguiente_lote_mientras_el_anterior_viaja_y_solo_desde_su_hilo(tmp_path):
    central, fabrica = _preparar(23, tmp_path)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio)
    resultado = _cliente(fabrica, almacen, red, tam_lote=5).sincronizar()
    assert resultado.a_dict() == {"enviados": 23, "confirmados": 23, "pendientes": 0, "conflictos": 0}
    assert almacen.hilos == {threading.get_ident()}
    assert red.hilos and threading.get_ident() not in red.hilos
    assert red.maximo == 2  # two batches in flight: central checks one while it stores the other
    assert reportes.resumen(central.motor)["recibos"] == 23


def test_un_lote_no_confirmado_descarta_lo_adelantado_y_nada_se_pierde(tmp_path):
    central, fabrica = _preparar(12, tmp_path)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio, respuestas=[503, 503])  # the first batch fails twice, then passes
    resultado = _cliente(fabrica, almacen, red, tam_lote=5, intentos=3).sincronizar()
    assert resultado.confirmados == 12 and resultado.pendientes == 0  # nothing acknowledged twice
    assert reportes.resumen(central.motor)["recibos"] == 12


def test_en_linea_hace_los_mismos_pasos_en_un_solo_hilo(tmp_path):
    central, fabrica = _preparar(9, tmp_path)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio)
    resultado = _cliente(fabrica, almacen, red, tam_lote=4, en_paralelo=False).sincronizar()
    assert resultado.confirmados == 9
    assert red.hilos == almacen.hilos == {threading.get_ident()}
    assert red.maximo == 1


def test_lo_adelantado_viaja_con_su_texto_ya_calculado(tmp_path):
    central, fabrica = _preparar(6, tmp_path)
    almacen = AlmacenVigilado(fabrica.almacen)
    cliente = _cliente(fabrica, almacen, Red(central.servicio), tam_lote=3)
    siguiente = cliente._adelantar(fabrica.almacen.registros[:3])
    assert [r.secuencia for r in siguiente] == [4, 5, 6]
    assert all("texto" in vars(r) for r in siguiente if isinstance(r, Registro))
