"""The build: collect sources → extract → load into the store → write the outputs, in one graph directory.

    build.py     `build()`, the story in a few lines; BuildOptions and BuildReport (report.py)
    collect.py   sources (files, folders, start URLs) → articles, one per URL
    workers.py   articles → N-Quads, dump pieces and SHACL candidates, in a worker pool
    load.py      the store brought up to date (a loader thread), the vocabulary and analytics graphs
    outputs.py   graph.ttl/graph.trig (here or in a child process), graph.html, stats, VoID, validation
    state.py     state.json (which version of which article the graph holds) and the fingerprint
    staging.py   staging area, commit and recovery: how a build replaces the directory atomically
    lock.py      one writer per directory
"""
