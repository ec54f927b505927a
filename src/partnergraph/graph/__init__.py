"""The RDF model: IRI minting, the quads of an article and of the vocabularies, and network analytics."""
