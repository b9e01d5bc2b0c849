"""Controllers: the logic behind each screen; they call services only through the worker."""
