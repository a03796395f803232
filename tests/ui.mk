## tests of the ui stage
