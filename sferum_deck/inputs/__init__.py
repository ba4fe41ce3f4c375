"""inputs: files or in-memory data -> the typed model (YAML with line marks, the declared schema, validation, brand profiles, school lists, pictures, fonts)."""
