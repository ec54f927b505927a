"""What a built graph directory offers to others: exports and dumps, the dataset description, the docs page, a static site, Wikidata reconciliation."""
