"""The meta-learning engine: torch + numpy only, never Qt (a test enforces this)."""
