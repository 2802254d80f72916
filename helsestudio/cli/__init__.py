"""The `helsestudio` command line: one module a command group, registered in main.py."""
