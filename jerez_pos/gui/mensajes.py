"""Every string the cashier reads, in Spanish (Mexico), written once.

Domain words stay exactly as the law says them (recibo, folio, giro, corte, turno, UMA). Texts with
``{}`` are filled with ``str.format`` by the controllers.
"""

from __future__ import annotations

from jerez_pos.core.texto import ConPlural

TITULO_APP = "Tesorería Municipal de Jerez, Zacatecas · Punto de cobro"
MUNICIPIO = "Tesorería Municipal de Jerez, Zacatecas"
MUNICIPIO_CORTO = "Tesorería de Jerez"  # the header when every navigation key is shown (supervisor)

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
PESTANA_BUSCAR = "Buscar  [F10]"
PESTANA_GIRO = "Por giro  [F2]"
PESTANA_ARBOL = "Catálogo  [F3]"
GIRO_PISTA = "Giro del contribuyente: número (91) o palabras (cafetería cerveza)…"
GIRO_ELEGIR = "Elija el giro con ↑↓ y Enter; luego marque lo que se cobra con Espacio."
GIRO_SUGERENCIAS = "Conceptos que aplican al giro {numero} · {nombre}"
GIRO_ALTERNATIVAS = "Elija uno: {motivo}"
AGREGAR_MARCADOS = "Agregar marcados  [F6]"
ARBOL_POR_TITULO = "Por título, capítulo y sección de la ley"
ARBOL_POR_RUBRO = "Por tipo de ingreso (Art. 2)"
ARBOL_POR_ARTICULO = "Por artículo y fracción"
ARTICULO = "Art. {}"
SIN_RESULTADOS = "Sin resultados para «{}». Pruebe con menos palabras, la clave o el número de artículo."
ESCRIBA_PARA_BUSCAR = "Escriba para buscar; Enter elige, ↓ baja a la lista."
TIPO_GIRO = "giro"
TIPO_CONCEPTO = "concepto"
ELIJA_CONCEPTO = "Elija un concepto para ver su tarifa, los datos que pide y su fundamento."
SIN_PARAMETROS = "Este concepto no pide datos: su tarifa es fija."
PARAMETROS = "Datos"
MODIFICADORES_PARAMETROS = "Descuentos, recargos y accesorios (opcionales)"
MODIFICADORES = "Descuentos, recargos y accesorios que pueden aplicar"
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
BORRADOR_RECUPERADO = ConPlural("Se recuperó el recibo que estaba en curso ({:línea|líneas}).")

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
RECIBOS_NOTA = ConPlural(
    "Lista de los recibos emitidos en esta sesión. Para anular otro folio del turno escríbalo en «Folio». "
    "Resumen del turno: {recibos:recibo|recibos}, {anulados:anulado|anulados}."
)
ANULADO_OK = "Recibo {} anulado. El folio queda usado."

# Corte
CORTE_TITULO = "Corte de caja"
CORTE_CIEGO = (
    "Cuente el efectivo por denominación. Al terminar, el conteo queda registrado y no se edita; "
    "el esperado se muestra después. Un reconteo es un conteo nuevo."
)
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
CONTEOS_REGISTRADOS = "Conteos registrados"
CONTEO_REGISTRADO = "{n}. {hora} · {contado} · {estado}"
CONTEO_CON_DIFERENCIA = (
    "El conteo {n} tuvo un {estado}: el cierre necesita la firma de un supervisor aunque un reconteo cuadre."
)
RECONTEO_PENDIENTE = "El conteo cambió: presione F11 para registrarlo como reconteo antes de cerrar."
TURNO_CERRADO = "Turno cerrado. Contado {contado}, esperado {esperado}, diferencia {diferencia}."
RECIBOS_CORTE = ConPlural("{recibos:recibo|recibos}, {anulados:anulado|anulados}")

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

# Recibos: búsqueda, detalle, reimpresión y cadena
BUSCAR_FOLIO = "Folio"
BUSCAR_NOMBRE = "Contribuyente"
BUSCAR_CLAVE = "Concepto"
BUSCAR_DESDE = "Desde"
BUSCAR_HASTA = "Hasta"
BUSCAR_RECIBOS = "Buscar  [Enter]"
VER_TURNO = "Recibos del turno  [F6]"
FECHA_INVALIDA = "Escriba la fecha como dd/mm/aaaa, p. ej. 15/03/2024"
RECIBOS_ENCONTRADOS = ConPlural("{:recibo encontrado|recibos encontrados}")
RECIBOS_DEL_TURNO = ConPlural("Recibos del turno {turno}: {recibos:recibo|recibos}, {anulados:anulado|anulados}.")
RECIBOS_DE_HOY = "Recibos de hoy: {}"
DETALLE_TITULO = "Detalle del recibo"
DETALLE_VACIO = "Elija un recibo de la lista para ver su detalle."
DETALLE_CABEZA = "<b>{folio}</b> · {fecha} · cajero {cajero}<br>{contribuyente}"
DETALLE_ANULADO = "ANULADO el {fecha} por {supervisor}: {motivo}"
DETALLE_REIMPRESIONES = "Reimpresiones: {}"
DETALLE_CAMBIO = "Ajuste Art. 20 {ajuste} · cambio {cambio}"
REIMPRIMIR = "Reimprimir COPIA  [F7]"
VERIFICAR_CADENA = "Verificar cadena  [F11]"
CADENA_OK = "Cadena íntegra: {}"
CADENA_MAL = "Cadena con problemas: {}"
CADENA_VERIFICANDO = "Verificando la cadena de recibos…"
IMPRESION_PENDIENTE = "Impresiones pendientes: {}"
REINTENTAR = "Reintentar  [F12]"
IMPRESION_FALLO = "No se pudo imprimir: {}. El recibo queda guardado; reimprímalo después."

# Inspector
IR_INSPECTOR = "Ruta  [F7]"
INSPECTOR_TITULO = "Ruta del día · derecho de piso"
INSPECTOR_AYUDA = (
    "↑↓ elige el puesto · Enter muestra la cuota y F12 la cobra en efectivo exacto · A ausente · C cerrado "
    "(otra vez: pendiente) · F2 tianguis · F3 licencias sin refrendo · F4 reporte en PDF · F6 actualizar · "
    "F11 entrega a un cajero"
)
TIANGUIS = "Tianguis o mercado"
TODOS_TIANGUIS = "Todos"
COLUMNAS_RUTA = ("Puesto", "Titular", "Giro", "Ubicación", "Tipo", "m²", "Concepto", "Estado")
PAGADO = "PAGADO {}"
PENDIENTE = "pendiente"
RUTA_RESUMEN = "{pagados} de {total} puestos pagados · por entregar {monto}"
PADRON_VACIO = "El padrón de puestos está vacío: un administrador lo importa en Administración › Padrón."
COBRADO_PUESTO = "Puesto {puesto}: recibo {folio} por {total}"
ENTREGA_TITULO = "Entrega de lo cobrado a un cajero"
ENTREGA_AYUDA = "El cajero debe tener turno abierto. Los dos escriben su contraseña o PIN."
ENTREGA_MONTO = "Efectivo que entrega"
MI_CONTRASENA = "Su contraseña o PIN (inspector)"
CAJERO_RECIBE = "Cajero que recibe"
CAJERO_CONTRASENA = "Contraseña o PIN del cajero"
ENTREGAR = "Registrar entrega  [F12]"
ENTREGADO = "Entrega {} registrada: {} a {}. Su corte la descuenta y el del cajero la suma."
MONTO_INVALIDO = "Escriba un importe mayor que cero, p. ej. 350.00"

# Administración
IR_ADMIN = "Administración  [F8]"
ADMIN_TITULO = "Administración"
PESTANA_USUARIOS = "Usuarios"
PESTANA_UMA = "UMA"
PESTANA_CATALOGOS = "Catálogos"
PESTANA_PADRON = "Padrón"
PESTANA_TERMINAL = "Terminal"
PESTANA_RESPALDOS = "Respaldos"
PESTANA_BITACORA = "Bitácora"
COLUMNAS_USUARIOS = ("Usuario", "Nombre", "Rol", "Estado")
ACTIVO = "activo"
INACTIVO = "inactivo"
BLOQUEADO = "bloqueado hasta {}"
NOMBRE = "Nombre completo"
ROL = "Rol"
NUEVA_CONTRASENA = "Contraseña nueva"
CREAR_USUARIO = "Crear usuario"
RESTABLECER = "Restablecer contraseña"
DESBLOQUEAR = "Desbloquear"
USUARIO_CREADO = "Usuario «{}» creado."
CONTRASENA_RESTABLECIDA = "Contraseña de «{}» restablecida; ya puede entrar."
USUARIO_DESBLOQUEADO = "«{}» desbloqueado."
ELIJA_USUARIO = "Elija un usuario de la lista."
COLUMNAS_UMA = ("Año", "UMA diaria", "Vigente desde")
ARCHIVO_CSV = "Archivo CSV"
CARPETA_CATALOGO = "Carpeta del catálogo (p. ej. db/tarifas/jerez-2025)"
IMPORTAR = "Importar"
EXAMINAR = "Examinar…"
UMA_IMPORTADA = ConPlural(
    "{:valor de UMA registrado|valores de UMA registrados} como versión nueva; los demás ya estaban vigentes."
)
COLUMNAS_CATALOGOS = ("Catálogo", "Ejercicio", "Versión", "Conceptos", "Giros")
CATALOGO_IMPORTADO = "Catálogo {catalogo} importado: {conceptos} conceptos, {giros} giros."
CATALOGO_YA = "El catálogo {} ya estaba importado con el mismo contenido."
CATALOGO_RECHAZADO = ConPlural("El catálogo no se importó. Corrija {:problema|problemas}:")
DIFERENCIAS_TITULO = "Cambios de {nuevo} contra {anterior}"
DIFERENCIAS_PRIMERO = "{} es el primer catálogo: no hay contra qué comparar."
DIFERENCIAS_NINGUNA = "Sin cambios de conceptos ni de tarifas."
AGREGADOS = "Conceptos agregados ({})"
QUITADOS = "Conceptos quitados ({})"
CAMBIADOS = "Tarifas cambiadas ({})"
PADRON_IMPORTADO = ConPlural(
    "Padrón importado: {nuevos:puesto nuevo|puestos nuevos}, {actualizados:actualizado|actualizados}."
)
PADRON_RECHAZADO = "El padrón no se importó (no se escribió nada). Corrija:"
PADRON_AYUDA = (
    "Columnas: clave,titular,giro,tianguis,ubicacion,tipo (móvil/fijo/semifijo),m2[,concepto A72-…/A75-…/A76]"
)
TERMINAL_DATOS = (
    "<b>{nombre}</b> · serie {serie}{demo}<br>{municipio} · delegación {delegacion}<br>Datos en {directorio}"
)
IMPRESORA = "Impresora (archivo:RUTA, dummy, red:HOST[:PUERTO], usb:VID:PID, serial:DISP, windows:NOMBRE)"
ANCHO_PAPEL = "Ancho del papel (mm)"
GUARDAR = "Guardar"
PROBAR_IMPRESORA = "Imprimir página de prueba"
IMPRESORA_GUARDADA = "Impresora guardada: {}"
PRUEBA_OK = "Página de prueba enviada (estado: {})."
SERVIDOR = "Servidor central (sincronización)"
SERVIDOR_GUARDADO = "Servidor central: {}"
SERVIDOR_NOTA = "Para inscribir la terminal escriba la dirección de la central y el código de un solo uso."
RESPALDO_DESTINO = "Los respaldos se guardan en {}"
RESPALDAR = "Respaldar ahora"
RESPALDO_HECHO = "Respaldo verificado: {}"
RESTAURAR = "Restaurar este respaldo…"
ARCHIVO_RESPALDO = "Archivo de respaldo (.sqlite3)"
RESTAURAR_CONFIRMAR = (
    "¿Restaurar {archivo}? La base actual se guarda aparte antes de reemplazarla. Escriba RESTAURAR para confirmar."
)
PALABRA_RESTAURAR = "RESTAURAR"
RESTAURAR_FALTA = "Escriba RESTAURAR en mayúsculas para confirmar."
RESTAURADO = "Respaldo restaurado. La base anterior quedó en {}. Vuelva a iniciar sesión."
COLUMNAS_BITACORA = ("Fecha", "Usuario", "Acción", "Detalle")
ACTUALIZAR = "Actualizar"

# Asistente de primera vez
ASISTENTE_TITULO = "Primera configuración de la terminal"
ASISTENTE_PASOS = ("Municipio", "Terminal", "Administrador", "Impresora", "Respaldos")
ASISTENTE_PASO = "Paso {n} de {total}: {nombre}"
ASISTENTE_MUNICIPIO = "Municipio"
ASISTENTE_DELEGACION = "Delegación u oficina"
ASISTENTE_TERMINAL = "Nombre de la terminal (p. ej. Caja 1)"
ASISTENTE_SERIE = "Serie de folios (letras y dígitos, p. ej. JRZ1)"
ASISTENTE_SERIE_NOTA = "Cada terminal tiene su propia serie: ningún folio se repite entre terminales."
ASISTENTE_CON_CENTRAL = "Inscribir con la central (código de inscripción) en lugar de escribir nombre y serie"
ASISTENTE_CENTRAL_NOTA = "La central asigna la serie de folios y la delegación; el código sirve una sola vez."
ASISTENTE_USUARIO = "Usuario del administrador"
ASISTENTE_NOMBRE = "Nombre completo"
ASISTENTE_CONFIRMAR = "Repita la contraseña"
ASISTENTE_IMPRESORA_NOTA = "Déjelo vacío si aún no hay impresora: los recibos quedan pendientes de imprimir."
ASISTENTE_RESPALDO = "Segunda copia diaria de respaldo (p. ej. la memoria USB)"
ASISTENTE_RESPALDO_NOTA = "Además de la copia diaria en la carpeta de datos. Puede dejarlo vacío."
ANTERIOR = "Anterior  [Esc]"
SIGUIENTE = "Siguiente  [Enter]"
TERMINAR = "Terminar  [F12]"
ASISTENTE_LISTO = "Terminal configurada. Entre con el usuario «{}»."
MUNICIPIO_PREDETERMINADO = "Jerez, Zacatecas"
OBLIGATORIO = "Es obligatorio"

# Corte: gráfica
GRAFICA_RUBROS = "Cobrado por rubro CRI"
SIN_COBROS = "Aún no hay cobros en este turno."

# Barra de estado
IMPRESORA_ESTADO = "Impresora {destino}"
IMPRESORA_PENDIENTES = ConPlural(" · {:pendiente|pendientes}")
SINCRONIZAR_AHORA = "Sincronizar ahora"
SIN_CENTRAL = "Sin central"
SIN_CENTRAL_DETALLE = "La terminal no está inscrita en una central: los recibos se quedan sólo aquí."
BANDA_DEMO = "DATOS DE DEMOSTRACIÓN: los recibos de esta terminal no tienen validez oficial."

# Sincronización con la central (barra de estado)
SINC_INICIADA = "Sincronización iniciada…"
SINC_PEDIDA = "Sincronizando ahora…"
SINC_EN_CURSO = ConPlural("Sincronizando… {confirmados:enviado|enviados} · {pendientes:pendiente|pendientes}")
SINC_OK = ConPlural("Sincronizado {cuando} · {pendientes:pendiente|pendientes}")
SINC_ERROR = ConPlural("Sin sincronizar: {error} · {pendientes:pendiente|pendientes}")
SINC_HORA = "a las {}"
SINC_NUNCA = "nunca"
SINC_DETALLE = "Último intento: {intento}\nÚltima sincronización completa: {exito}"
SINC_CONFLICTOS = "\nConflictos: {} (avise a la Tesorería)"

# PDF
GUARDAR_PDF_RECIBO = "Guardar PDF  [F4]"
GUARDAR_PDF_CORTE = "Guardar corte en PDF  [F4]"
GUARDAR_PDF_REPORTE = "Guardar reporte del día en PDF"
PDF_FILTRO = "Documento PDF (*.pdf)"
PDF_TITULO_RECIBO = "Guardar copia del recibo en PDF"
PDF_TITULO_CORTE = "Guardar el corte en PDF"
PDF_TITULO_REPORTE = "Guardar el reporte del día en PDF"
PDF_GUARDANDO = "Escribiendo el PDF…"
PDF_GUARDADO = "PDF guardado en {}"
PDF_NO_ESCRITO = "No se pudo escribir {ruta}: {motivo}. Elija otra carpeta."
PDF_SIN_RECIBO = "Elija un recibo de la lista para guardarlo en PDF."
PESTANA_REPORTES = "Reportes"
REPORTE_FECHA = "Día del reporte (dd/mm/aaaa)"
REPORTE_AYUDA = "Reporte para el tesorero: recibos del día por rubro CRI, por concepto y por cajero, y los anulados."

# Corte: gráfica (tooltip de cada barra)
GRAFICA_BARRA = "{rubro}: {importe}"

# Impresiones pendientes: descarte con supervisor
DESCARTAR = "Descartar impresión pendiente  [F3]"
DESCARTADA = (
    "Impresión pendiente del recibo {folio} descartada ({cuantas}) por {supervisor}. "
    "El recibo no cambia: si se necesita en papel, reimprímalo como COPIA [F7]."
)
ORIGINAL = "original"
COPIA_N = "copia {}"

# Inspector: reporte de ruta
REPORTE_RUTA = "Reporte de ruta (PDF)  [F4]"
PDF_TITULO_RUTA = "Guardar el reporte de ruta en PDF"

# Inscripción en la central
CODIGO_INSCRIPCION = "Código de inscripción (lo da la Tesorería)"
INSCRIBIR = "Inscribir terminal"
INSCRIBIENDO = "Inscribiendo la terminal en {}…"
INSCRITA = (
    "Terminal inscrita en la central {servidor}: serie {serie}, delegación {delegacion}. Sincronización iniciada."
)

# Favourites and most charged (the search list before anything is typed).
SUGERIDOS = "Favoritos (★) y lo más cobrado en esta terminal; escriba para buscar. Ctrl+D marca o quita un favorito."
FAVORITO_ACCION = "Agregar o quitar de favoritos"
FAVORITO_AGREGADO = "{} agregado a favoritos."
FAVORITO_QUITADO = "{} quitado de favoritos."
FAVORITO_ELIJA = "Elija un concepto de la lista para marcarlo como favorito."
VECES_COBRADO = ConPlural("{:cobro|cobros} en los últimos 30 días")
