## tests of the render stage
