"""SHACL validation of article graphs and of the merged graph."""
