"""Test support: tools the tests use that are not tests themselves."""
