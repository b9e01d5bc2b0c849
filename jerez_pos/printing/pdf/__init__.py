"""Letter-size PDF documents with reportlab: receipt copy, corte de caja, day report, inspector route."""
