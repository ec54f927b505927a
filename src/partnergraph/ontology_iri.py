"""The ontology's namespace IRI: the one constant both namespaces.py (the IRIs and prefixes,
without rdflib) and rdfterms.py (the same terms as rdflib objects, handed out by namespaces on
first use) need. In a module of its own so that neither of the two imports the other."""

PG_IRI = "https://w3id.org/partnergraph/ontology#"
