"""All SQL lives here. Repositories take and return ``core`` dataclasses, never raw rows."""
