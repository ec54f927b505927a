"""The package's version, in a module of its own: the build fingerprint and the User-Agents of
the crawler and of reconciliation name it, and importing the package's __init__ for it from
inside the package would make an import circle (__init__ imports the build)."""

__version__ = "0.1.0"
