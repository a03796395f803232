## tests of the ecosystem stage
