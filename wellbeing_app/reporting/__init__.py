"""Charts and the therapist report: pure functions over core results, no widgets."""
