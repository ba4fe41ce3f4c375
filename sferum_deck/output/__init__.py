"""output: bytes -> files (atomic writes checked before any work), PDF through LibreOffice, previews."""
