"""certificates screens."""
