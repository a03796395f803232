## tests of the parse stage
