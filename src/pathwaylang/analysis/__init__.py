"""The model analysed: libraries loaded, names resolved, the graph, configuration, the checker."""
