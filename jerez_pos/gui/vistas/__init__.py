"""Screens: layout only; no logic and no service calls."""
