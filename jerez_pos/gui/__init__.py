"""The cashier's desktop app (PySide6): views hold layout, controllers hold logic, one worker runs services."""
