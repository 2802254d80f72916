"""courses screens."""
