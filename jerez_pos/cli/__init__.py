"""``jerez-pos``: every action of the product, headless. One module per group of verbs."""
