"""The HTTP server: SPARQL protocol endpoint, linked-data pages and the viewer."""
