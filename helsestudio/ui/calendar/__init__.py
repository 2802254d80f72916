"""calendar screens."""
