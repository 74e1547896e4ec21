"""The pure domain: models, rules and computations. No Qt, no SQL, no OS calls, no wall clock."""
