"""The desktop app (PySide6 + pyqtgraph). Nothing in maml_gui.core imports from here."""
