"""The treasury's central server: terminals, batch upload, consolidated reports, signed packages."""
