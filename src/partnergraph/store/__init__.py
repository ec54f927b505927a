"""Where the quads live: the embedded Oxigraph store and any SPARQL 1.1 endpoint."""
