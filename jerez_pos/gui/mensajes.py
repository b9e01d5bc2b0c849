"""Every string the cashier reads, in Spanish (Mexico), written once.

Domain words stay exactly as the law says them (recibo, folio, giro, corte, turno, UMA). Texts with
``{}`` are filled with ``str.format`` by the controllers.
"""

from __future__ import annotations

TITULO_APP = "Tesorería Municipal de Jerez, Zacatecas · Punto de cobro"
MUNICIPIO = "Tesorería Municipal de Jerez, Zacatecas"

# Acceso y turno
ACCESO_TITULO = "Iniciar sesión"
ACCESO_SUBTITULO = "Escriba su usuario y contraseña (o PIN) para comenzar."
USUARIO = "Usuario"
CONTRASENA = "Contraseña o PIN"
ENTRAR = "Entrar  [Enter]"
BLOQ_MAYUS = "Bloq Mayús está activado"
FALTAN_DATOS_ACCESO = "Escriba usuario y contraseña."
VERIFICANDO = "Verificando…"
TURNO_TITULO = "Abrir turno"
TURNO_SUBTITULO = "Cuente el fondo de caja que recibe y escríbalo. Sólo puede haber un turno abierto por cajero."
FONDO = "Fondo inicial (pesos)"
ABRIR_TURNO = "Abrir turno  [Enter]"
SALIR_SESION = "Cerrar sesión  [Esc]"
SALIR = "Cerrar sesión"
FONDO_INVALIDO = "Escriba el fondo en pesos, p. ej. 500.00"
SIN_TURNO_ADMIN = "Su rol ({}) no cobra: puede consultar y cotizar, pero no emitir recibos."

# Cobro
BUSCAR_PISTA = "Buscar concepto o giro: clave (A85-II), artículo (art 85) o palabras (acta nacimiento)…"
PESTANA_BUSCAR = "Buscar  [F1]"
PESTANA_GIRO = "Por giro  [F2]"
PESTANA_ARBOL = "Catálogo  [F3]"
GIRO_PISTA = "Giro del contribuyente: número (91) o palabras (cafetería cerveza)…"
GIRO_ELEGIR = "Elija el giro con ↑↓ y Enter; luego marque lo que se cobra con Espacio."
GIRO_SUGERENCIAS = "Conceptos que aplican al giro {numero} · {nombre}"
GIRO_ALTERNATIVAS = "Elija uno: {motivo}"
AGREGAR_MARCADOS = "Agregar marcados  [F6]"
ARBOL_POR_RUBRO = "Por rubro CRI (Art. 2)"
ARBOL_POR_ARTICULO = "Por artículo y fracción"
ARTICULO = "Art. {}"
SIN_RESULTADOS = "Sin resultados para «{}». Pruebe con menos palabras, la clave o el número de artículo."
ESCRIBA_PARA_BUSCAR = "Escriba para buscar; Enter elige, ↓ baja a la lista."
TIPO_GIRO = "giro"
TIPO_CONCEPTO = "concepto"
ELIJA_CONCEPTO = "Elija un concepto para ver su tarifa, sus parámetros y su fundamento."
SIN_PARAMETROS = "Este concepto no lleva parámetros: su tarifa es fija."
PARAMETROS = "Parámetros"
MODIFICADORES_PARAMETROS = "Descuentos, recargos y accesorios (opcionales)"
MODIFICADORES = "Modificadores aplicables"
REQUIERE_AUTORIZACION = "requiere autorización de supervisor"
SIN_AUTORIZACION = "se aplica sin autorización"
CALCULO = "Cálculo"
IMPORTE_LINEA = "Importe de la línea"
AGREGAR = "Agregar al recibo  [F4]"
OPCIONAL = "opcional"
RANGO = "de {minimo} a {maximo}"
MINIMO = "mínimo {}"
MAXIMO = "máximo {}"
ENTERO = "entero"
NINGUNO = "—"
CALCULANDO = "Calculando…"
AVISO_VERIFICAR = "Tarifa por verificar: el número de la fuente está dañado. {}"
AVISO_AUTORIZACION = "Requiere autorización de supervisor al cobrar: {}"
FUNDAMENTO = "Fundamento"
RUBRO = "Rubro CRI"
PERIODICIDAD = "Periodicidad"

# Recibo en curso
RECIBO_TITULO = "Recibo en curso"
CONTRIBUYENTE = "Contribuyente"
CONTRIBUYENTE_PISTA = "PÚBLICO EN GENERAL"
RFC = "RFC (opcional)"
CUENTA_CATASTRAL = "Cuenta catastral"
PADRON = "Padrón"
COLUMNAS_RECIBO = ("Clave", "Concepto", "Importe")
TOTAL = "Total"
TOTAL_EFECTIVO = "En efectivo (Art. 20)"
AJUSTE_ART20 = "Ajuste Art. 20"
QUITAR = "Quitar línea  [Supr]"
COBRAR = "Cobrar  [F12]"
RECIBO_VACIO = "Agregue conceptos con F4 o desde «Por giro»."
LINEAS = "{} línea(s)"
BORRADOR_RECUPERADO = "Se recuperó el recibo que estaba en curso ({} línea(s))."

# Pago
PAGO_TITULO = "Pago del recibo"
EFECTIVO = "Efectivo recibido"
TARJETA = "Tarjeta"
TRANSFERENCIA = "Transferencia"
CHEQUE = "Cheque"
IMPORTE = "Importe"
ULTIMOS4 = "Últimos 4 dígitos"
AUTORIZACION_BANCO = "Autorización"
REFERENCIA = "Referencia"
BANCO = "Banco"
NUMERO_CHEQUE = "Número de cheque"
A_PAGAR = "A pagar"
CAMBIO = "Cambio"
FALTA = "Falta"
CONFIRMAR_PAGO = "Confirmar y emitir  [F12]"
REGRESAR = "Regresar  [Esc]"
EXACTO = "Efectivo exacto  [F7]"
SUPERVISOR_TITULO = "Autorización de supervisor"
SUPERVISOR = "Supervisor"
SUPERVISOR_CONTRASENA = "Contraseña del supervisor"
MOTIVO = "Motivo"
REFERENCIA_AUTORIZACION = "Referencia (acuerdo, estudio socioeconómico, convenio)"
EMITIENDO = "Emitiendo el recibo…"
EMITIDO = "Recibo {folio} emitido · total {total} · cambio {cambio}"
SIN_IMPRESORA_RECIBO = "No hay impresora configurada: el recibo queda registrado; reimprímalo cuando haya impresora."
AJUSTE_TEXTO = "Total {total} · ajuste Art. 20 {ajuste} · a pagar en efectivo {efectivo}"
SIN_EFECTIVO_TEXTO = "Tarjeta, transferencia y cheque pagan el importe exacto: {total}"
LIQUIDACION = "Ajuste Art. 20 de la parte en efectivo: {ajuste} · total a pagar {a_pagar}"
PAGO_PARTES = "Efectivo {efectivo} · tarjeta {tarjeta} · transferencia {transferencia} · cheque {cheque}"

# Recibos del turno
RECIBOS_TITULO = "Recibos del turno"
COLUMNAS_RECIBOS = ("Folio", "Fecha", "Contribuyente", "Conceptos", "Total", "Estado")
VIGENTE = "vigente"
ANULADO = "ANULADO"
ANULAR = "Anular con supervisor  [F8]"
FOLIO = "Folio"
RECIBOS_NOTA = (
    "Lista de los recibos emitidos en esta sesión. Para anular otro folio del turno escríbalo en «Folio». "
    "Resumen del turno: {recibos} recibo(s), {anulados} anulado(s)."
)
ANULADO_OK = "Recibo {} anulado. El folio queda usado."

# Corte
CORTE_TITULO = "Corte de caja"
CORTE_CIEGO = "Cuente el efectivo por denominación. El esperado se muestra después de contar."
COLUMNAS_CONTEO = ("Denominación", "Piezas", "Subtotal")
CONTADO = "Contado"
ESPERADO = "Esperado"
DIFERENCIA = "Diferencia"
SOBRANTE = "Sobrante"
FALTANTE = "Faltante"
CUADRA = "Cuadra"
REVISAR_CONTEO = "Terminé de contar  [F11]"
CERRAR_TURNO = "Cerrar turno  [F12]"
FONDO_INICIAL = "Fondo inicial"
POR_FORMA = "Cobrado por forma de pago"
POR_RUBRO = "Cobrado por rubro CRI"
DIFERENCIA_SUPERVISOR = "Hay diferencia: el cierre necesita la firma de un supervisor."
TURNO_CERRADO = "Turno cerrado. Contado {contado}, esperado {esperado}, diferencia {diferencia}."
RECIBOS_CORTE = "{recibos} recibo(s), {anulados} anulado(s)"

# Navegación
IR_COBRO = "Cobro  [F10]"
IR_RECIBOS = "Recibos  [F5]"
IR_CORTE = "Corte  [F9]"

# Barra de estado
CARGANDO_CATALOGO = "Cargando catálogo…"
CATALOGO_UMA = "Catálogo {catalogo} · UMA {uma} desde {desde}"
USUARIO_ESTADO = "{usuario} ({rol})"
SIN_USUARIO = "Sin sesión"
TURNO_ESTADO = "Turno {id} · {desde}"
SIN_TURNO = "Sin turno abierto"
IMPRESORA_NO = "Sin impresora"
SINCRONIZACION_NO = "Sin sincronización"
TERMINAL_ESTADO = "Serie {serie}"
TERMINAL_DEMO = " (demostración)"

# Errores
ERROR_TITULO = "No se pudo completar"
FALLA_TITULO = "Error inesperado"
FALLA_TEXTO = (
    "Ocurrió un error inesperado. El recibo en curso se conserva. Los detalles se guardaron en:\n{ruta}\n"
    "Avise a soporte técnico si se repite."
)
FALLA_SIN_REGISTRO = "(no se pudo escribir el registro)"
ACEPTAR = "Aceptar"

FORMAS_PAGO = {"efectivo": "Efectivo", "tarjeta": "Tarjeta", "transferencia": "Transferencia", "cheque": "Cheque"}

ROLES = {
    "cajero": "cajero",
    "inspector": "inspector",
    "supervisor": "supervisor",
    "administrador": "administrador",
}
