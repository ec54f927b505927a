"""SPARQL for analysts: the checked query runner, its guard, its sandbox and the worker pool of the server."""
