"""Dominio puro: dinero, UMA, modelo del catálogo, motor de cobro. Sin Qt, sin sesiones, sin E/S."""
