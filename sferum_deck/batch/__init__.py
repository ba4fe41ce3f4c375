"""batch: many schools -> many decks in one run (workers, manifest, report.csv)."""
