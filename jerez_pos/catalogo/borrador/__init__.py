"""Drafting next year's catalog from the new decree's text (``jerez-pos catalogo borrador``).

texto: cleaning and splitting the extracted text; partes: fracciones, incisos, numerales; alinear: pairing
articles and tokens by content; conceptos: following each base concept; giros: the padrón table; armar: the
whole draft and its report; escribir: the catalog folder.
"""
