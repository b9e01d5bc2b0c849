"""Printed documents: amount in words, the device-neutral receipt layout and its ESC/POS rendering.

No Qt here: printing runs headless (``jerez-pos imprimir``) and from the GUI's worker alike.
"""
