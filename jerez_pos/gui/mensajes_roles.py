"""Texts of the payment, route, role home, fit and help screens (Spanish, as the cashier reads them).

Kept apart from ``mensajes.py`` so the screens changed in parallel do not edit the same lines.
"""

from __future__ import annotations

# Pago: the change stays on screen until the next receipt starts
EMITIDO_PANTALLA = "Recibo {folio} emitido · total {total}"
SIGUIENTE_CLIENTE = "Siguiente cliente: empiece a escribir o presione Enter."
EFECTIVO_ALTO = (
    "El efectivo ({efectivo}) es 10 veces o más el total ({total}). Revise la cantidad: "
    "presione F12 para confirmarla o corríjala."
)
EFECTIVO_ALTO_TITULO = "¿Efectivo correcto?"

# Inspector
COLUMNAS_RUTA = ("Puesto", "Titular", "Giro", "Ubicación", "Tipo", "m²", "Concepto", "Cuota", "Estado")
COLUMNA_CUOTA = 7
MARCAR_AUSENTE = "Ausente  [A]"
MARCAR_CERRADO = "Cerrado  [C]"
COBRAR_PUESTO = "Cobrar  [F12]"
NO_COBRAR = "No cobrar  [Esc]"
MARCA_QUITADA = "Puesto {puesto} vuelve a pendiente."
AUSENTE = "ausente"
CERRADO = "cerrado"
CONFIRMAR_PUESTO = "¿Cobrar {cuota} al puesto {puesto} ({titular})? Presione F12 para cobrar; Esc o ↑↓ para no cobrar."
MARCADO_PUESTO = "Puesto {puesto} marcado como {estado}."

# Supervisor's home
INICIO_SUPERVISOR = "Inicio del supervisor"
INICIO_SUPERVISOR_AYUDA = (
    "Turnos de todos los cajeros. ↑↓ elige un turno · F11 ve su corte · F12 lo cierra con su firma · "
    "F5 anulaciones y reimpresiones · F8 reportes del día · F10 su propia caja · Ctrl+I vuelve aquí"
)
IR_INICIO = "Inicio  [Ctrl+I]"
COLUMNAS_TURNOS = ("Turno", "Cajero", "Abierto desde", "Fondo", "Recibos", "Estado")
TURNO_ABIERTO = "abierto"
TURNO_CERRADO_CORTE = "cerrado"
TURNO_SIN_CONTEO = "abierto · sin conteo"
TURNO_CONTADO = "abierto · contado"
CORTE_DE = "Corte del turno {turno} de {cajero}"
CORTE_DETALLE = (
    "Fondo {fondo} · esperado en efectivo {esperado} · contado {contado} · diferencia {diferencia} · {recibos}"
)
CORTE_SIN_CONTEO = "El cajero aún no registra su conteo: ciérrelo cuando cuente (Corte, F11)."
CORTE_CERRADO_OK = "Turno {turno} de {cajero} cerrado con su firma."
SIN_TURNO_ELEGIDO = "Elija un turno abierto de la lista."
MI_CONTRASENA_SUPERVISOR = "Su contraseña (firma del supervisor)"

# Fit and settings
AJUSTES = "Ajustes de pantalla"
LETRA_MENOS = "A−"
LETRA_MAS = "A+"
CONTRASTE = "Alto contraste"
CONTRASTE_CORTO = "◐"  # the header of a narrow window (supervisor at 125 %); the tooltip says what it is
LETRA_PISTA = "Tamaño de letra (Ctrl+− / Ctrl++)"
CONTRASTE_PISTA = "Alto contraste (Ctrl+Mayús+C)"

# F1: one key map across screens
AYUDA_TITULO = "Teclas"
IR_AUTORIZAR = "Anulaciones y reimpresiones  [F5]"
IR_REPORTES = "Reportes del día  [F8]"
IR_MI_CAJA = "Mi caja  [F10]"
VER_CORTE = "Ver corte  [Enter]"
CERRAR_CON_FIRMA = "Cerrar turno con mi firma  [F12]"
PENDIENTES_IMPRESION = "Impresiones pendientes de autorizar o reintentar: {}"


def plural(n: int, uno: str, varios: str) -> str:
    """«1 recibo», «3 recibos»: never «recibo(s)»."""
    return f"{n} {uno if n == 1 else varios}"


def recibos_y_anulados(recibos: int, anulados: int) -> str:
    return f"{plural(recibos, 'recibo', 'recibos')}, {plural(anulados, 'anulado', 'anulados')}"


# F1: one key map across screens. Every screen's keys, the ones that work everywhere first. A screen that gains a
# key adds it here; tests/gui/test_ayuda.py checks every shortcut and Alt+letter of the running app against it.
TECLAS_GLOBALES: tuple[tuple[str, str], ...] = (
    ("F1", "Esta ayuda: todas las teclas"),
    ("F10", "Cobro (el supervisor: su propia caja)"),
    ("F5", "Recibos: buscar, reimprimir, anular"),
    ("F9", "Corte de caja"),
    ("F7", "Ruta del inspector (inspector y supervisor)"),
    ("F8", "Administración y reportes del día (administrador y supervisor)"),
    ("Ctrl+I", "Inicio de su puesto (supervisor: turnos de todos)"),
    ("Esc", "Regresar (nunca cierra la sesión del supervisor)"),
    ("Ctrl+− / Ctrl++", "Letra más chica / más grande"),
    ("Ctrl+Mayús+C", "Alto contraste"),
)
TECLAS_PANTALLA: dict[str, tuple[tuple[str, str], ...]] = {
    "acceso": (("Enter", "Pasar a la contraseña / entrar"),),
    "turno": (("Enter", "Abrir turno con el fondo escrito"), ("Esc", "Cerrar sesión (supervisor: regresar)")),
    "cobro": (
        ("F10", "Buscar concepto"),
        ("F2", "Buscar por giro"),
        ("F3", "Catálogo por título, capítulo y sección"),
        ("Ctrl+F", "Cuenta / contribuyente: predial o licencia"),
        ("↓ / Enter", "Elegir un resultado"),
        ("F4", "Agregar al recibo (Enter en el formulario también)"),
        ("Espacio", "Por giro: marcar o desmarcar el renglón"),
        ("F6", "Por giro: agregar los marcados (pregunta antes)"),
        ("Ctrl+D", "Marcar o quitar de favoritos"),
        ("Ctrl+Supr", "Quitar la línea elegida del recibo (pregunta antes)"),
        ("Supr", "Lo mismo, dentro de la tabla del recibo"),
        ("Ctrl+Mayús+Supr", "Descartar el recibo en curso (pregunta antes)"),
        ("F12", "Cobrar"),
        ("Esc", "Regresar a la búsqueda / limpiarla"),
        ("Enter / Esc", "En cada pregunta: Sí / No"),
    ),
    "pago": (
        ("F7", "Efectivo exacto"),
        ("Enter / F12", "Confirmar y emitir (efectivo de 10 veces el total o más: sólo F12)"),
        ("Enter", "Sin importe escrito: efectivo exacto y emitir"),
        ("Esc", "Regresar al recibo"),
        ("Cualquier letra / Enter", "Tras emitir: siguiente cliente"),
    ),
    "cuenta": (
        ("↑ / ↓", "Elegir un año"),
        ("Espacio", "Marcar o desmarcar el año"),
        ("Enter / F12", "Cobrar los años marcados (pasa a Pago)"),
        ("F4", "Estado de cuenta en PDF"),
        ("Ctrl+F", "Buscar otra cuenta"),
        ("Esc", "Regresar a Cobro"),
    ),
    "recibos": (
        ("Enter", "Buscar"),
        ("F6", "Recibos del turno"),
        ("F3", "Descartar impresión pendiente"),
        ("F4", "Guardar PDF del recibo"),
        ("F7", "Reimprimir COPIA"),
        ("F8", "Anular con supervisor"),
        ("F11", "Verificar cadena"),
        ("F12", "Reintentar impresión"),
    ),
    "corte": (("F11", "Terminé de contar"), ("F12", "Cerrar turno"), ("F4", "Guardar corte en PDF")),
    "inspector": (
        ("↑ / ↓", "Elegir puesto"),
        ("Enter", "Ver la cuota del puesto (no cobra)"),
        ("F12", "Cobrar la cuota mostrada; si no hay, registrar la entrega"),
        ("A / C", "Marcar ausente / cerrado (otra vez: pendiente)"),
        ("F2", "Cambiar de tianguis"),
        ("F3", "Licencias sin refrendo"),
        ("F4", "Reporte de ruta en PDF"),
        ("F6", "Actualizar la ruta"),
        ("F11", "Entregar lo cobrado a un cajero"),
    ),
    "sin_refrendo": (("F6", "Actualizar la lista"), ("Esc", "Regresar a la ruta")),
    "supervisor": (
        ("↑ / ↓", "Elegir turno"),
        ("Enter / F11", "Ver su corte"),
        ("F12", "Cerrarlo con su firma"),
        ("F6", "Actualizar"),
        ("F5", "Anulaciones y reimpresiones"),
        ("F8", "Reportes del día"),
        ("F10", "Su propia caja"),
    ),
    "administracion": (
        ("Alt+X", "Nuevo ejercicio: examinar el archivo de la ley"),
        ("Alt+A / Enter", "Nuevo ejercicio: armar el borrador"),
        ("Alt+C", "Nuevo ejercicio: aplicar la forma al renglón"),
        ("Alt+P", "Nuevo ejercicio: preparar la publicación"),
        ("Alt+B", "Nuevo ejercicio: aprobar y publicar (Enter en la contraseña)"),
    ),
    "asistente": (("Enter", "Siguiente"), ("Esc", "Anterior"), ("F12", "Terminar")),
}
NOMBRES_PANTALLA = {
    "acceso": "Acceso",
    "turno": "Abrir turno",
    "cobro": "Cobro",
    "pago": "Pago",
    "cuenta": "Tarjeta de la cuenta",
    "recibos": "Recibos",
    "corte": "Corte",
    "inspector": "Ruta del inspector",
    "sin_refrendo": "Licencias sin refrendo",
    "supervisor": "Inicio del supervisor",
    "administracion": "Administración",
    "asistente": "Primera instalación",
}
AYUDA_GLOBALES = "En todas las pantallas"
AYUDA_ESTA = "En esta pantalla: {}"
CERRAR_AYUDA = "Cerrar  [Esc]"
RESUMEN_DIA = "Hoy: {turnos} ({abiertos}) · {recibos} vigentes · {cobrado}"
