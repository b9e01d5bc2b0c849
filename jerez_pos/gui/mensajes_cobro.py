"""The Cobro screen's texts added with the second pass of the cashier's screens (same rules as ``mensajes``)."""

from __future__ import annotations

# Por giro
GIRO_GRUPO = "Elija uno · {texto}"
GIRO_DEBIDO = "Se debe por ley para este giro; revise el importe antes de agregar."
GIRO_ELEGIBLE = "Márquelo con Espacio sólo si corresponde a este negocio."
GIRO_SIN_IMPORTE = "faltan datos"
GIRO_MARCADO = "Marcado: {conceptos} · {total}"
GIRO_NADA_MARCADO = "Nada marcado: marque con Espacio lo que se cobra y pulse F6."
GIRO_CONFIRMAR_TITULO = "Agregar al recibo"
GIRO_CONFIRMAR = "¿Agregar al recibo estos conceptos?\n\n{lineas}\n\nTotal: {total}"
GIRO_CONFIRMAR_LINEA = "• {clave} · {texto}: {importe}"
CONCEPTO = "concepto"

# El concepto elegido
FALTAN_DATOS = "Importe: faltan datos"

# Recibo en curso
SI = "Sí  [Enter]"
NO = "No  [Esc]"
DUPLICADO_TITULO = "Línea repetida"
DUPLICADO = "El recibo ya tiene {clave} · {descripcion} con los mismos datos.\n¿Agregar otra línea igual?"
QUITAR_TITULO = "Quitar línea"
QUITAR_PREGUNTA = "¿Quitar del recibo la línea {clave} · {descripcion} ({importe})?"
DESCARTAR_TITULO = "Descartar el recibo"
DESCARTAR_PREGUNTA = "¿Descartar el recibo en curso ({lineas}, total {total})? No se cobra nada."
QUITAR_BOTON = "Quitar [Ctrl+Supr]"
DESCARTAR_BOTON = "Descartar [Ctrl+Mayús+Supr]"
QUITAR_AYUDA = "Quita la línea elegida del recibo (la última si no hay ninguna elegida). Pregunta antes."
DESCARTAR_AYUDA = "Descarta todo el recibo en curso sin cobrar nada. Pregunta antes."
LINEA = "línea"
SIN_LINEAS = "Sin líneas todavía."
EJERCICIO = "Ejercicio: {}"  # as the ticket prints it
