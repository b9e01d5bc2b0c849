"""Read-ahead: while a batch is in flight the client reads and serializes the next one; the store is only
touched from the calling thread, and a batch that is not acknowledged throws the read-ahead away."""

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
    """Records which threads touch the store and counts read-aheads (``desde``)."""

    def __init__(self, interno: object) -> None:
        self.interno = interno
        self.hilos: set[int] = set()
        self.lecturas = 0
        self.cambio = threading.Condition()

    def __getattr__(self, nombre: str) -> object:
        atributo = getattr(self.interno, nombre)
        if not callable(atributo):
            return atributo

        def vigilado(*args: object) -> object:
            self.hilos.add(threading.get_ident())
            if nombre == "desde":
                with self.cambio:
                    self.lecturas += 1
                    self.cambio.notify_all()
            return atributo(*args)

        return vigilado


class Red:
    """Carries requests to the service. Each request waits (briefly) to see the client read ahead before it
    answers: with read-ahead that happens while the request is in flight, without it never."""

    def __init__(self, servicio: Servicio, almacen: AlmacenVigilado, respuestas: list[int] | None = None) -> None:
        self.servicio = servicio
        self.almacen = almacen
        self.hilos: set[int] = set()
        self.forzadas = list(respuestas or [])
        self.llamadas = 0
        self.adelantos = 0

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        self.hilos.add(threading.get_ident())
        self.llamadas += 1
        # The k-th batch travels while the k-th read-ahead happens; without read-ahead that read comes later.
        with self.almacen.cambio:
            if self.almacen.cambio.wait_for(lambda: self.almacen.lecturas >= self.llamadas, timeout=0.3):
                self.adelantos += 1
        if self.forzadas:
            return RespuestaHttp(self.forzadas.pop(0), b'{"detail": {"mensaje": "forzada"}}')
        r = self.servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
        return RespuestaHttp(r.estado, r.cuerpo, {k.lower(): v for k, v in r.encabezados.items()})


def _preparar(n: int) -> tuple[Central, Fabrica]:
    central = Central()
    alta = terminales.crear(central.motor, "Cabecera", central.ahora)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(central.motor, alta.codigo, fabrica.publica, central.ahora)
    for i in range(n):
        fabrica.recibo(FECHA + dt.timedelta(minutes=i), lineas=1 + i % 3)
    return central, fabrica


def _cliente(fabrica: Fabrica, almacen: object, red: Red, **kw: object) -> Sincronizador:
    reloj = lambda: FECHA.replace(tzinfo=dt.UTC).timestamp() + 2 * 3600  # noqa: E731
    return Sincronizador(almacen, red, fabrica.llave, fabrica.serie, reloj=reloj, dormir=lambda _s: None, **kw)  # type: ignore[arg-type]


def test_lee_el_siguiente_lote_mientras_el_anterior_viaja_y_solo_desde_su_hilo():
    central, fabrica = _preparar(23)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio, almacen)
    resultado = _cliente(fabrica, almacen, red, tam_lote=5).sincronizar()
    assert resultado.a_dict() == {"enviados": 23, "confirmados": 23, "pendientes": 0, "conflictos": 0}
    assert almacen.hilos == {threading.get_ident()}
    assert red.hilos and threading.get_ident() not in red.hilos
    assert red.adelantos == 5  # each of the 5 batches travelled while the next one was read
    assert reportes.resumen(central.motor)["recibos"] == 23


def test_un_lote_no_confirmado_descarta_lo_adelantado_y_nada_se_pierde():
    central, fabrica = _preparar(12)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio, almacen, respuestas=[503, 503])  # the first batch fails twice, then passes
    resultado = _cliente(fabrica, almacen, red, tam_lote=5, intentos=3).sincronizar()
    assert resultado.confirmados == 12 and resultado.pendientes == 0
    assert reportes.resumen(central.motor)["recibos"] == 12


def test_en_linea_hace_los_mismos_pasos_en_un_solo_hilo():
    central, fabrica = _preparar(9)
    almacen = AlmacenVigilado(fabrica.almacen)
    red = Red(central.servicio, almacen)
    resultado = _cliente(fabrica, almacen, red, tam_lote=4, en_paralelo=False).sincronizar()
    assert resultado.confirmados == 9
    assert red.hilos == almacen.hilos == {threading.get_ident()}
    assert red.adelantos == 0


def test_lo_adelantado_viaja_con_su_texto_ya_calculado():
    central, fabrica = _preparar(6)
    almacen = AlmacenVigilado(fabrica.almacen)
    cliente = _cliente(fabrica, almacen, Red(central.servicio, almacen), tam_lote=3)
    siguiente = cliente._adelantar(fabrica.almacen.registros[:3])
    assert [r.secuencia for r in siguiente] == [4, 5, 6]
    assert all("texto" in vars(r) for r in siguiente if isinstance(r, Registro))
