## tests of the extract stage
