## tests of the hardening stage
