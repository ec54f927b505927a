"""The build: collect sources → extract → load into the store → write the outputs, in one graph directory."""
