"""The interactive network page (graph.html): loading the network, its views, its layout, the page."""
