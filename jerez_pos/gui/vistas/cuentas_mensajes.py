"""Every text of the account screens (search tab, account card, licences not renewed), written once."""

from __future__ import annotations

PESTANA_CUENTA = "Cuenta  [Ctrl+F]"
PESTANA_CUENTA_AYUDA = "Cuenta / contribuyente: busca por cuenta catastral, licencia, nombre o domicilio"
CUENTA_PISTA = "Cuenta / contribuyente: cuenta, licencia, nombre o domicilio…"
CUENTA_ESCRIBA = "Escriba la cuenta, el nombre o el domicilio; Enter abre la cuenta, ↓ baja a la lista."
CUENTA_CARGANDO = "Leyendo los padrones…"
CUENTA_SIN_RESULTADOS = "Ninguna cuenta del padrón coincide con «{}»."
CUENTA_RESULTADOS = "{} cuentas; Enter abre la primera."
CUENTA_RESULTADOS_MAS = "Primeras {} cuentas; escriba más para acotar."
PADRONES = {"predial": "Predial", "comercio": "Licencia"}
PADRON_TITULO = {"predial": "Predial · cuenta {}", "comercio": "Padrón de comercio · licencia {}"}

TARJETA_AYUDA = (
    "Espacio marca o desmarca un año (se pagan del más antiguo al más reciente) · Enter o F12 cobra los "
    "años marcados · F4 estado de cuenta en PDF · Esc regresa a Cobro"
)
TARJETA_CARGANDO = "Calculando lo que debe la cuenta…"
ANIOS_TITULO = "Años que debe al {}"
COLUMNAS_ANIOS = ("Ejercicio", "Impuesto", "Descuentos", "Actualización", "Recargos", "Total")
HISTORIAL_TITULO = "Pagos anteriores"
COLUMNAS_HISTORIAL = ("Folio", "Fecha", "Ejercicios", "Importe", "Estado")
HISTORIAL_VACIO = "Sin pagos registrados en esta terminal."
VIGENTE = "Vigente"
ANULADO = "Anulado"
PAGADO_HASTA = "Pagado hasta {}"
AL_CORRIENTE = "La cuenta está al corriente: no debe ningún ejercicio."
MARCADOS = "Marcados {n} de {total} años: {importe}"
COBRAR_ANIOS = "Cobrar años marcados  [Enter]"
ESTADO_PDF = "Estado de cuenta PDF  [F4]"
PDF_TITULO_ESTADO = "Guardar el estado de cuenta en PDF"
NADA_QUE_COBRAR = {
    "predial": "Nada que cobrar: la cuenta {} no debe ningún ejercicio.",
    "comercio": "Nada que cobrar: la licencia {} no debe ningún ejercicio.",
}
NINGUNO_MARCADO = "Marque al menos un año con Espacio para cobrar."
RECIBO_OCUPADO = (
    "El recibo en curso ya tiene {} conceptos: cóbrelo o quítelos en Cobro antes de cobrar la cuenta "
    "(el recibo de una cuenta lleva sólo sus ejercicios)."
)
SI_NO = {"si": "sí", "no": "no"}
CAMPOS_PREDIAL = (
    ("zona", "Zona"),
    ("m2_terreno", "Terreno (m²)"),
    ("m2_construccion", "Construcción (m²)"),
    ("tipo_construccion", "Tipo de construcción"),
    ("uso", "Uso"),
    ("baldio", "Lote baldío"),
    ("hectareas_riego_gravedad", "Hectáreas de riego por gravedad"),
    ("hectareas_riego_bombeo", "Hectáreas de riego por bombeo"),
    ("hectareas_temporal", "Hectáreas de temporal"),
    ("vulnerable", "Grupo vulnerable (Art. 61)"),
    ("documento_vulnerable", "Documento que lo acredita"),
)
GIRO = "Giro"

SIN_REFRENDO_TITULO = "Licencias sin refrendo"
SIN_REFRENDO_AYUDA = (
    "Licencias del padrón de comercio cuyo último año pagado es anterior a {anio}, ordenadas por domicilio "
    "para recorrerlas · F6 actualiza · Esc regresa a la ruta"
)
COLUMNAS_SIN_REFRENDO = ("Domicilio", "Licencia", "Titular", "Giro", "Pagado hasta", "Adeudo")
SIN_REFRENDO_RESUMEN = "{n} licencias sin refrendo · adeudo {total}"
SIN_REFRENDO_VACIO = "Todas las licencias del padrón tienen pagado el refrendo de {anio}."
SIN_REFRENDO_CARGANDO = "Calculando el adeudo de cada licencia…"
IR_SIN_REFRENDO = "Licencias sin refrendo  [F3]"
REGRESAR = "Regresar  [Esc]"
