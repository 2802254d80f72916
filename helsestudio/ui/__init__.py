"""The PySide6 desktop UI. Views are built in code and call services; nothing here owns a transaction."""
